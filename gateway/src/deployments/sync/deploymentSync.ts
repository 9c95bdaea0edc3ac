/**
 * The poll loop: every interval, asks the feed for deployments and pipeline stages, stores them, and pushes what
 * changed as `deployment.changed` events. The first poll (which may backfill weeks of history) is stored silently.
 */
import type { DeploymentChangedPayload } from '@opsdeck/contract';
import type { Store } from '../../store';
import type { Clock } from '../rollback/types';
import type { DeploymentStore } from '../store/deploymentStore';
import type { DeploymentFeed } from './feed';
import { everyRun, type JobRunner } from '../../cluster/jobRunner';

export interface DeploymentSyncOptions {
  feed: DeploymentFeed;
  deployments: DeploymentStore;
  store: Pick<Store, 'appendEvent'>;
  clock: Clock;
  intervalMs: number;
  onError?: (message: string) => void;
  /** Which replica polls on the interval (cluster/leaseKeeper.ts); default: this one, every interval. */
  jobs?: JobRunner;
}

export interface SyncResult {
  changed: number;
  errors: number;
}

export class DeploymentSync {
  private polls = 0;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: () => void = () => undefined;
  private readonly stopping = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(private readonly options: DeploymentSyncOptions) {}

  /** One poll; never throws (a failing store or feed is reported and retried next interval). */
  async runOnce(): Promise<SyncResult> {
    const first = this.polls === 0;
    const now = this.options.clock.now();
    try {
      const polled = await this.options.feed.poll(now, first);
      for (const error of polled.errors) this.options.onError?.(`deploy poll of ${error.service}: ${error.message}`);
      const changed = await this.options.deployments.upsertDeployments(polled.deployments);
      for (const pipeline of polled.pipelines) {
        await this.options.deployments.replaceStages(pipeline.service, pipeline.pipeline, pipeline.stages, now);
      }
      this.polls++;
      if (!first) {
        for (const deployment of changed) {
          await this.options.store.appendEvent<DeploymentChangedPayload>({
            type: 'deployment.changed',
            at: now,
            service: deployment.service,
            payload: { kind: 'deployment', deployment },
          });
        }
      }
      return { changed: changed.length, errors: polled.errors.length };
    } catch (err) {
      this.options.onError?.(`deploy poll failed: ${err instanceof Error ? err.message : String(err)}`);
      return { changed: 0, errors: 1 };
    }
  }

  /** Polls every interval until stop(); the first poll runs at once. */
  start(): void {
    this.loopFrom(true);
  }

  /** Like start(), for a caller that already awaited runOnce(): waits one interval first. */
  startAfterFirst(): void {
    this.loopFrom(false);
  }

  private loopFrom(pollFirst: boolean): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let poll = pollFirst;
      while (!this.stopped) {
        if (poll) await this.scheduledPoll();
        poll = true;
        if (this.stopped) break;
        // stop() must not wait out a long interval.
        await Promise.race([this.options.clock.sleep(this.options.intervalMs), this.stopping]);
      }
    })();
  }

  private async scheduledPoll(): Promise<void> {
    const jobs = this.options.jobs ?? everyRun;
    await jobs
      .run('deployment-sync', this.options.intervalMs, () => this.runOnce())
      .catch((err: unknown) => {
        this.options.onError?.(`deploy poll lease: ${err instanceof Error ? err.message : String(err)}`);
      });
  }

  /** Stops after the poll in progress (if any); resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }
}
