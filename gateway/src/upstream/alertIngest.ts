/**
 * The gateway's side of the vendor-neutral model (types shared with the app live in contract/src/alerts.ts):
 * what a parsed webhook delivery amounts to, and how an alert finds its catalog service.
 */
import { createHash } from 'node:crypto';
import type {
  Alert,
  AlertLink,
  AlertSeverity,
  AlertSource,
  CatalogService,
  IncidentStatus,
  TimelineEntry,
} from '@opsdeck/contract';
import { lookup } from './parse/lookup';

/**
 * One incident-level change: a timeline entry plus whatever the delivery told us about the incident. Fields the
 * delivery did not carry are absent so the store merges the change into what it already has.
 */
export interface IncidentChange {
  id: string;
  source: AlertSource;
  externalId: string;
  title?: string;
  service?: string;
  team?: string;
  severity?: AlertSeverity;
  status?: IncidentStatus;
  createdAt?: number;
  alertIds: string[];
  links: AlertLink[];
  entry: TimelineEntry;
}

/** Everything one verified webhook delivery says happened. */
export interface IngestBatch {
  alerts: Alert[];
  incidents: IncidentChange[];
  /** Set when the delivery was valid but carries nothing Opsdeck tracks (e.g. a plain SNS message). */
  ignored?: string;
}

/** What an upstream tells us that can point at a catalog service. */
export interface ServiceHints {
  /** Candidate service names, most specific first (labels such as `service`, tags, alarm names). */
  names?: string[];
  /** CloudWatch dimensions of the alarm's metric(s). */
  dimensions?: Array<{ name: string; value: string }>;
  pagerdutyServiceId?: string;
}

// CloudWatch dimension name → the catalog's AWS resource field that holds the same value.
const DIMENSION_TO_RESOURCE = {
  AutoScalingGroupName: 'autoScalingGroup',
  DBInstanceIdentifier: 'rdsInstance',
  CacheClusterId: 'cacheCluster',
  FunctionName: 'lambdaFunction',
  LoadBalancer: 'loadBalancer',
  TargetGroup: 'targetGroup',
} as const;

export function resolveService(hints: ServiceHints, catalog: CatalogService[]): CatalogService | undefined {
  if (hints.pagerdutyServiceId) {
    const byPagerDuty = catalog.find((s) => s.pagerdutyServiceId === hints.pagerdutyServiceId);
    if (byPagerDuty) {
      return byPagerDuty;
    }
  }
  for (const name of hints.names ?? []) {
    const byName = catalog.find((s) => s.name === name);
    if (byName) {
      return byName;
    }
  }
  for (const { name, value } of hints.dimensions ?? []) {
    const field = DIMENSION_TO_RESOURCE[name as keyof typeof DIMENSION_TO_RESOURCE];
    // A Lambda alias dimension is "function:alias"; the catalog names the function.
    const match = field && catalog.find((s) => s.aws[field] === value || s.aws[field] === value.split(':')[0]);
    if (match) {
      return match;
    }
  }
  return undefined;
}

/** Service, team and runbook of an alert: the catalog wins over what the upstream claims, upstream fills gaps. */
export function catalogFields(
  service: CatalogService | undefined,
  claimed: { team?: string; runbookUrl?: string }
): Pick<Alert, 'service' | 'team' | 'runbookUrl'> {
  return {
    service: service?.name,
    team: service?.team ?? claimed.team,
    runbookUrl: claimed.runbookUrl ?? service?.runbookUrl,
  };
}

/** Opaque, URL-safe and stable: the same upstream alert always gets the same id. */
export function alertId(source: AlertSource, dedupKey: string): string {
  return `${source}-${shortHash(dedupKey)}`;
}

export function incidentId(source: AlertSource, externalId: string): string {
  return `${source}-inc-${shortHash(externalId)}`;
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  error: 'critical',
  high: 'critical',
  p1: 'critical',
  p2: 'critical',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  p3: 'warning',
  info: 'info',
  informational: 'info',
  low: 'info',
  none: 'info',
  p4: 'info',
  p5: 'info',
};

/** Maps the severity words different tools use onto Opsdeck's three levels; unknown words → fallback. */
export function normaliseSeverity(raw: string | undefined, fallback: AlertSeverity): AlertSeverity {
  return (raw && lookup(SEVERITY_WORDS, raw.trim().toLowerCase())) || fallback;
}

export function link(title: string, url: string | undefined): AlertLink[] {
  return url ? [{ title, url }] : [];
}

/** What every parser needs besides the body: the catalog to resolve services, and the time of receipt. */
export interface ParseContext {
  catalog: CatalogService[];
  /** Epoch ms; used only where the upstream sends no time of its own. */
  receivedAt: number;
}

/** One verified delivery. `deliveryId` is the idempotency key: persisting the same id twice must change nothing. */
export interface WebhookDelivery {
  source: AlertSource;
  deliveryId: string;
  receivedAt: number;
  batch: IngestBatch;
}

/** What a poller needs from the alert store: whether an alert is known in a state, and the webhook persist path. */
export interface AlertIntake {
  getAlert(id: string): Promise<{ alert: Pick<Alert, 'status'> } | undefined>;
  persist(delivery: WebhookDelivery): Promise<{ inserted: number }>;
}

/** Everything a safety-net poller is handed. */
export interface PollerDeps {
  alerts: AlertIntake;
  catalog: CatalogService[];
  clock: () => number;
}
