/**
 * Guarded rollback: preview first, then a locked, audited run that follows the upstream until it settles. The
 * route layer passes the Grafana user, the reason and the typed confirmation; this class decides the rest.
 */
import { randomUUID } from 'node:crypto';
import type {
  CatalogService,
  Deployment,
  RollbackAttempt,
  RollbackPreview,
  RollbackTargetKind,
} from '@opsdeck/contract';
import { parseDeployTarget, type ParsedDeployTarget } from '../../upstream/deployTarget';
import { RollbackRequestError } from './errors';
import { computePreview, type PreviewWithPlan } from './preview';
import { InProcessServiceLock, type LockHolder, type ServiceLock } from './serviceLock';
import { systemClock, type Clock } from './types';
import { type RollbackAdapter, type RollbackPlan, type TargetOf } from '../../upstream/rollbackAdapter';

export interface RollbackAuditSink {
  /** Insert or update by attempt id; called on every change of an attempt. */
  record(attempt: RollbackAttempt): Promise<void>;
}

export interface RollbackServiceOptions {
  adapters: Partial<Record<RollbackTargetKind, RollbackAdapter>>;
  findService(name: string): CatalogService | undefined;
  /** The service's recorded deployments, newest first. */
  history(service: string): Promise<readonly Deployment[]>;
  audit: RollbackAuditSink;
  clock?: Clock;
  pollIntervalMs?: number;
  timeoutMs?: number;
  /** Rollback IAM actions the role is known to have; undefined = not configured. */
  grantedActions?: ReadonlySet<string>;
  newId?: () => string;
  /** Default in-process; SharedServiceLock when replicas share a Postgres database. */
  lock?: ServiceLock;
}

export interface RollbackStartRequest {
  service: string;
  user: string;
  reason: string;
  /** Typed confirmation: must equal the service name. */
  confirm: string;
  deploymentId?: string;
  /** The `to.version` the user saw in the preview; a different plan now is refused. */
  expectedToVersion?: string;
}

export interface StartedRollback {
  attempt: RollbackAttempt;
  /** Settles with the final attempt (succeeded / failed / refused); never rejects. */
  done: Promise<RollbackAttempt>;
}

const MAX_REASON = 1000;
/** Progress reads may fail now and then (throttling, a blip); this many in a row ends the follow as failed. */
const MAX_PROGRESS_ERRORS = 3;

export class RollbackService {
  private readonly lock: ServiceLock;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly newId: () => string;

  constructor(private readonly options: RollbackServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 30 * 60_000;
    this.newId = options.newId ?? randomUUID;
    this.lock = options.lock ?? new InProcessServiceLock();
  }

  private resolve(serviceName: string): { target: ParsedDeployTarget; adapter: RollbackAdapter } {
    const service = this.options.findService(serviceName);
    if (!service) throw new RollbackRequestError(404, `unknown service "${serviceName}"`, 'service');
    let target: ParsedDeployTarget | null;
    try {
      target = parseDeployTarget(service.deployTarget);
    } catch (err) {
      throw new RollbackRequestError(422, (err as Error).message, 'deployTarget');
    }
    if (!target)
      throw new RollbackRequestError(
        422,
        `service "${serviceName}" has no deploy target in the catalog, so there is nothing to roll back`,
        'deployTarget'
      );
    const adapter = this.options.adapters[target.kind];
    if (!adapter)
      throw new RollbackRequestError(503, `no ${target.kind} client is configured on this gateway`, 'deployTarget');
    return { target, adapter };
  }

  private async plan(
    serviceName: string
  ): Promise<PreviewWithPlan & { target: ParsedDeployTarget; adapter: RollbackAdapter }> {
    const { target, adapter } = this.resolve(serviceName);
    const history = await this.options.history(serviceName);
    const result = await computePreview(serviceName, target, adapter, history, this.options.grantedActions, () =>
      this.clock.now()
    );
    return { ...result, target, adapter };
  }

  /** What a rollback would do now. Changes nothing upstream. */
  async preview(serviceName: string): Promise<RollbackPreview> {
    return (await this.plan(serviceName)).preview;
  }

  /** True while a rollback of `service` runs. */
  async isRunning(service: string): Promise<boolean> {
    return (await this.lock.holder(service)) !== undefined;
  }

  async start(request: RollbackStartRequest): Promise<StartedRollback> {
    const reason = request.reason?.trim() ?? '';
    if (!reason) throw new RollbackRequestError(400, 'a reason is required for a rollback', 'reason');
    if (reason.length > MAX_REASON)
      throw new RollbackRequestError(400, `the reason is longer than ${MAX_REASON} characters`, 'reason');
    if (request.confirm !== request.service)
      throw new RollbackRequestError(
        400,
        `type the service name "${request.service}" to confirm the rollback`,
        'confirm'
      );
    this.resolve(request.service);

    const id = this.newId();
    const requestedAt = this.clock.now();
    const acquired = await this.lock.tryAcquire(request.service, {
      attemptId: id,
      user: request.user,
      since: requestedAt,
    });
    if ('heldBy' in acquired) throw new RollbackRequestError(409, alreadyRunning(request.service, acquired.heldBy));
    // A lost release only delays the next rollback until the lock expires; it must not fail this one.
    const release = () => void acquired.release().catch(() => undefined);
    try {
      const { preview, plan, target, adapter } = await this.plan(request.service);
      const attempt: RollbackAttempt = {
        id,
        service: request.service,
        deploymentId: request.deploymentId,
        user: request.user,
        reason,
        preview,
        outcome: 'in_progress',
        requestedAt,
      };
      const refusal = this.refusal(preview, plan, request.expectedToVersion);
      if (refusal || !plan) {
        const refused: RollbackAttempt = {
          ...attempt,
          outcome: 'refused',
          message: refusal ?? 'no rollback plan',
          finishedAt: this.clock.now(),
        };
        await this.options.audit.record(refused);
        release();
        return { attempt: refused, done: Promise.resolve(refused) };
      }
      await this.options.audit.record(attempt);
      let upstreamId: string;
      try {
        upstreamId = await adapter.execute(target as TargetOf<typeof adapter.kind>, plan);
      } catch (err) {
        const failed: RollbackAttempt = {
          ...attempt,
          outcome: 'failed',
          message: err instanceof Error ? err.message : String(err),
          finishedAt: this.clock.now(),
        };
        await this.options.audit.record(failed);
        release();
        return { attempt: failed, done: Promise.resolve(failed) };
      }
      const running: RollbackAttempt = { ...attempt, upstreamId, message: `${plan.action.operation} accepted` };
      await this.options.audit.record(running);
      const done = this.follow(running, target, adapter, plan).finally(release);
      return { attempt: running, done };
    } catch (err) {
      release();
      throw err;
    }
  }

  private refusal(
    preview: RollbackPreview,
    plan: RollbackPlan | undefined,
    expectedToVersion: string | undefined
  ): string | undefined {
    if (preview.blockedReason) return preview.blockedReason;
    if (!plan) return 'no rollback plan';
    if (expectedToVersion !== undefined && expectedToVersion !== plan.to.version) {
      return `the rollback target changed since the preview: it is now ${plan.to.version}, not ${expectedToVersion}; review the new preview`;
    }
    return undefined;
  }

  /** Polls until the upstream settles, recording each change of detail; resolves with the final attempt. */
  private async follow(
    attempt: RollbackAttempt,
    target: ParsedDeployTarget,
    adapter: RollbackAdapter,
    plan: RollbackPlan
  ): Promise<RollbackAttempt> {
    let current = attempt;
    const deadline = attempt.requestedAt + this.timeoutMs;
    let errors = 0;
    const update = async (next: RollbackAttempt) => {
      current = next;
      await this.options.audit.record(next).catch(() => undefined);
    };
    for (;;) {
      await this.clock.sleep(this.pollIntervalMs);
      if (this.clock.now() > deadline) {
        await update({
          ...current,
          outcome: 'failed',
          message: `no result after ${Math.round(this.timeoutMs / 60_000)} min; last seen: ${current.message ?? 'nothing'}`,
          finishedAt: this.clock.now(),
        });
        return current;
      }
      try {
        const progress = await adapter.progress(target as TargetOf<typeof adapter.kind>, plan, attempt.upstreamId!);
        errors = 0;
        if (progress.state !== 'in_progress') {
          await update({ ...current, outcome: progress.state, message: progress.detail, finishedAt: this.clock.now() });
          return current;
        }
        if (progress.detail !== current.message) await update({ ...current, message: progress.detail });
      } catch (err) {
        errors++;
        if (errors >= MAX_PROGRESS_ERRORS) {
          await update({
            ...current,
            outcome: 'failed',
            message: `lost track of the rollback: ${err instanceof Error ? err.message : String(err)}`,
            finishedAt: this.clock.now(),
          });
          return current;
        }
      }
    }
  }
}

function alreadyRunning(service: string, holder: LockHolder): string {
  const where = holder.replica ? ` on gateway ${holder.replica}` : '';
  return `a rollback of ${service} is already running (attempt ${holder.attemptId}, started by ${holder.user}${where} at ${new Date(holder.since).toISOString()}); wait for it to finish`;
}
