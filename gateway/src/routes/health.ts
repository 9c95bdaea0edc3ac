import { type FastifyInstance } from 'fastify';
import {
  LIVENESS_PATH,
  type EventStreamHealth,
  type HealthResponse,
  type LivenessResponse,
  type RedisHealth,
  type SourceHealth,
} from '@opsdeck/contract';
import { bearerToken, tokenMatches } from '../http/auth';
import { type Source } from '../sources';
import { type Store } from '../store';
import { GATEWAY_VERSION } from '../version';
import { type Cluster } from '../cluster/cluster';

export interface HealthRouteDeps {
  apiToken: string;
  store: Store;
  /** Every configured source; those not active are reported as disabled. */
  sources: readonly Source[];
  active: readonly Source[];
  /** The replica's name and its job leases. */
  cluster?: Pick<Cluster, 'replica' | 'jobs'>;
  /** The live event stream's delivery and lag; asked per request (the stream is wired after this route). */
  eventStream?: () => EventStreamHealth | undefined;
  /** The cache the replicas share (cluster/redisSharedCache.ts); absent = not configured. */
  redis?: { health(): Promise<RedisHealth> };
}

/**
 * GET /api/health, open without a token. Details (error messages) go only to callers with a valid token: they may
 * name hosts or databases, which an anonymous caller has no business learning.
 */
export function healthRoute(app: FastifyInstance, deps: HealthRouteDeps): void {
  // What a balancer asks every few seconds: /api/health would probe every AWS account and region each time.
  app.get(LIVENESS_PATH, { config: { access: 'public' } }, async (): Promise<LivenessResponse> => ({
    status: 'ok',
    version: GATEWAY_VERSION,
  }));
  app.get('/api/health', { config: { access: 'public' } }, async (request): Promise<HealthResponse> => {
    const authenticated = tokenMatches(deps.apiToken, bearerToken(request));
    const [store, sources, redis] = await Promise.all([
      storeHealth(deps.store),
      Promise.all(
        deps.sources.map((source) => (deps.active.includes(source) ? sourceHealth(source) : [disabled(source)]))
      ).then((entries) => entries.flat()),
      deps.redis?.health() ?? REDIS_OFF,
    ]);
    const allOk = store.state === 'ok' && sources.every((s) => s.state !== 'error');
    const hide = <T extends { message?: string }>(item: T): T =>
      authenticated ? item : { ...item, message: undefined };
    return {
      status: allOk ? 'ok' : 'degraded',
      version: GATEWAY_VERSION,
      mode: deps.active.every((s) => s.demo) ? 'demo' : 'live',
      authenticated,
      sources: sources.map(hide),
      store: hide(store),
      // Redis down leaves status alone: every answer is still right, only the upstream calls multiply.
      redis: hide(redis),
      // The replica id may carry a host name: like messages, only for callers with the token.
      ...(authenticated && deps.cluster ? { replica: replicaHealth(deps.cluster) } : {}),
      ...(authenticated ? withEvents(deps.eventStream?.()) : {}),
    };
  });
}

const REDIS_OFF: RedisHealth = { configured: false, state: 'off' };

// Health must answer even when the database does not (pool exhausted, locks): a slow store is reported, not awaited.
const STORE_PING_TIMEOUT_MS = 750;

async function storeHealth(store: Store): Promise<HealthResponse['store']> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${STORE_PING_TIMEOUT_MS} ms (busy or unreachable)`)),
      STORE_PING_TIMEOUT_MS
    );
  });
  try {
    await Promise.race([store.ping(), timeout]);
    return { driver: store.driver, state: 'ok' };
  } catch (error) {
    return { driver: store.driver, state: 'error', message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

function replicaHealth(cluster: Pick<Cluster, 'replica' | 'jobs'>): NonNullable<HealthResponse['replica']> {
  return {
    id: cluster.replica,
    leads: cluster.jobs.leases().map((lease) => ({ job: lease.job, token: lease.token, until: lease.validUntil })),
  };
}

function withEvents(events: EventStreamHealth | undefined): Pick<HealthResponse, 'events'> {
  return events ? { events } : {};
}

function disabled(source: Source): SourceHealth {
  return {
    id: source.id,
    kind: source.kind,
    state: 'disabled',
    message: 'the demo fleet is off while real sources are configured',
  };
}

/** One entry, or one per account/region when the source can tell them apart (AWS). */
async function sourceHealth(source: Source): Promise<SourceHealth[]> {
  try {
    return source.healthDetails ? await source.healthDetails() : [await source.health()];
  } catch (error) {
    return [{ id: source.id, kind: source.kind, state: 'error', message: (error as Error).message }];
  }
}
