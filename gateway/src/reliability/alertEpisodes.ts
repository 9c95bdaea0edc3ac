/**
 * Alert episodes for fatigue, folded from the durable event log: every `alert.changed` carries the alert as stored
 * after the change, with the source's times. An episode runs from a firing (a new startsAt) to its resolution; the
 * first acknowledged state in it is its acknowledgement.
 */
import type { Kysely } from 'kysely';
import { type Alert, type AlertChangedPayload, type TimeRangeMs } from '@opsdeck/contract';
import type { Database } from '../store/schema';
import type { AlertEpisode, RuleRef } from './alertFatigue';

/** Enough for a month of a busy fleet; past it the newest events are read and the answer says it was cut. */
export const MAX_EVENTS = 250_000;
/** Events are read from this long before the range, so an episode that began just before it is folded whole. */
const LEAD_MS = 86_400_000;
const YIELD_EVERY = 2000;

export function ruleOf(alert: Pick<Alert, 'labels' | 'summary'>): RuleRef {
  if (alert.labels.alertname) return { kind: 'alertname', name: alert.labels.alertname };
  if (alert.labels.pagerduty_service) return { kind: 'pagerduty_service', name: alert.labels.pagerduty_service };
  if (alert.labels.alarm_name) return { kind: 'cloudwatch_alarm', name: alert.labels.alarm_name };
  return { kind: 'summary', name: alert.summary };
}

/**
 * Interruptions are the alerts that notified a person. Opsdeck does not see notification deliveries, so: whatever
 * came from a paging tool (PagerDuty, Opsgenie, JSM Operations) paged someone, and so did any critical alert; suppressed (maintenance)
 * firings paged no one.
 */
const PAGING_SOURCES: ReadonlySet<Alert['source']> = new Set(['pagerduty', 'opsgenie', 'jsm']);

function paged(alert: Alert): boolean {
  return PAGING_SOURCES.has(alert.source) || alert.severity === 'critical';
}

export interface EpisodeRead {
  episodes: AlertEpisode[];
  /** True when the range held more than MAX_EVENTS events and the oldest were left out. */
  truncated: boolean;
}

export async function alertEpisodes(
  db: Kysely<Database>,
  range: TimeRangeMs,
  filter: { services?: string[]; teams?: string[] } = {}
): Promise<EpisodeRead> {
  const rows = await db
    .selectFrom('event_log')
    .select(['id', 'payload'])
    .where('type', '=', 'alert.changed')
    .where('at', '>=', range.from - LEAD_MS)
    .orderBy('id', 'desc')
    .limit(MAX_EVENTS + 1)
    .execute();
  const truncated = rows.length > MAX_EVENTS;
  const ordered = rows.slice(0, MAX_EVENTS).reverse();
  const open = new Map<string, AlertEpisode & { suppressed: boolean }>();
  const done: Array<AlertEpisode & { suppressed: boolean }> = [];
  for (const [index, row] of ordered.entries()) {
    // A month of a storm is a lot of JSON: other requests get their turn between slices.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const { alert } = JSON.parse(row.payload) as AlertChangedPayload;
    if (filter.services?.length && !filter.services.includes(alert.service ?? '')) continue;
    if (filter.teams?.length && !filter.teams.includes(alert.team ?? '')) continue;
    let episode = open.get(alert.id);
    if (episode && episode.firedAt !== alert.startsAt && alert.status !== 'resolved') {
      // Fired again (a new startsAt) without a resolution seen: the last episode ends unresolved.
      done.push(episode);
      episode = undefined;
    }
    if (!episode) {
      if (alert.status === 'resolved') continue;
      episode = {
        alertId: alert.id,
        rule: ruleOf(alert),
        ...(alert.service ? { service: alert.service } : {}),
        ...(alert.team ? { team: alert.team } : {}),
        ...(alert.receiver ? { receiver: alert.receiver } : {}),
        firedAt: alert.startsAt,
        paged: alert.status !== 'suppressed' && paged(alert),
        suppressed: alert.status === 'suppressed',
      };
      open.set(alert.id, episode);
    }
    if (alert.status === 'acknowledged' && episode.acknowledgedAt === undefined)
      episode.acknowledgedAt = alert.updatedAt;
    if (alert.status === 'resolved') {
      episode.resolvedAt = alert.endsAt ?? alert.updatedAt;
      done.push(episode);
      open.delete(alert.id);
    }
  }
  const episodes = [...done, ...open.values()]
    .filter((e) => !e.suppressed && e.firedAt >= range.from && e.firedAt < range.to)
    .map(({ suppressed: _suppressed, ...e }) => e);
  return { episodes, truncated };
}
