import { type Alert } from '@opsdeck/contract';

const CSV_COLUMNS: Array<{ header: string; value: (a: Alert) => string }> = [
  { header: 'id', value: (a) => a.id },
  { header: 'service', value: (a) => a.service ?? '' },
  { header: 'team', value: (a) => a.team ?? '' },
  { header: 'severity', value: (a) => a.severity },
  { header: 'status', value: (a) => a.status },
  { header: 'source', value: (a) => a.source },
  { header: 'summary', value: (a) => a.summary },
  { header: 'starts_at', value: (a) => new Date(a.startsAt).toISOString() },
  { header: 'updated_at', value: (a) => new Date(a.updatedAt).toISOString() },
  { header: 'ends_at', value: (a) => (a.endsAt === undefined ? '' : new Date(a.endsAt).toISOString()) },
  { header: 'runbook_url', value: (a) => a.runbookUrl ?? '' },
  { header: 'dedup_key', value: (a) => a.dedupKey },
];

/**
 * One CSV cell (RFC 4180 quoting). Alert text comes from upstreams anyone can post to, so a leading = + - @ is
 * prefixed with ' to keep spreadsheets from running it as a formula (OWASP "CSV injection").
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The alerts as shown, one row each in screen order. */
export function alertsToCsv(alerts: Alert[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.header).join(',')];
  for (const alert of alerts) {
    lines.push(CSV_COLUMNS.map((c) => csvCell(c.value(alert))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function alertsToJson(alerts: Alert[]): string {
  return `${JSON.stringify(alerts, null, 2)}\n`;
}
