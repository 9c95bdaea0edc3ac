import { dateTimeFormat } from '@grafana/data';

/** An instant as Grafana formats it in the user's time zone, e.g. 2026-11-27 20:08:23. */
export function formatDateTime(epochMs: number): string {
  return dateTimeFormat(epochMs, { format: 'YYYY-MM-DD HH:mm:ss' });
}
