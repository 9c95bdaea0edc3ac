/**
 * The one HTTP error path: every typed error a route or hook may throw, mapped to its status here and nowhere else.
 * Routes throw; they do not pick status codes for errors. Every answer is JSON `{error}` (plus `field` when one
 * field is at fault); client errors say what was wrong, server errors never show internals.
 */
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiError } from '@opsdeck/contract';
import { FilterError } from '../alerts/listFilters';
import { DeploymentInputError } from '../deployments/ciEvents';
import { ParamError } from '../deployments/http/params';
import { RollbackRequestError } from '../deployments/rollback/errors';
import { ClientGoneError } from '../query/cooperative';
import { QueryBodyError } from '../query/runQueries';
import { StoreBusyError, StoreValueError } from '../store/errors';
import { MalformedPayloadError, VerificationUnavailableError, WebhookAuthError } from '../upstream/parse/errors';
import { pathOf } from './logging';

/** What differs between the API and the webhooks: the sentences, and whether a Fastify 4xx is passed on. */
export interface ErrorWording {
  busy: string;
  internal: string;
  bodyTooLarge: string;
  /** false: an error not in the table is a 500 even when Fastify gave it a 4xx (a webhook sender then retries). */
  fastifyClientErrors: boolean;
}

export const API_WORDING: ErrorWording = {
  busy: 'the database is busy; retry later',
  internal: 'internal error; see the gateway log',
  bodyTooLarge: 'request body too large (limit 1 MiB)',
  fastifyClientErrors: true,
};

export const WEBHOOK_WORDING: ErrorWording = {
  busy: 'the database is busy; the event was not stored, retry later',
  internal: 'internal error; the event was not stored, retry later',
  // The webhook body limit is a setting (OPSDECK_WEBHOOK_BODY_LIMIT), so no figure is given.
  bodyTooLarge: 'request body too large',
  fastifyClientErrors: false,
};

/** Errors whose message names the field at fault: the request was wrong. */
const BAD_INPUT = [QueryBodyError, FilterError, ParamError, DeploymentInputError, MalformedPayloadError] as const;

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply, API_WORDING));
}

export function answerError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  wording: ErrorWording
): FastifyReply {
  const send = (status: number, body: ApiError) => reply.code(status).send(body);
  const path = pathOf(request.url);
  if (BAD_INPUT.some((type) => error instanceof type)) {
    return send(400, { error: error.message, field: (error as unknown as { field: string }).field });
  }
  if (error instanceof RollbackRequestError) {
    return send(error.status, { error: error.message, field: error.field });
  }
  if (error instanceof StoreValueError) return send(400, { error: error.message });
  if (error instanceof WebhookAuthError) {
    // The reason names the check that failed (never a secret), which is what an operator wiring a sender needs.
    request.log.warn({ reason: error.message, path }, 'webhook refused');
    return send(401, { error: `webhook refused: ${error.message}` });
  }
  if (error instanceof ClientGoneError) {
    // Nobody reads this answer; 499 (nginx's "client closed request") keeps it apart in the request metrics.
    request.log.info('client closed the connection: work stopped');
    return send(499, { error: error.message });
  }
  if (error instanceof VerificationUnavailableError) {
    request.log.warn({ reason: error.message, path }, 'webhook verification unavailable');
    return send(503, { error: 'cannot verify the delivery right now; retry later' });
  }
  if (error instanceof StoreBusyError) {
    // Nothing was written; the same request can be sent again once the database has caught up (senders retry a 503).
    request.log.warn({ reason: error.message, path }, 'database busy');
    reply.header('Retry-After', String(error.retryAfterSeconds));
    return send(503, { error: wording.busy });
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, { error: wording.bodyTooLarge });
  const status = error.statusCode ?? 500;
  if (status >= 500 || !wording.fastifyClientErrors) {
    request.log.error({ err: error }, 'request failed');
    return send(500, { error: wording.internal });
  }
  return send(status, { error: clientMessage(error) });
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty; send a JSON document';
    default:
      // JSON.parse errors from the body parser carry statusCode 400 and no Fastify code.
      return error instanceof SyntaxError ? `request body is not valid JSON: ${error.message}` : error.message;
  }
}
