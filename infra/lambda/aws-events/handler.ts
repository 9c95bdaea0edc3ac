/**
 * The event Lambda (Node 24, no dependencies: esbuild bundles this file and its neighbours alone). It takes what
 * the EventBridge rules catch (CloudWatch alarm state changes; CodeDeploy, ECS and CodePipeline deployment state
 * changes; Auto Scaling launches and terminations) either straight from a rule (one event per invocation) or from an
 * SQS queue in between (a batch), normalises each event (normalise.ts) and posts them to the gateway's
 * POST /webhooks/aws-events with `Authorization: Bearer $OPSDECK_EVENTS_TOKEN` (deliver.ts).
 *
 * What fails how: an event that does not read, or that the gateway refuses with a 4xx, is logged and dropped (it
 * would fail the same way again). A gateway that stays unreachable or answers 5xx through the retries fails the
 * invocation: a rule's event is then retried by Lambda's asynchronous invocation (and lands in its on-failure
 * destination at last); an SQS batch answers `batchItemFailures` naming only the messages not delivered, so SQS
 * redelivers those alone (the event source mapping needs ReportBatchItemFailures).
 *
 * Environment: OPSDECK_GATEWAY_URL (the gateway's base URL, e.g. the API Gateway endpoint) and OPSDECK_EVENTS_TOKEN
 * (the gateway's OPSDECK_AWS_EVENTS_TOKEN).
 */
import { deliver, type DeliveryOptions, type Item, type Logger } from './deliver';
import { normalise } from './normalise';

export interface SqsRecord {
  messageId: string;
  body: string;
  eventSource?: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/** What a rule's single event answers (Lambda ignores it; tests and logs read it). */
export interface EventSummary {
  delivered: number;
  skipped: number;
  dropped: number;
}

/** The part of Lambda's context the handler reads. */
export interface LambdaContext {
  getRemainingTimeInMillis?(): number;
  awsRequestId?: string;
}

export type HandlerOptions = Omit<DeliveryOptions, 'log' | 'remainingMs'> & { log?: Logger };

export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

/** One JSON line per entry, as CloudWatch Logs shows and Logs Insights queries them. */
export const jsonLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

/** The settings from the function's environment; a missing or malformed one fails every invocation by name. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): HandlerOptions {
  const gatewayUrl = env.OPSDECK_GATEWAY_URL?.trim();
  const token = env.OPSDECK_EVENTS_TOKEN?.trim();
  if (!gatewayUrl || !/^https?:\/\/\S+$/.test(gatewayUrl)) {
    throw new Error('OPSDECK_GATEWAY_URL must be the http(s) URL of the Opsdeck gateway');
  }
  if (!token) throw new Error('OPSDECK_EVENTS_TOKEN must be set (the gateway’s OPSDECK_AWS_EVENTS_TOKEN)');
  return { gatewayUrl, token };
}

export function isSqsEvent(input: unknown): input is SqsEvent {
  if (typeof input !== 'object' || input === null || !('Records' in input)) return false;
  const records = (input as { Records: unknown }).Records;
  return (
    Array.isArray(records) &&
    records.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as SqsRecord).messageId === 'string' &&
        typeof (r as SqsRecord).body === 'string' &&
        ((r as SqsRecord).eventSource === undefined || (r as SqsRecord).eventSource === 'aws:sqs')
    )
  );
}

/** `options`: fixed, or read on the first invocation (the environment of a cold start). */
export function createHandler(options: HandlerOptions | (() => HandlerOptions)) {
  let resolved: HandlerOptions | undefined;
  return async function handle(input: unknown, context?: LambdaContext): Promise<SqsBatchResponse | EventSummary> {
    resolved ??= typeof options === 'function' ? options() : options;
    const log = resolved.log ?? jsonLogger;
    const delivery: DeliveryOptions = {
      ...resolved,
      log,
      remainingMs: context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis!() : undefined,
    };
    return isSqsEvent(input) ? handleBatch(input, delivery) : handleEvent(input, delivery);
  };
}

async function handleBatch(input: SqsEvent, options: DeliveryOptions): Promise<SqsBatchResponse> {
  const items: Item[] = [];
  for (const record of input.Records) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(record.body);
    } catch {
      options.log.error('SQS message is not JSON; dropped', { messageId: record.messageId });
      continue;
    }
    const normalised = normalise(parsed);
    if ('skipped' in normalised) {
      options.log.info('event skipped', { messageId: record.messageId, reason: normalised.skipped });
      continue;
    }
    items.push({ key: record.messageId, event: normalised.event });
  }
  const result = await deliver(items, options);
  return { batchItemFailures: result.failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

async function handleEvent(input: unknown, options: DeliveryOptions): Promise<EventSummary> {
  const normalised = normalise(input);
  if ('skipped' in normalised) {
    options.log.info('event skipped', { reason: normalised.skipped });
    return { delivered: 0, skipped: 1, dropped: 0 };
  }
  const result = await deliver([{ key: normalised.event.id, event: normalised.event }], options);
  if (result.failed.length > 0) {
    // Thrown, so that Lambda retries the asynchronous invocation (twice by default) and then hands it on.
    throw new DeliveryFailedError(`event ${normalised.event.id} not delivered to the gateway; retry`);
  }
  return { delivered: result.delivered.length, skipped: 0, dropped: result.dropped.length };
}

/** The function's entry point (`handler.handler`). */
export const handler = createHandler(() => optionsFromEnv(process.env));
