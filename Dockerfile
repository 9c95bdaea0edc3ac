# Three images from one build: the gateway, and a one-shot image that hands the built plugins to Grafana.
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to compiling its addon when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY contract/package.json contract/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS gateway
WORKDIR /app
ENV NODE_ENV=production OPSDECK_DATA_DIR=/app/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/gateway/dist ./gateway/dist
COPY provisioning/opsdeck ./provisioning/opsdeck
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
CMD ["node", "gateway/dist/server.js"]

# Copies dist/ into the volume Grafana mounts as its plugin folder, then exits.
FROM busybox:1.36 AS plugins
COPY --from=build /app/dist /opsdeck-dist
CMD ["sh", "-c", "rm -rf /plugins/opsdeck-sre-app && mkdir -p /plugins/opsdeck-sre-app && cp -r /opsdeck-dist/. /plugins/opsdeck-sre-app/"]
