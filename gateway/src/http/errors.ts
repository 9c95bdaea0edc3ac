import { type FastifyError, type FastifyInstance } from 'fastify';
import { StoreBusyError } from '../store/errors';
import { pathOf } from './logging';

/** Every error answers JSON `{error}`. Client errors say what was wrong; server errors never show internals. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof StoreBusyError) {
      // Nothing was written; the same request can be sent again once the database has caught up.
      request.log.warn({ reason: error.message, path: pathOf(request.url) }, 'database busy');
      return reply
        .code(503)
        .header('Retry-After', String(error.retryAfterSeconds))
        .send({ error: 'the database is busy; retry later' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: 'internal error; see the gateway log' });
    }
    return reply.code(status).send({ error: clientMessage(error) });
  });
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body too large (limit 1 MiB)';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty; send a JSON document';
    default:
      // JSON.parse errors from the body parser carry statusCode 400 and no Fastify code.
      return error instanceof SyntaxError ? `request body is not valid JSON: ${error.message}` : error.message;
  }
}
