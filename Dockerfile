# Two images: the gateway, and a one-shot image that hands the built plugins to Grafana.
# The gateway's stages install and build the gateway workspace only: no webpack, no browser packages, and no compiler
# (its SQLite is Node's built-in node:sqlite; no dependency compiles at install).
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY contract/package.json contract/
COPY gateway/package.json gateway/
COPY tests/host/react19/package.json tests/host/react19/
COPY infra/package.json infra/

FROM manifests AS gateway-build
RUN npm ci --workspace @opsdeck/gateway --include-workspace-root=false --no-audit --no-fund
COPY contract contract
COPY gateway gateway
RUN npm run build --workspace @opsdeck/gateway

FROM manifests AS gateway-runtime-deps
RUN npm ci --omit=dev --workspace @opsdeck/gateway --include-workspace-root=false --no-audit --no-fund

FROM node:24-bookworm-slim AS gateway
WORKDIR /app
ENV NODE_ENV=production OPSDECK_DATA_DIR=/app/data
COPY --from=gateway-runtime-deps /app/node_modules ./node_modules
COPY --from=gateway-build /app/gateway/dist ./gateway/dist
COPY provisioning/opsdeck ./provisioning/opsdeck
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
CMD ["node", "gateway/dist/server.js"]

# The plugins: the whole workspace is installed (webpack, @grafana/*), and only dist/ leaves this stage.
FROM manifests AS plugins-build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:plugins

# Copies dist/ into the volume Grafana mounts as its plugin folder, then exits.
FROM busybox:1.36 AS plugins
COPY --from=plugins-build /app/dist /opsdeck-dist
CMD ["sh", "-c", "rm -rf /plugins/opsdeck-sre-app && mkdir -p /plugins/opsdeck-sre-app && cp -r /opsdeck-dist/. /plugins/opsdeck-sre-app/"]
