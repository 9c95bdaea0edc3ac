/**
 * What the gateway logs about a request: method and path, never the query string (a client may put anything there,
 * a token included) and never headers (Authorization, the write-route header and webhook signatures are secrets).
 */
import { type FastifyServerOptions } from 'fastify';

export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
        method: request.method,
        path: pathOf(request.url),
        remoteAddress: request.ip ?? request.socket?.remoteAddress,
      }),
    },
  };
}
