/**
 * POST /webhooks/{pagerduty,sns,alertmanager,grafana,opsgenie}. Each request is authenticated on its raw bytes,
 * parsed into the vendor-neutral model and handed to `persist` with an idempotency key; the answer is 2xx only
 * once `persist` has resolved, because the senders retry until they get one (PagerDuty for 48 h).
 * Bad signature/topic/token → 401 and nothing persisted; malformed → 400 naming the field; oversize → 413.
 *
 * The idempotency key comes only from authenticated bytes and is what the sender repeats on a retry: a header
 * outside the signature (PagerDuty's X-Webhook-Id) would let one captured delivery be stored once per made-up id.
 * Parsers get the body alone, never the request, so no header can reach the key, the alerts or the timeline.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogService } from '@opsdeck/contract';
import { answerError, WEBHOOK_WORDING } from '../http/errors';
import type { WebhookDelivery } from '../upstream/alertIngest';
import type { WebhookSeams } from '../upstream/descriptor';
import type { WebhookConfig } from '../upstream/webhookConfig';
import { alertUpstreams } from '../upstreams';

export interface WebhookDeps extends WebhookSeams {
  /** Commits the delivery (alerts, incident changes, dedup record) atomically; resolves once durable. */
  persist: (delivery: WebhookDelivery) => Promise<{ inserted: number }>;
  catalog: { services: CatalogService[] };
  config: WebhookConfig;
  /** Date.now by default. */
  clock?: () => number;
}

export interface WebhookResponse {
  status: 'stored' | 'ignored' | 'confirmed';
  /** 0 for a replayed delivery. */
  inserted: number;
}

export async function registerWebhookRoutes(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  await app.register(async (scope) => {
    // Signatures are over the exact bytes sent, so this scope keeps bodies as Buffers (SNS even says text/plain).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.bodyLimitBytes }, (_req, body, done) =>
      done(null, body)
    );
    scope.setErrorHandler(webhookErrorHandler);

    const clock = deps.clock ?? Date.now;
    for (const upstream of alertUpstreams()) {
      const source = upstream.id;
      const ingest = upstream.webhook?.(deps.config, deps);
      if (!ingest) continue;
      scope.post(
        `/webhooks/${source}`,
        { bodyLimit: deps.config.bodyLimitBytes, config: { access: 'webhook' } },
        async (request, reply) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          ingest.authenticate(request.headers, raw);
          const receivedAt = clock();
          const parsed = await ingest.parse(raw, { catalog: deps.catalog.services, receivedAt });
          if (!parsed.batch) {
            return reply
              .code(200)
              .send({ status: parsed.confirmed ? 'confirmed' : 'ignored', inserted: 0 } satisfies WebhookResponse);
          }
          const { inserted } = await deps.persist({
            source,
            deliveryId: parsed.deliveryId,
            receivedAt,
            batch: parsed.batch,
          });
          return reply
            .code(200)
            .send({ status: parsed.batch.ignored ? 'ignored' : 'stored', inserted } satisfies WebhookResponse);
        }
      );
    }
  });
}

/** 5xx for anything unexpected, so the sender retries: the event was not stored. */
function webhookErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return answerError(error, request, reply, WEBHOOK_WORDING);
}
