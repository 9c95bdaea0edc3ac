import { dateTimeFormatTimeAgo } from '@grafana/data';

/** "5 minutes ago" as Grafana writes it; a thing that never happened (no deploy yet) is "Never". */
export function formatTimeAgo(epochMs: number | null | undefined): string {
  return epochMs === null || epochMs === undefined ? 'Never' : dateTimeFormatTimeAgo(epochMs);
}
