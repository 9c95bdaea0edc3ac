/** Shapes of the gateway's JSON API other than /api/query. */
import type { ServiceStatus } from './frame';
import type { SloObjective } from './slo';

export type SourceState = 'ok' | 'error' | 'disabled';

export interface SourceHealth {
  id: string;
  /** e.g. 'demo', 'cloudwatch', 'pagerduty'. */
  kind: string;
  state: SourceState;
  message?: string;
}

/**
 * GET /api/health/live: answers while the process serves, with no upstream probe and no database call, for load
 * balancers and container health checks that ask every few seconds. Open without a token.
 */
export const LIVENESS_PATH = '/api/health/live';

export interface LivenessResponse {
  status: 'ok';
  version: string;
}

/** GET /api/health — open without a token so Grafana's "Save & test" can tell a bad URL from a bad token. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  mode: 'demo' | 'live';
  /** True when the request carried a valid bearer token; lets the config editor say which part is wrong. */
  authenticated: boolean;
  sources: SourceHealth[];
  store: { driver: 'sqlite' | 'postgres'; state: SourceState; message?: string };
  /**
   * This gateway among replicas sharing one database (docs/HA.md): its name and the jobs it leads now. Only for
   * callers with a valid token (the name may be a host name).
   */
  replica?: { id: string; leads: JobLease[] };
  /** The cache the replicas share (OPSDECK_REDIS_URL); `off` when none is configured. */
  redis?: RedisHealth;
  /** How this replica learns of events other replicas commit, and how late they reach its subscribers. Token only. */
  events?: EventStreamHealth;
}

/** The live event stream of one replica (docs/HA.md, "Live events across replicas"). */
export interface EventStreamHealth {
  /**
   * `listen`: Postgres LISTEN/NOTIFY, milliseconds; `poll`: the 2 s read of the event log (SQLite, one process, or
   * the listening connection down — `message` says why).
   */
  delivery: 'listen' | 'poll';
  message?: string;
  /** Newest event id handed to this replica's subscribers. */
  deliveredId: number;
  subscribers: number;
  /**
   * Commit on another replica (the database's clock at NOTIFY) to the write to this replica's subscribers, over the
   * last 1024 events this replica learnt of by a notice.
   */
  lagMs?: { p50: number; p99: number; max: number; samples: number };
}

/** Redis down is not an outage: each replica answers from its own cache, and the notice says so. */
export interface RedisHealth {
  configured: boolean;
  state: 'up' | 'down' | 'off';
  notice?: string;
  /** Why it is down; may name the host, so only for callers with the token. */
  message?: string;
}

/** A scheduled job this replica runs, and the lease that lets it. */
export interface JobLease {
  /** e.g. incident-polls, maintenance, burn-alerts, kpis, deployment-sync. */
  job: string;
  /** Fencing token: grows each time the job changes replica. */
  token: number;
  /** Epoch ms until which the lease holds unless renewed (every 3 s). */
  until: number;
}

export interface ApiError {
  error: string;
  /** The field or key at fault, when there is one. */
  field?: string;
}

export interface SloTargets {
  /** e.g. 0.999 */
  availability?: number;
  /** p99 latency objective in ms. */
  latencyP99Ms?: number;
}

export interface ServiceAwsResources {
  account?: string;
  region?: string;
  autoScalingGroup?: string;
  rdsInstance?: string;
  cacheCluster?: string;
  lambdaFunction?: string;
  /** ALB dimension value, e.g. app/my-alb/50dc6c495c0c9188 */
  loadBalancer?: string;
  targetGroup?: string;
  /** API Gateway REST API name (AWS/ApiGateway ApiName), when it is what sits in front of the service. */
  apiGateway?: string;
  /** The service's database connection pool size, all instances together: what DatabaseConnections is held against. */
  dbPoolSize?: number;
}

export interface DeployTarget {
  kind: 'codedeploy' | 'codepipeline' | 'lambda' | 'ecs' | 'none';
  /** CodeDeploy "app/group", pipeline name, function:alias or cluster/service. */
  name?: string;
}

/** One entry of provisioning/opsdeck/services.yaml: the key that joins metrics, cost, alerts and deploys. */
export interface CatalogService {
  name: string;
  displayName?: string;
  team: string;
  tier: 1 | 2 | 3;
  owners: string[];
  description?: string;
  pagerdutyServiceId?: string;
  aws: ServiceAwsResources;
  costAllocationTag?: { key: string; value: string };
  /** The shorthand targets (availability, p99 latency) the status check reads; derived from `objectives` when absent. */
  slo: SloTargets;
  /** Every objective with its SLI, target and window; services.yaml's `slo.objectives`, or the shorthand expanded. */
  objectives: SloObjective[];
  deployTarget?: DeployTarget;
  runbookUrl?: string;
  /** Names of catalog services this one calls. */
  dependsOn?: string[];
}

/** GET /api/services */
export interface ServicesResponse {
  services: CatalogService[];
  teams: string[];
  regions: string[];
}

export type { ServiceStatus };
