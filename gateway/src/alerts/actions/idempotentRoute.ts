/**
 * The route side of Idempotency-Key, shared by every write route that may be retried (alert/incident actions,
 * maintenance windows): the acting user from X-Grafana-User, and answering through the IdempotencyStore when the
 * request carries a key.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER } from '@opsdeck/contract';
import { grafanaUserOf } from '../../http/grafanaUser';
import { IdempotencyStore, type StoredAnswer } from './idempotency';

export interface IdempotencyDeps {
  idempotency: IdempotencyStore;
  clock: () => number;
}

export interface IdempotencyOptions {
  /** false for answers whose contract has no `replayed` field: a repeat then gets exactly the first answer. */
  markReplayed?: boolean;
}

export async function withIdempotency(
  deps: IdempotencyDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  act: () => Promise<StoredAnswer>,
  options: IdempotencyOptions = {}
) {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  const answer =
    typeof key === 'string' && key !== ''
      ? await deps.idempotency.once(
          IdempotencyStore.scope(userOf(request), request.url, key),
          deps.clock(),
          act,
          options.markReplayed ?? true
        )
      : await act();
  return reply.code(answer.status).send(answer.body);
}

export function userOf(request: FastifyRequest): string {
  return grafanaUserOf(request, 'anonymous');
}
