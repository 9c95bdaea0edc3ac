/**
 * Evaluates the SLOs every `intervalMs` and turns burn-rate rules into Opsdeck alerts (burnAlertChanges.ts); with an
 * Alertmanager configured, also posts them there, re-sent every round while they fire as Prometheus does, so the
 * routing tree (provisioning/alertmanager) pages, mails or texts whoever it names.
 */
import { type AlertStore } from '../../alerts/alertStore';
import { type Catalog } from '../../catalog';
import { type AlertmanagerClient, type PostableAlert } from '../../sources/alertmanager/client';
import { type SloEvaluator } from '../sloEvaluator';
import { BURN_ALERT_SOURCE, burnAlertRound, type OpenBurnAlert } from './burnAlertChanges';
import { type Alert } from '@opsdeck/contract';
import { everyRun, type JobRunner } from '../../cluster/jobRunner';

export const DEFAULT_BURN_EVALUATION_MS = 30_000;
/** Alertmanager resolves an alert nobody re-sent by its endsAt: four missed rounds, as Prometheus' 4 × interval. */
const RESEND_HORIZON_ROUNDS = 4;

export interface BurnAlertJobDeps {
  slo: SloEvaluator;
  alerts: AlertStore;
  catalog: Catalog;
  clock: () => number;
  alertmanager?: AlertmanagerClient;
  /** Where generatorURL points: Grafana's root URL, when known; the Service page path is appended. */
  grafanaUrl?: string;
  intervalMs?: number;
  /** false: no timer, rounds run only through runOnce (tests). */
  timers?: boolean;
  onError?: (error: unknown, where: 'evaluate' | 'alertmanager') => void;
  /** Which replica evaluates (cluster/leaseKeeper.ts); default: this one, every round. */
  jobs?: JobRunner;
}

export interface BurnAlertJob {
  runOnce(): Promise<void>;
  stop(): void;
  /** Posts to Alertmanager that failed since start. */
  readonly alertmanagerFailures: number;
}

export function startBurnAlertJob(deps: BurnAlertJobDeps): BurnAlertJob {
  const intervalMs = deps.intervalMs ?? DEFAULT_BURN_EVALUATION_MS;
  let failures = 0;
  let running: Promise<void> | undefined;

  const openBurnAlerts = async (): Promise<Map<string, OpenBurnAlert>> => {
    // Suppressed (maintenance) ones count as open: they still fire, only nobody is paged.
    const alerts = await deps.alerts.listAlerts({
      sources: [BURN_ALERT_SOURCE],
      statuses: ['firing', 'acknowledged', 'suppressed'],
      limit: 1000,
    });
    return new Map(
      alerts.map((alert) => [alert.dedupKey, { dedupKey: alert.dedupKey, startsAt: alert.startsAt, alert }])
    );
  };

  const round = async () => {
    const now = deps.clock();
    const answer = await deps.slo.evaluate();
    const result = burnAlertRound(answer.services, deps.catalog, await openBurnAlerts(), now);
    // Sequential: each persist resolves after its commit, and the order keeps the event log readable.
    for (const delivery of result.deliveries) await deps.alerts.persist(delivery);
    if (deps.alertmanager) {
      const postable = [
        ...result.firing.map((a) => toPostable(a, now + RESEND_HORIZON_ROUNDS * intervalMs, deps.grafanaUrl)),
        ...result.resolved.map((a) => toPostable(a, now, deps.grafanaUrl)),
      ];
      try {
        await deps.alertmanager.postAlerts(postable);
      } catch (error) {
        failures++;
        deps.onError?.(error, 'alertmanager');
      }
    }
  };

  const runOnce = () => {
    // One round at a time: a slow evaluation is not stacked behind itself.
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };
  const jobs = deps.jobs ?? everyRun;
  const scheduled = () =>
    jobs.run('burn-alerts', intervalMs, runOnce).catch((error: unknown) => deps.onError?.(error, 'evaluate'));
  const timer = deps.timers === false ? undefined : setInterval(scheduled, intervalMs);
  timer?.unref();
  // The first round right after start, not a whole interval later; not awaited: start-up does not wait for upstreams.
  const first = deps.timers === false ? undefined : setTimeout(scheduled, 0);
  first?.unref();
  return {
    runOnce,
    stop: () => {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
    },
    get alertmanagerFailures() {
      return failures;
    },
  };
}

function toPostable(alert: Alert, endsAt: number, grafanaUrl: string | undefined): PostableAlert {
  const path = `/a/opsdeck-sre-app/services/${encodeURIComponent(alert.service ?? '')}`;
  return {
    labels: alert.labels,
    annotations: {
      summary: alert.summary,
      ...(alert.description ? { description: alert.description } : {}),
      ...withRunbook(alert.runbookUrl, grafanaUrl),
    },
    startsAt: alert.startsAt,
    endsAt,
    // Alertmanager links "Source" to it; without Grafana's address a bare path would only mislead.
    ...(grafanaUrl ? { generatorURL: `${grafanaUrl.replace(/\/$/, '')}${path}` } : {}),
  };
}

/**
 * The catalog's runbook as a link a notification can open: absolute as given; a Grafana path (the app's playbooks)
 * made absolute with Grafana's address, or left out without one, since a bare path in an e-mail or chat opens nothing.
 */
function withRunbook(runbookUrl: string | undefined, grafanaUrl: string | undefined): { runbook_url?: string } {
  if (!runbookUrl) return {};
  if (!runbookUrl.startsWith('/')) return { runbook_url: runbookUrl };
  return grafanaUrl ? { runbook_url: `${grafanaUrl.replace(/\/$/, '')}${runbookUrl}` } : {};
}
