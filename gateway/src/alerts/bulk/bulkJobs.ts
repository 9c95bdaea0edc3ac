/**
 * Bulk actions by filter: the gateway walks the alerts a filter matched when the job started, newest first, by the
 * list's own keyset, and performs the action on each through the ActionService (upstream first, stored, audited),
 * a few at a time (IN_FLIGHT). The walk starts just above the newest alert
 * matching at the start, so alerts that arrive during the job are never reached. A job runs in the process that
 * started it and is saved to the database (bulkJobStore.ts) at the start, every HEARTBEAT_MS and at the end, so any
 * replica answers a progress poll. A restart ends a running job where it got to: its saves stop, other replicas then
 * report it stopped, and every alert it did act on is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import {
  ALERT_STATUSES,
  OPEN_ALERT_STATUSES,
  type AlertBulkJob,
  type AlertBulkRequest,
  type AlertFilters,
  type AlertStatus,
  type BulkAction,
} from '@opsdeck/contract';
import type { Store } from '../../store';
import type { BulkJobStore } from './bulkJobStore';
import type { ActionSpec } from '../../upstream/incidentActions';
import type { ActionService } from '../actions/actionService';
import { resolveStatuses } from '../alertStore';
import { decodeCursor, type Key, type ListPager, type PageFilters } from '../listPage';

/** Which alerts an action changes: acknowledging an acknowledged alert would only add an audit entry. */
const ACTS_ON: Record<BulkAction, readonly AlertStatus[]> = {
  acknowledge: ['firing'],
  resolve: ['firing', 'acknowledged'],
  snooze: ['firing', 'acknowledged'],
};
const WALK_PAGE = 200;
/**
 * Actions in flight at once: enough that the store commits them in groups (one commit per action would bound a
 * 5,000-alert job by disk syncs), few enough for the upstreams' rate limits (PagerDuty's REST API allows several
 * hundred requests a minute per account; one job at 8 in flight stays well inside, and 429s are failures listed).
 */
const IN_FLIGHT = 8;
const KEPT_JOBS = 100;
const MAX_FAILURES_LISTED = 20;
export const MAX_RUNNING_JOBS = 4;
const HEARTBEAT_MS = 2_000;
/** A running job not saved for this long has lost its replica. */
export const STOPPED_AFTER_MS = 30_000;

export interface BulkJobsDeps {
  pager: Pick<ListPager, 'page' | 'count' | 'ceiling'>;
  actions: Pick<ActionService, 'perform'>;
  store: Pick<Store, 'appendAudit'>;
  saved: Pick<BulkJobStore, 'save' | 'find' | 'prune'>;
  clock: () => number;
  onError: (error: unknown) => void;
}

export type BulkStart =
  | { kind: 'started'; job: AlertBulkJob; finished: Promise<void> }
  | { kind: 'mismatch'; matching: number }
  | { kind: 'busy' };

export class BulkJobs {
  private readonly jobs = new Map<string, AlertBulkJob>();

  constructor(private readonly deps: BulkJobsDeps) {}

  /** This process's job as it stands, else the saved one (another replica's), marked stopped once its saves end. */
  async get(id: string): Promise<AlertBulkJob | undefined> {
    const job = this.jobs.get(id);
    if (job) return { ...job, failures: [...job.failures] };
    const stored = await this.deps.saved.find(id);
    if (!stored) return undefined;
    const silentMs = this.deps.clock() - stored.updatedAt;
    if (stored.job.state !== 'running' || silentMs <= STOPPED_AFTER_MS) return stored.job;
    const message = `stopped: the gateway running it went away after ${stored.job.done + stored.job.failed} alerts`;
    return {
      ...stored.job,
      state: 'failed',
      finishedAt: stored.updatedAt,
      failures: [...stored.job.failures, { alertId: '', message }],
    };
  }

  async start(request: AlertBulkRequest, filters: AlertFilters, spec: ActionSpec, user: string): Promise<BulkStart> {
    if ([...this.jobs.values()].filter((j) => j.state === 'running').length >= MAX_RUNNING_JOBS)
      return { kind: 'busy' };
    const startedAt = this.deps.clock();
    const scope = this.scope(filters, request.action);
    const total = scope ? await this.deps.pager.count('alerts', scope) : 0;
    if (request.expected !== undefined && total > request.expected) return { kind: 'mismatch', matching: total };

    const job: AlertBulkJob = {
      id: randomUUID(),
      action: request.action,
      filter: request.filter,
      user,
      state: 'running',
      total,
      done: 0,
      failed: 0,
      failures: [],
      startedAt,
    };
    this.keep(job);
    await this.deps.saved.save(job, startedAt);
    await this.deps.saved.prune().catch(this.deps.onError);
    await this.audit(job, 'started');
    const save = () => this.deps.saved.save(job, this.deps.clock()).catch(this.deps.onError);
    const heartbeat = setInterval(() => void save(), HEARTBEAT_MS);
    heartbeat.unref();
    const finished = this.run(job, scope, spec)
      .catch((error: unknown) => {
        job.state = 'failed';
        job.finishedAt = this.deps.clock();
        job.failures.push({ alertId: '', message: `stopped: ${(error as Error).message}` });
        this.deps.onError(error);
      })
      .finally(() => {
        clearInterval(heartbeat);
        return save();
      });
    return { kind: 'started', job: { ...job }, finished };
  }

  /** The request's filters narrowed to the statuses the action changes; undefined when none is left. */
  private scope(filters: AlertFilters, action: BulkAction): PageFilters | undefined {
    const asked = resolveStatuses(filters.statuses, ALERT_STATUSES, OPEN_ALERT_STATUSES);
    const statuses = asked.filter((s) => ACTS_ON[action].includes(s as AlertStatus));
    const { limit: _limit, ...rest } = filters;
    return statuses.length > 0 ? { ...rest, statuses } : undefined;
  }

  private async run(job: AlertBulkJob, scope: PageFilters | undefined, spec: ActionSpec): Promise<void> {
    // Only what was there at the start. Acknowledged or resolved alerts leave the scope; a snooze does not move an
    // alert's updated_at; so the walk never meets an alert it already acted on.
    let after: Key | undefined = scope && (await this.deps.pager.ceiling('alerts', scope));
    while (scope && after) {
      const page = await this.deps.pager.page('alerts', scope, { limit: WALK_PAGE, after });
      const queue = [...page.ids];
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const answer = await this.deps.actions.perform('alert', id, spec, job.user);
          if (answer.status === 200) {
            job.done++;
          } else {
            job.failed++;
            if (job.failures.length < MAX_FAILURES_LISTED) {
              job.failures.push({ alertId: id, message: (answer.body as { error?: string }).error ?? 'failed' });
            }
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      after = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
    }
    // What matched at the start may have changed meanwhile (resolved upstream, new ones): the total is what was done.
    job.total = job.done + job.failed;
    job.state = 'done';
    job.finishedAt = this.deps.clock();
    await this.audit(job, 'finished');
  }

  private audit(job: AlertBulkJob, phase: 'started' | 'finished') {
    return this.deps.store.appendAudit({
      at: this.deps.clock(),
      user: job.user,
      action: `alert.bulk.${job.action}`,
      target: job.id,
      detail: { phase, filter: job.filter, total: job.total, done: job.done, failed: job.failed },
      outcome: job.failed > 0 && phase === 'finished' ? 'failure' : 'success',
    });
  }

  private keep(job: AlertBulkJob): void {
    this.jobs.set(job.id, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (old.state !== 'running') this.jobs.delete(id);
    }
  }
}
