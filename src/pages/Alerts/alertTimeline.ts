import { type Alert, type Incident, type TimelineEntry } from '@opsdeck/contract';

/**
 * What happened to one alert: its own start and end, and every entry of the incidents it belongs to (acks, notes,
 * escalations are recorded there), oldest first, without the duplicates the two views share.
 */
export function alertTimeline(alert: Alert, incidents: Array<Pick<Incident, 'timeline'>>): TimelineEntry[] {
  const own: TimelineEntry[] = [{ kind: 'triggered', at: alert.startsAt, actor: alert.source }];
  if (alert.status === 'resolved' && alert.endsAt !== undefined) {
    own.push({ kind: 'resolved', at: alert.endsAt, actor: alert.source });
  }
  const seen = new Set<string>();
  return [...own, ...incidents.flatMap((i) => i.timeline)]
    .sort((a, b) => a.at - b.at)
    .filter((entry) => {
      const key = `${entry.kind}|${entry.at}|${entry.text ?? ''}`;
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
}
