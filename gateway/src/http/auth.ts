import crypto from 'node:crypto';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { WRITE_ROLE_HEADER } from '@opsdeck/contract';

/**
 * Constant-time comparison. Both sides are hashed first so the buffers have equal length whatever was sent, and
 * neither the content nor the length of the token leaks through timing.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) {
    return false;
  }
  const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest();
  return crypto.timingSafeEqual(digest(expected), digest(presented));
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The header only the datasource's Editor-gated `write` route injects; its value is the API token. */
export function viaWriteRoute(request: FastifyRequest, apiToken: string): boolean {
  const header = request.headers[WRITE_ROLE_HEADER.toLowerCase()];
  return tokenMatches(apiToken, typeof header === 'string' ? header : undefined);
}

/**
 * preHandler for write endpoints: besides the bearer token they need the header only the datasource's Editor-gated
 * `write` route injects. Its value is the api token, so a Viewer cannot add it through the `read` route.
 */
export function writeRouteGuard(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!viaWriteRoute(request, token)) {
      return reply.code(403).send({
        error: `writes must come through the Opsdeck datasource's Editor route (${WRITE_ROLE_HEADER} header missing or wrong)`,
      });
    }
  };
}
