import { csvCell, type DoraResponse } from '@opsdeck/contract';
import { type ExportFormat } from './exportDeployments';

const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(Math.round(ms / 1000)));

/** Durations in whole seconds and the failure rate as a 0–1 share: what a spreadsheet sums and charts. */
const COLUMNS: Array<{ header: string; value: (f: DoraResponse['rows'][number]['figures']) => string }> = [
  { header: 'deployments', value: (f) => String(f.deployments) },
  { header: 'deployments_per_day', value: (f) => String(f.deploymentsPerDay) },
  { header: 'lead_time_seconds', value: (f) => seconds(f.leadTimeMs) },
  {
    header: 'change_failure_rate',
    value: (f) => (f.changeFailureRate === undefined ? '' : String(f.changeFailureRate)),
  },
  { header: 'recovery_time_seconds', value: (f) => seconds(f.recoveryTimeMs) },
];

/** RFC 4180 CSV (CRLF line ends, header row) of the DORA rows shown, in the gateway's order. */
export function doraToCsv(dora: DoraResponse, groupBy: 'service' | 'team'): string {
  // The rows say how they were grouped; the fallback names the header of an answer without rows.
  const lines = [[dora.rows[0]?.groupBy ?? groupBy, ...COLUMNS.map((c) => c.header)].join(',')];
  for (const row of dora.rows) {
    // Service and team names come from the catalog; csvCell still quotes and defuses them.
    lines.push([csvCell(row.key), ...COLUMNS.map((c) => c.value(row.figures))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The gateway's answer as it came (milliseconds), with the filters that selected it. */
export function doraToJson(dora: DoraResponse, filters: Record<string, string>): string {
  return `${JSON.stringify({ filters, ...dora }, null, 2)}\n`;
}

/** e.g. dora-groupBy-service-team-payments-2025-01-01T12-00-00Z.csv */
export function doraFileName(format: ExportFormat, filters: Record<string, string>, now: number): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}-${value}`.replace(/[^A-Za-z0-9._-]+/g, '_'));
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${['dora', ...parts, stamp].join('-')}.${format}`;
}
