/**
 * The actions taken on one alert, read back from the audit log. An alert that belongs to no incident (an
 * Alertmanager or Grafana alert acknowledged in Opsdeck) has no incident timeline to hold them, so the alert detail
 * shows these instead; the wording is the same the incident timeline uses.
 */
import type { TimelineEntry } from '@opsdeck/contract';
import type { Store } from '../../store';
import { timelineKind, timelineText } from './actionService';
import type { AnyActionSpec, UpstreamOutcome } from '../../upstream/incidentActions';

interface AuditedAction extends Partial<Pick<UpstreamOutcome, 'provider' | 'message' | 'escalatedTo'>> {
  spec: AnyActionSpec;
}

export async function alertActionHistory(store: Pick<Store, 'listAudit'>, alertId: string): Promise<TimelineEntry[]> {
  const entries = await store.listAudit({ target: alertId, outcome: 'success' });
  return entries
    .filter((entry) => entry.action.startsWith('alert.'))
    .map((entry) => {
      const { spec, provider, ...outcome } = entry.detail as AuditedAction;
      return {
        kind: timelineKind(spec),
        at: entry.at,
        actor: entry.user,
        text: timelineText(spec, { ...outcome, provider: provider ?? 'opsdeck' }),
      };
    })
    .sort((a, b) => a.at - b.at);
}
