import { type ActionBodies, type Clock, type GatewayClient, toGatewayError } from '@/api';
import { type ActionTarget, describeError, newAttempt } from '@/components/Actions';
import {
  type ActionResult,
  type AlertBulkJob,
  type AlertBulkMismatch,
  type AlertBulkRequest,
  type BulkAcknowledgeResponse,
  type BulkAction,
} from '@opsdeck/contract';
import { type AckOutcome, describeAckError } from './acknowledge';

/** POST /api/alerts/bulk-acknowledge takes at most this many ids per call. */
export const ACK_IDS_PER_CALL = 200;
/** How often a running bulk job is asked how far it got. */
export const BULK_POLL_MS = 1000;
/** "Snooze" on the page snoozes for an hour. */
export const SNOOZE_MS = 60 * 60 * 1000;

const DONE_WORDS: Record<BulkAction, string> = { acknowledge: 'Acknowledged', resolve: 'Resolved', snooze: 'Snoozed' };
const DOING_WORDS: Record<BulkAction, string> = {
  acknowledge: 'Acknowledging',
  resolve: 'Resolving',
  snooze: 'Snoozing',
};

export const doingWord = (action: BulkAction) => DOING_WORDS[action];

/** An explicit selection of ids, acknowledged 200 at a time; the answers are added up into one. */
export async function acknowledgeIds(client: GatewayClient, ids: readonly string[]): Promise<BulkAcknowledgeResponse> {
  const total: BulkAcknowledgeResponse = { results: [], done: 0, failed: 0 };
  for (let i = 0; i < ids.length; i += ACK_IDS_PER_CALL) {
    const answer = await client.bulkAcknowledgeAlerts(ids.slice(i, i + ACK_IDS_PER_CALL));
    total.results.push(...answer.results);
    total.done += answer.done;
    total.failed += answer.failed;
  }
  return total;
}

/** Requests in flight at once for a selection acted on one alert at a time. */
export const SELECTION_PARALLEL = 4;

/**
 * Resolve or snooze of an explicit selection: one request per alert (each its own user action, so its own
 * Idempotency-Key), a few at a time; every answer is kept, done or failed with the source's reason.
 */
export async function actOnIds<K extends 'resolve' | 'snooze'>(
  client: GatewayClient,
  targets: readonly ActionTarget[],
  action: K,
  body: ActionBodies[K],
  onProgress: (done: number) => void
): Promise<Array<{ ok: boolean; text: string; result?: ActionResult }>> {
  const outcomes: Array<{ ok: boolean; text: string; result?: ActionResult }> = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++];
      const attempt = newAttempt(target, action, body);
      try {
        const result = await client.act('alert', target.id, action, body, attempt.idempotencyKey);
        outcomes.push({ ok: result.outcome === 'done', text: `${target.id}: ${result.message ?? ''}`, result });
      } catch (err) {
        outcomes.push({ ok: false, text: `${target.title}: ${describeError(action, err).text}` });
      }
      onProgress(outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SELECTION_PARALLEL, targets.length) }, worker));
  return outcomes;
}

/**
 * Starts an action on every alert a filter matches and follows the job until it ends, reporting it as it goes.
 * Rejects like the client (a GatewayError; 409 when more alerts match than `expected`).
 */
export async function runBulkAction(
  client: GatewayClient,
  request: AlertBulkRequest,
  clock: Clock,
  onProgress: (job: AlertBulkJob) => void,
  cancelled: () => boolean = () => false
): Promise<AlertBulkJob> {
  let { job } = await client.startBulkAction(request);
  onProgress(job);
  while (job.state === 'running' && !cancelled()) {
    await new Promise<void>((resolve) => clock.setTimeout(resolve, BULK_POLL_MS));
    job = (await client.bulkJob(job.id)).job;
    onProgress(job);
  }
  return job;
}

const plural = (n: number) => `${n.toLocaleString('en-US')} alert${n === 1 ? '' : 's'}`;

/** What a finished job did, in words; failures are named (alert and reason), never counted as done. */
export function describeBulkJob(job: AlertBulkJob): AckOutcome {
  const word = DONE_WORDS[job.action];
  if (job.failed === 0 && job.state === 'done') {
    return { severity: 'success', text: `${word} ${plural(job.done)}.` };
  }
  const named = job.failures.map((f) => `${f.alertId}: ${f.message}`);
  const unnamed = job.failed - job.failures.length;
  const reasons = [...named, ...(unnamed > 0 ? [`and ${unnamed.toLocaleString('en-US')} more`] : [])].join('; ');
  const stopped = job.state === 'failed' ? ` The job stopped after ${job.done + job.failed} of ${job.total}.` : '';
  return {
    severity: job.done > 0 ? 'warning' : 'error',
    text: `${word} ${job.done.toLocaleString('en-US')}, failed ${job.failed.toLocaleString('en-US')}${reasons ? `: ${reasons}` : ''}.${stopped}`,
  };
}

/** A refused bulk action explained; a 409 says how many match now against how many the user agreed to. */
export function describeBulkError(err: unknown, action: BulkAction, expected?: number): AckOutcome {
  const error = toGatewayError(err);
  if (error.status === 409) {
    const matching = (error.body as Partial<AlertBulkMismatch> | undefined)?.matching;
    const now = typeof matching === 'number' ? plural(matching) : 'more alerts';
    const shown = expected === undefined ? '' : ` than the ${plural(expected)} you saw`;
    return {
      severity: 'warning',
      text: `Nothing was changed: ${now} match now${shown}. The list is refreshed; check it and try again.`,
    };
  }
  const outcome = describeAckError(err);
  return action === 'acknowledge'
    ? outcome
    : { ...outcome, text: outcome.text.replace(/^Acknowledg\w+/, DOING_WORDS[action]) };
}
