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
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AlertSource, ApiError, CatalogService } from '@opsdeck/contract';
import { parseAlertmanagerWebhook } from '../sources/alertmanager/parseWebhook';
import { parseGrafanaWebhook } from '../sources/grafana/parseWebhook';
import { opsgenieActionKey, parseOpsgenieWebhook } from '../sources/opsgenie/parseWebhook';
import { pagerDutyEventId, parsePagerDutyWebhook } from '../sources/pagerduty/parseWebhook';
import { verifyPagerDutySignature } from '../sources/pagerduty/verifySignature';
import { createCertificateProvider, type CertificateProvider } from '../sources/sns/certificates';
import { parseSnsNotification } from '../sources/sns/cloudwatchAlarm';
import { confirmSubscription, type UrlGetter } from '../sources/sns/confirmSubscription';
import { verifySnsDelivery } from '../sources/sns/verify';
import { MalformedPayloadError, VerificationUnavailableError, WebhookAuthError } from './errors';
import { StoreBusyError, StoreValueError } from '../store/errors';
import { parseJsonBody } from './json';
import type { IngestBatch, ParseContext } from './model';
import { pathOf } from '../http/logging';
import { matchesSharedSecret, verifyBearer } from './sharedSecret';
import type { WebhookConfig } from './webhookConfig';

/** One verified delivery. `deliveryId` is the idempotency key: persisting the same id twice must change nothing. */
export interface WebhookDelivery {
  source: AlertSource;
  deliveryId: string;
  receivedAt: number;
  batch: IngestBatch;
}

export interface WebhookDeps {
  /** Commits the delivery (alerts, incident changes, dedup record) atomically; resolves once durable. */
  persist: (delivery: WebhookDelivery) => Promise<{ inserted: number }>;
  catalog: { services: CatalogService[] };
  config: WebhookConfig;
  /** Defaults: certificates from config.snsCertsDir or HTTPS; subscription confirmation over HTTPS; Date.now. */
  snsCertificates?: CertificateProvider;
  confirmSnsSubscription?: UrlGetter;
  clock?: () => number;
}

export interface WebhookResponse {
  status: 'stored' | 'ignored' | 'confirmed';
  /** 0 for a replayed delivery. */
  inserted: number;
}

type Authenticate = (request: FastifyRequest, raw: Buffer) => void;
type Parse = (raw: Buffer, ctx: ParseContext) => Promise<ParsedDelivery>;
interface ParsedDelivery {
  deliveryId: string;
  batch?: IngestBatch;
  confirmed?: boolean;
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
    const certificates = deps.snsCertificates ?? createCertificateProvider({ certsDir: deps.config.snsCertsDir });
    const route = (source: AlertSource, authenticate: Authenticate, parse: Parse) =>
      scope.post(
        `/webhooks/${source}`,
        { bodyLimit: deps.config.bodyLimitBytes, config: { access: 'webhook' } },
        async (request, reply) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          authenticate(request, raw);
          const receivedAt = clock();
          const parsed = await parse(raw, { catalog: deps.catalog.services, receivedAt });
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

    route(
      'pagerduty',
      (request, raw) => {
        if (!verifyPagerDutySignature(raw, header(request, 'x-pagerduty-signature'), deps.config.pagerdutySecrets)) {
          throw new WebhookAuthError('X-PagerDuty-Signature does not match any configured secret');
        }
      },
      async (raw, ctx) => {
        const body = parseJsonBody(raw);
        const batch = parsePagerDutyWebhook(body, ctx);
        return { deliveryId: pagerDutyEventId(body), batch };
      }
    );

    // SNS signs fields inside the JSON, so it is parsed before it is authenticated. MessageId is in the signed
    // string of every message type (sources/sns/signature.ts) and SNS keeps it across its delivery retries.
    route(
      'sns',
      () => undefined,
      async (raw, ctx) => {
        const message = await verifySnsDelivery(parseJsonBody(raw), {
          allowedTopicArns: deps.config.snsTopicArns,
          certificates,
        });
        if (message.Type === 'SubscriptionConfirmation') {
          await confirmSubscription(message, deps.confirmSnsSubscription);
          return { deliveryId: message.MessageId, confirmed: true };
        }
        if (message.Type === 'UnsubscribeConfirmation') {
          return { deliveryId: message.MessageId };
        }
        return { deliveryId: message.MessageId, batch: parseSnsNotification(message, ctx) };
      }
    );

    const bearer: Authenticate = (request) => {
      if (!verifyBearer(header(request, 'authorization'), deps.config.webhookTokens)) {
        throw new WebhookAuthError('missing or wrong Authorization: Bearer <OPSDECK_WEBHOOK_TOKEN>');
      }
    };
    // Neither sender gives a delivery id, and the bearer token authenticates the whole request, body included. A
    // retry re-sends the notification it failed to deliver, byte for byte; a later notification of the same group
    // says something new (an alert added or resolved, fresh annotations) and so differs. The body hash tells the two
    // apart, where groupKey would drop every later notification of the group. A repeat of an unchanged group (no
    // timestamps in the body; firing alerts carry a zero endsAt) hashes the same and is dropped too: it has no news.
    route('alertmanager', bearer, async (raw, ctx) => ({
      deliveryId: bodyHash(raw),
      batch: parseAlertmanagerWebhook(parseJsonBody(raw), ctx),
    }));
    route('grafana', bearer, async (raw, ctx) => ({
      deliveryId: bodyHash(raw),
      batch: parseGrafanaWebhook(parseJsonBody(raw), ctx),
    }));

    route(
      'opsgenie',
      (request) => {
        if (
          !matchesSharedSecret(header(request, deps.config.opsgenieHeader.toLowerCase()), deps.config.opsgenieTokens)
        ) {
          throw new WebhookAuthError(`missing or wrong ${deps.config.opsgenieHeader} header`);
        }
      },
      async (raw, ctx) => {
        const body = parseJsonBody(raw);
        const batch = parseOpsgenieWebhook(body, ctx);
        // See opsgenieActionKey; a body that does not stamp its action has only its bytes as identity.
        return { deliveryId: opsgenieActionKey(body) ?? bodyHash(raw), batch };
      }
    );
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function bodyHash(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function webhookErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof MalformedPayloadError) {
    return reply.code(400).send({ error: error.message, field: error.field } satisfies ApiError);
  }
  if (error instanceof WebhookAuthError) {
    // The reason names the check that failed (never a secret), which is what an operator wiring a sender needs.
    request.log.warn({ reason: error.message, path: pathOf(request.url) }, 'webhook refused');
    return reply.code(401).send({ error: `webhook refused: ${error.message}` } satisfies ApiError);
  }
  if (error instanceof VerificationUnavailableError) {
    request.log.warn({ reason: error.message, path: pathOf(request.url) }, 'webhook verification unavailable');
    return reply.code(503).send({ error: 'cannot verify the delivery right now; retry later' } satisfies ApiError);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ error: 'request body too large' } satisfies ApiError);
  }
  if (error instanceof StoreBusyError) {
    // Nothing was stored and the sender retries a 503, which is what a database locked for a while needs.
    request.log.warn({ reason: error.message, path: pathOf(request.url) }, 'webhook not stored: database busy');
    return reply
      .code(503)
      .header('Retry-After', String(error.retryAfterSeconds))
      .send({ error: 'the database is busy; the event was not stored, retry later' } satisfies ApiError);
  }
  if (error instanceof StoreValueError) {
    return reply.code(400).send({ error: error.message } satisfies ApiError);
  }
  request.log.error({ err: error }, 'webhook failed');
  // 5xx so the sender retries: the event was not stored.
  return reply.code(500).send({ error: 'internal error; the event was not stored, retry later' } satisfies ApiError);
}
