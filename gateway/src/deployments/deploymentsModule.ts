/**
 * Everything the deployment features need at run time, built once per gateway: the repository, the rollback service
 * (AWS adapters live, demo adapters in demo mode), and the poll loop feeding the store.
 */
import type { CatalogService, Deployment, DeploymentChangedPayload, RollbackTargetKind } from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { demoRollbackAdapters } from '../sources/demo/demoRollbackAdapter';
import type { Store } from '../store';
import { createDeployClients, destroyDeployClients, type DeployClients } from '../sources/aws/deployClients';
import type { DeploySettings } from './config';
import { parseDeployTarget, type ParsedDeployTarget } from '../upstream/deployTarget';
import { rollbackAdapters } from '../upstreams';
import { rollbackAuditSink } from './rollback/auditSink';
import { RollbackService } from './rollback/rollbackService';
import type { Clock } from './rollback/types';
import type { RollbackAdapter } from '../upstream/rollbackAdapter';
import { DeploymentStore } from './store/deploymentStore';
import { AwsDeploymentFeed } from './sync/awsFeed';
import { DemoDeploymentFeed } from './sync/demoFeed';
import { DeploymentSync } from './sync/deploymentSync';
import type { DeploymentFeed } from './sync/feed';
import type { JobRunner } from '../cluster/jobRunner';
import type { ServiceLock } from './rollback/serviceLock';

/** Where deployments come from: AWS deploy targets, the demo fleet, or only CI ingest. */
export type DeploymentMode =
  { kind: 'aws'; defaultRegion: string; maxAttempts?: number } | { kind: 'demo'; seed: number } | { kind: 'none' };

export interface DeploymentsModuleOptions {
  store: Store;
  catalog: Catalog;
  settings: DeploySettings;
  mode: DeploymentMode;
  clock: Clock;
  /** Between progress looks of a running rollback; 5 s live, 1 s in demo mode by default. */
  rollbackPollIntervalMs?: number;
  onError?: (message: string) => void;
  /** Wakes the live event stream after events were appended. */
  notify?: () => void;
  /** Which replica polls the deploy targets (cluster/leaseKeeper.ts); default: this one. */
  jobs?: JobRunner;
  /** One rollback per service; default in-process, shared across replicas on Postgres. */
  rollbackLock?: ServiceLock;
}

type EventSink = Pick<Store, 'appendEvent' | 'appendAudit'>;

/** The store's event and audit appenders, waking the live stream after each event. */
function notifying(store: Store, notify: (() => void) | undefined): EventSink {
  return {
    appendEvent: async (event) => {
      const stored = await store.appendEvent(event);
      notify?.();
      return stored;
    },
    appendAudit: (entry) => store.appendAudit(entry),
  };
}

/** Real timers that never keep the process alive on their own. */
export function unrefClock(now: () => number): Clock {
  return {
    now,
    sleep: (ms) =>
      new Promise((resolve) => {
        setTimeout(resolve, ms).unref();
      }),
  };
}

export class DeploymentsModule {
  readonly deployments: DeploymentStore;
  readonly rollbacks: RollbackService;
  readonly settings: DeploySettings;
  private readonly sync: DeploymentSync | undefined;
  private readonly clients = new Map<string, DeployClients>();
  private readonly events: EventSink;

  constructor(private readonly options: DeploymentsModuleOptions) {
    const { store, catalog, settings, mode, clock } = options;
    this.settings = settings;
    this.events = notifying(store, options.notify);
    this.deployments = new DeploymentStore(store.db);
    const history = (service: string) => this.deployments.history(service);
    const adapters: Partial<Record<RollbackTargetKind, RollbackAdapter>> =
      mode.kind === 'aws'
        ? rollbackAdapters(this.clientsFor(mode.defaultRegion))
        : mode.kind === 'demo'
          ? demoRollbackAdapters((target) => this.serviceOfTarget(target), {
              history,
              publish: async (records) => {
                await this.publish(records);
              },
              now: () => clock.now(),
            })
          : {};
    this.rollbacks = new RollbackService({
      adapters,
      findService: (name) => catalog.services.find((s) => s.name === name),
      history,
      audit: rollbackAuditSink(this.deployments, this.events, () => clock.now()),
      clock,
      pollIntervalMs: options.rollbackPollIntervalMs ?? (mode.kind === 'demo' ? 1_000 : 5_000),
      grantedActions: settings.rollbackIamActions ? new Set(settings.rollbackIamActions) : undefined,
      lock: options.rollbackLock,
    });
    const feed = this.feed(mode, catalog.services);
    this.sync = feed
      ? new DeploymentSync({
          feed,
          deployments: this.deployments,
          store: this.events,
          clock,
          intervalMs: settings.pollIntervalMs,
          onError: options.onError,
          jobs: options.jobs,
        })
      : undefined;
  }

  private feed(mode: DeploymentMode, services: readonly CatalogService[]): DeploymentFeed | undefined {
    if (mode.kind === 'demo') return new DemoDeploymentFeed(mode.seed, services);
    if (mode.kind === 'aws') {
      return new AwsDeploymentFeed({
        services,
        defaultRegion: mode.defaultRegion,
        clientsFor: (region) => this.clientsFor(region),
        history: (service) => this.deployments.history(service),
      });
    }
    return undefined;
  }

  private clientsFor(region: string): DeployClients {
    let clients = this.clients.get(region);
    if (!clients) {
      const maxAttempts = this.options.mode.kind === 'aws' ? this.options.mode.maxAttempts : undefined;
      clients = createDeployClients({ region, endpoints: this.options.settings.endpoints, maxAttempts });
      this.clients.set(region, clients);
    }
    return clients;
  }

  private serviceOfTarget(target: ParsedDeployTarget): string | undefined {
    return this.options.catalog.services.find((s) => {
      try {
        const parsed = parseDeployTarget(s.deployTarget);
        return parsed?.kind === target.kind && parsed.name === target.name;
      } catch {
        return false;
      }
    })?.name;
  }

  /** Stores records and pushes the changed ones live as `deployment.changed`. */
  async publish(records: Deployment[]): Promise<Deployment[]> {
    const changed = await this.deployments.upsertDeployments(records);
    for (const deployment of changed) {
      await this.events.appendEvent<DeploymentChangedPayload>({
        type: 'deployment.changed',
        at: this.options.clock.now(),
        service: deployment.service,
        payload: { kind: 'deployment', deployment },
      });
    }
    return changed;
  }

  /**
   * An upstream's deployment event (an EventBridge state change), applied at most once per `eventKey` and pushed
   * live as `deployment.changed` when it changed the record. Resolves once the record is committed.
   */
  async applyEvent(
    eventKey: string,
    deploymentId: string,
    fold: (existing: Deployment | undefined) => Deployment | undefined
  ): Promise<{ duplicate: boolean; changed?: Deployment }> {
    const now = this.options.clock.now();
    const result = await this.deployments.applyEventOnce(eventKey, deploymentId, now, fold);
    if (result.changed) {
      await this.events.appendEvent<DeploymentChangedPayload>({
        type: 'deployment.changed',
        at: now,
        service: result.changed.service,
        payload: { kind: 'deployment', deployment: result.changed },
      });
    }
    return result;
  }

  /** Runs the first poll (history backfill) before answering, then keeps polling when an interval is set. */
  async start(): Promise<void> {
    if (!this.sync) return;
    await this.sync.runOnce();
    if (this.settings.pollIntervalMs > 0) this.sync.startAfterFirst();
  }

  async stop(): Promise<void> {
    await this.sync?.stop();
    for (const clients of this.clients.values()) destroyDeployClients(clients);
    this.clients.clear();
  }
}
