/**
 * POST /webhooks/aws-events: the AWS events the event Lambda (infra/lambda/aws-events) forwards from EventBridge,
 * in batches (contract/src/awsEvents.ts). Authenticated by `Authorization: Bearer <OPSDECK_AWS_EVENTS_TOKEN>` before
 * the body is read (401 and nothing stored otherwise), validated whole (400 naming the field, nothing stored), then
 * each event goes where its kind is kept:
 *
 * - an alarm state change becomes the CloudWatch alarm's alert, through the SNS parser (sources/eventbridge/
 *   alarmEvent.ts): one alert per alarm ARN whether SNS, the poller or EventBridge brought it. A change already
 *   stored (same state change time, from SNS or the poller) is a duplicate; an OK for an alarm Opsdeck never saw
 *   firing is ignored, as the poller does;
 * - a deployment state change updates the record the deploy poller keeps, same id (sources/eventbridge/
 *   deploymentEvent.ts), once per EventBridge event id;
 * - an Auto Scaling activity fires or resolves its group's capacity alert (sources/eventbridge/capacityEvent.ts).
 *
 * EventBridge delivers at least once, so the EventBridge event id (or, for alarms, the state change) is the
 * idempotency key: a repeat answers `duplicate` and stores nothing. The answer is 200 only once every event is
 * committed; a busy database is 503 with Retry-After, and the Lambda retries the batch (what was committed then
 * answers `duplicate`).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AWS_EVENTS_WEBHOOK_PATH,
  type Alert,
  type AwsAlarmEvent,
  type AwsCapacityEvent,
  type AwsDeploymentEvent,
  type AwsEvent,
  type AwsEventOutcome,
  type AwsEventsResponse,
  type CatalogService,
} from '@opsdeck/contract';
import type { AlertStore } from '../alerts/alertStore';
import type { DeploymentsModule } from '../deployments/deploymentsModule';
import { answerError, WEBHOOK_WORDING } from '../http/errors';
import { alarmDelivery } from '../sources/eventbridge/alarmEvent';
import { capacityAlert, capacityAlertId, capacityResolution } from '../sources/eventbridge/capacityEvent';
import { foldDeploymentEvent, matchDeploymentTarget } from '../sources/eventbridge/deploymentEvent';
import { parseAwsEventsRequest } from '../sources/eventbridge/schema';
import type { ParseContext, WebhookDelivery } from '../upstream/alertIngest';
import { WebhookAuthError } from '../upstream/parse/errors';
import { parseJsonBody } from '../upstream/parse/json';
import { verifyBearer } from '../upstream/sharedSecret';

export interface AwsEventsRouteDeps {
  /** OPSDECK_AWS_EVENTS_TOKEN, several while it rotates; none = every request is refused. */
  tokens: string[];
  /** OPSDECK_WEBHOOK_BODY_LIMIT, like the other webhooks. */
  bodyLimitBytes: number;
  catalog: readonly CatalogService[];
  alerts: Pick<AlertStore, 'persist' | 'getAlert'>;
  deployments: Pick<DeploymentsModule, 'applyEvent'>;
  clock: () => number;
}

type Result = AwsEventsResponse['results'][number];

/** The key a deployment event is recorded under in deployment_events. */
export function awsEventKey(event: Pick<AwsEvent, 'id'>): string {
  return `aws-event:${event.id}`;
}

export async function awsEventsRoute(app: FastifyInstance, deps: AwsEventsRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    // Read as bytes and parsed here, like the other webhooks, so that bad JSON is a 400 naming the body (the
    // webhook error wording turns Fastify's own 4xx into a 500, for senders that must retry what was not stored).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimitBytes }, (_req, body, done) =>
      done(null, body)
    );
    scope.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      answerError(error, request, reply, WEBHOOK_WORDING)
    );
    scope.post(
      AWS_EVENTS_WEBHOOK_PATH,
      { bodyLimit: deps.bodyLimitBytes, config: { access: 'webhook' } },
      async (request, reply) => {
        if (!verifyBearer(request.headers.authorization, deps.tokens)) {
          throw new WebhookAuthError('missing or wrong Authorization: Bearer <OPSDECK_AWS_EVENTS_TOKEN>');
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const { events } = parseAwsEventsRequest(parseJsonBody(raw));
        const results = await ingest(events, deps.clock(), deps);
        return reply.code(200).send({ results } satisfies AwsEventsResponse);
      }
    );
  });
}

/**
 * Alerts first, in order: each event is weighed against the alert as the batch has left it so far (a failed
 * launch then a successful one in one batch resolves), and their deliveries are handed to the store together so
 * the group writer commits them in one transaction. Deployments then, one transaction each, in order.
 */
async function ingest(events: readonly AwsEvent[], receivedAt: number, deps: AwsEventsRouteDeps): Promise<Result[]> {
  const ctx: ParseContext = { catalog: [...deps.catalog], receivedAt };
  const results: Result[] = new Array(events.length);
  const alerts = new BatchAlerts(deps.alerts);
  const writes: Array<Promise<void>> = [];
  for (const [index, event] of events.entries()) {
    if (event.kind === 'deployment') continue;
    const planned =
      event.kind === 'alarm' ? await planAlarm(event, ctx, alerts) : await planCapacity(event, ctx, alerts);
    if ('result' in planned) {
      results[index] = planned.result;
      continue;
    }
    writes.push(
      deps.alerts.persist({ source: 'sns', receivedAt, ...planned.delivery }).then(({ inserted }) => {
        results[index] = { id: event.id, outcome: inserted > 0 ? 'stored' : 'duplicate' };
      })
    );
  }
  await Promise.all(writes);
  for (const [index, event] of events.entries()) {
    if (event.kind === 'deployment') results[index] = await applyDeployment(event, deps);
  }
  return results;
}

type Plan = { result: Result } | { delivery: Pick<WebhookDelivery, 'deliveryId' | 'batch'> };

const answer = (event: AwsEvent, outcome: AwsEventOutcome, reason?: string): Plan => ({
  result: { id: event.id, outcome, reason },
});

/** The alerts this batch has read or written so far, by id: the store's as read, then as this batch left them. */
class BatchAlerts {
  private readonly seen = new Map<string, Alert | undefined>();

  constructor(private readonly store: Pick<AlertStore, 'getAlert'>) {}

  async get(id: string): Promise<Alert | undefined> {
    if (!this.seen.has(id)) this.seen.set(id, (await this.store.getAlert(id))?.alert);
    return this.seen.get(id);
  }

  set(alert: Alert): void {
    const known = this.seen.get(alert.id);
    if (!known || alert.updatedAt >= known.updatedAt) this.seen.set(alert.id, alert);
  }
}

async function planAlarm(event: AwsAlarmEvent, ctx: ParseContext, alerts: BatchAlerts): Promise<Plan> {
  const delivery = alarmDelivery(event, ctx);
  const incoming = delivery.batch.alerts[0];
  const stored = await alerts.get(delivery.alertId);
  if (!stored && event.alarm.state === 'OK')
    return answer(event, 'ignored', 'OK for an alarm Opsdeck never saw firing');
  // The same state change already came by SNS (its own delivery id) or was read by the poller: one alert, once.
  if (
    stored &&
    stored.updatedAt === incoming.updatedAt &&
    (stored.status === 'resolved') === (incoming.status === 'resolved')
  ) {
    return answer(event, 'duplicate', 'this alarm state change is already stored');
  }
  alerts.set(incoming);
  return { delivery };
}

async function planCapacity(event: AwsCapacityEvent, ctx: ParseContext, alerts: BatchAlerts): Promise<Plan> {
  const deliveryId = `eventbridge:${event.id}`;
  if (event.capacity.outcome === 'failed') {
    const alert = capacityAlert(event, ctx);
    alerts.set(alert);
    return { delivery: { deliveryId, batch: { alerts: [alert], incidents: [] } } };
  }
  const open = await alerts.get(capacityAlertId(event));
  if (!open || open.status === 'resolved') {
    return answer(event, 'ignored', `no failed ${event.capacity.activity} open for ${event.capacity.autoScalingGroup}`);
  }
  if (event.capacity.at < open.updatedAt) return answer(event, 'ignored', 'older than the failure it would resolve');
  const resolved = capacityResolution(open, event);
  alerts.set(resolved);
  return { delivery: { deliveryId, batch: { alerts: [resolved], incidents: [] } } };
}

async function applyDeployment(event: AwsDeploymentEvent, deps: AwsEventsRouteDeps): Promise<Result> {
  const match = matchDeploymentTarget(event, deps.catalog);
  if (!match) {
    const { target } = event.deployment;
    const name =
      target.kind === 'codedeploy'
        ? `${target.application}/${target.deploymentGroup}`
        : target.kind === 'codepipeline'
          ? target.pipeline
          : `${target.cluster ?? '?'}/${target.service}`;
    return { id: event.id, outcome: 'ignored', reason: `no catalog service deploys through ${target.kind} ${name}` };
  }
  const { duplicate, changed } = await deps.deployments.applyEvent(awsEventKey(event), match.id, (existing) =>
    foldDeploymentEvent(existing, event, match)
  );
  if (duplicate) return { id: event.id, outcome: 'duplicate' };
  return changed
    ? { id: event.id, outcome: 'stored' }
    : { id: event.id, outcome: 'ignored', reason: `deployment ${match.id} already says as much or more` };
}
