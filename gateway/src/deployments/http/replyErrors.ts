import type { FastifyReply } from 'fastify';
import type { ApiError } from '@opsdeck/contract';
import { DeploymentInputError } from '../ciEvents';
import { RollbackRequestError } from '../rollback/errors';
import { ParamError } from './params';

/** Answers the request errors the deployment routes know as JSON `{error, field}`; rethrows anything else. */
export function replyKnownError(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof ParamError || err instanceof DeploymentInputError) {
    return reply.code(400).send({ error: err.message, field: err.field } satisfies ApiError);
  }
  if (err instanceof RollbackRequestError) {
    return reply.code(err.status).send({ error: err.message, field: err.field } satisfies ApiError);
  }
  throw err;
}
