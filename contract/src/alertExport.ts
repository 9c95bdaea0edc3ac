/**
 * GET /api/alerts/export: every alert the filters match (not one page), streamed as CSV or JSON. The CSV columns are
 * defined here once, for the gateway's export and anything else that writes alerts as CSV.
 */
import type { Alert } from './alerts';

export const ALERTS_EXPORT_PATH = '/api/alerts/export';
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export const ALERT_CSV_COLUMNS: ReadonlyArray<{ header: string; value: (a: Alert) => string }> = [
  { header: 'id', value: (a) => a.id },
  { header: 'service', value: (a) => a.service ?? '' },
  { header: 'team', value: (a) => a.team ?? '' },
  { header: 'severity', value: (a) => a.severity },
  { header: 'status', value: (a) => a.status },
  { header: 'source', value: (a) => a.source },
  { header: 'summary', value: (a) => a.summary },
  { header: 'starts_at', value: (a) => iso(a.startsAt) },
  { header: 'updated_at', value: (a) => iso(a.updatedAt) },
  { header: 'ends_at', value: (a) => iso(a.endsAt) },
  { header: 'runbook_url', value: (a) => a.runbookUrl ?? '' },
  { header: 'dedup_key', value: (a) => a.dedupKey },
];

/**
 * One CSV cell (RFC 4180 quoting). Alert text comes from upstreams anyone can post to, so a leading = + - @ is
 * prefixed with ' to keep spreadsheets from running it as a formula (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function alertCsvHeader(): string {
  return `${ALERT_CSV_COLUMNS.map((c) => c.header).join(',')}\r\n`;
}

export function alertCsvRow(alert: Alert): string {
  return `${ALERT_CSV_COLUMNS.map((c) => csvCell(c.value(alert))).join(',')}\r\n`;
}
