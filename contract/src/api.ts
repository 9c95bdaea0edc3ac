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
