// The docs the Playbooks page shows, bundled into the plugin at build time: webpack's `asset/source` rule for `.md`
// (webpack.config.ts) inlines each file's text, so docs/ stays the one source and nothing is copied. Every playbook of
// the contract must have its import here (the table is typed by PlaybookId: a missing one does not compile).
import { PLAYBOOKS_INDEX, playbookPath, type PlaybookId } from '@opsdeck/contract';
import escalationDoc from '../../../docs/escalation.md';
import runbookDoc from '../../../docs/SRE_RUNBOOK.md';
import indexDoc from '../../../docs/playbooks/README.md';
import alertmanagerDown from '../../../docs/playbooks/alertmanager-down.md';
import asgCapacity from '../../../docs/playbooks/asg-capacity.md';
import awsApiThrottling from '../../../docs/playbooks/aws-api-throttling.md';
import cloudwatchThrottling from '../../../docs/playbooks/cloudwatch-throttling.md';
import costAnomaly from '../../../docs/playbooks/cost-anomaly.md';
import costExplorerLate from '../../../docs/playbooks/cost-explorer-late.md';
import cpuSaturation from '../../../docs/playbooks/cpu-saturation.md';
import dependencyTimeouts from '../../../docs/playbooks/dependency-timeouts.md';
import deployStuck from '../../../docs/playbooks/deploy-stuck.md';
import diskFull from '../../../docs/playbooks/disk-full.md';
import elasticacheEvictions from '../../../docs/playbooks/elasticache-evictions.md';
import errorBudgetExhausted from '../../../docs/playbooks/error-budget-exhausted.md';
import healthScoreLow from '../../../docs/playbooks/health-score-low.md';
import http5xxSpike from '../../../docs/playbooks/http-5xx-spike.md';
import lambdaColdStarts from '../../../docs/playbooks/lambda-cold-starts.md';
import lambdaThrottling from '../../../docs/playbooks/lambda-throttling.md';
import latencySloBreach from '../../../docs/playbooks/latency-slo-breach.md';
import maintenanceWindowOpen from '../../../docs/playbooks/maintenance-window-open.md';
import memoryPressure from '../../../docs/playbooks/memory-pressure.md';
import opsdeckGatewayDown from '../../../docs/playbooks/opsdeck-gateway-down.md';
import opsdeckKpisStale from '../../../docs/playbooks/opsdeck-kpis-stale.md';
import pagerdutyWebhookSignature from '../../../docs/playbooks/pagerduty-webhook-signature.md';
import rdsConnectionPool from '../../../docs/playbooks/rds-connection-pool.md';
import rdsReplicaLag from '../../../docs/playbooks/rds-replica-lag.md';
import rollbackFailed from '../../../docs/playbooks/rollback-failed.md';
import serviceDegraded from '../../../docs/playbooks/service-degraded.md';
import serviceDown from '../../../docs/playbooks/service-down.md';
import sloFastBurn from '../../../docs/playbooks/slo-fast-burn.md';
import sloSlowBurn from '../../../docs/playbooks/slo-slow-burn.md';
import unhealthyTargets from '../../../docs/playbooks/unhealthy-targets.md';

const PLAYBOOK_SOURCES: Record<PlaybookId, string> = {
  'alertmanager-down': alertmanagerDown,
  'asg-capacity': asgCapacity,
  'aws-api-throttling': awsApiThrottling,
  'cloudwatch-throttling': cloudwatchThrottling,
  'cost-anomaly': costAnomaly,
  'cost-explorer-late': costExplorerLate,
  'cpu-saturation': cpuSaturation,
  'dependency-timeouts': dependencyTimeouts,
  'deploy-stuck': deployStuck,
  'disk-full': diskFull,
  'elasticache-evictions': elasticacheEvictions,
  'error-budget-exhausted': errorBudgetExhausted,
  'health-score-low': healthScoreLow,
  'http-5xx-spike': http5xxSpike,
  'lambda-cold-starts': lambdaColdStarts,
  'lambda-throttling': lambdaThrottling,
  'latency-slo-breach': latencySloBreach,
  'maintenance-window-open': maintenanceWindowOpen,
  'memory-pressure': memoryPressure,
  'opsdeck-gateway-down': opsdeckGatewayDown,
  'opsdeck-kpis-stale': opsdeckKpisStale,
  'pagerduty-webhook-signature': pagerdutyWebhookSignature,
  'rds-connection-pool': rdsConnectionPool,
  'rds-replica-lag': rdsReplicaLag,
  'rollback-failed': rollbackFailed,
  'service-degraded': serviceDegraded,
  'service-down': serviceDown,
  'slo-fast-burn': sloFastBurn,
  'slo-slow-burn': sloSlowBurn,
  'unhealthy-targets': unhealthyTargets,
};

/** One bundled doc: its page under the Playbooks page ('' is the index), its repository path and its Markdown. */
export interface BundledDoc {
  page: string;
  path: string;
  source: string;
}

/**
 * The SRE runbook and the escalation doc, which the playbooks link to on every page: bundled too, at pages of their
 * own beside the playbooks (no playbook id may take these names: tested).
 */
export const OTHER_DOC_PAGES = { runbook: 'docs/SRE_RUNBOOK.md', escalation: 'docs/escalation.md' } as const;

export const BUNDLED_DOCS: readonly BundledDoc[] = [
  { page: '', path: PLAYBOOKS_INDEX, source: indexDoc },
  ...Object.entries(PLAYBOOK_SOURCES).map(([id, source]) => ({
    page: id,
    path: playbookPath(id as PlaybookId),
    source,
  })),
  { page: 'runbook', path: OTHER_DOC_PAGES.runbook, source: runbookDoc },
  { page: 'escalation', path: OTHER_DOC_PAGES.escalation, source: escalationDoc },
];

const BY_PAGE = new Map(BUNDLED_DOCS.map((doc) => [doc.page, doc]));
const BY_PATH = new Map(BUNDLED_DOCS.map((doc) => [doc.path, doc]));

/** The doc of a page ('' or undefined: the index); undefined for a page that is not bundled. */
export function bundledDoc(page: string | undefined): BundledDoc | undefined {
  return BY_PAGE.get(page ?? '');
}

/** The bundled doc at a repository path (docs/playbooks/slo-fast-burn.md), if that file is bundled. */
export function bundledDocAt(path: string): BundledDoc | undefined {
  return BY_PATH.get(path);
}
