import { csvCell, type ReliabilityResponse, type ReliabilityRow } from '@opsdeck/contract';

import { downloadText } from '@/components/download';

export type ExportFormat = 'csv' | 'json';

/** Saves one tab's answer as CSV or JSON; each render is only run for the format asked for. */
export function saveExport(format: ExportFormat, name: string, render: { csv: () => string; json: () => string }) {
  if (format === 'csv') {
    downloadText(name, 'text/csv', render.csv());
  } else {
    downloadText(name, 'application/json', render.json());
  }
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(Math.round(ms / 1000)));

/** Durations in whole seconds: what a spreadsheet user sums and charts; the JSON keeps the gateway's milliseconds. */
const COLUMNS: Array<{ header: string; value: (row: ReliabilityRow) => string }> = [
  { header: 'incidents', value: (r) => String(r.current.incidents) },
  { header: 'in_maintenance', value: (r) => String(r.current.inMaintenance) },
  { header: 'mtta_mean_seconds', value: (r) => seconds(r.current.mtta?.mean) },
  { header: 'mtta_p90_seconds', value: (r) => seconds(r.current.mtta?.p90) },
  { header: 'mtta_count', value: (r) => String(r.current.mtta?.count ?? 0) },
  { header: 'mttr_mean_seconds', value: (r) => seconds(r.current.mttr?.mean) },
  { header: 'mttr_median_seconds', value: (r) => seconds(r.current.mttr?.median) },
  { header: 'mttr_p90_seconds', value: (r) => seconds(r.current.mttr?.p90) },
  { header: 'mttr_count', value: (r) => String(r.current.mttr?.count ?? 0) },
  { header: 'mtbf_mean_seconds', value: (r) => seconds(r.current.mtbf?.mean) },
  { header: 'mtbf_median_seconds', value: (r) => seconds(r.current.mtbf?.median) },
  { header: 'mtbf_count', value: (r) => String(r.current.mtbf?.count ?? 0) },
  { header: 'previous_incidents', value: (r) => String(r.previous.incidents) },
  { header: 'previous_mttr_mean_seconds', value: (r) => seconds(r.previous.mttr?.mean) },
  { header: 'mttr_trend_seconds', value: (r) => seconds(r.trend.mttr?.delta) },
  {
    header: 'mttr_trend_ratio',
    value: (r) => (r.trend.mttr?.ratio === undefined ? '' : r.trend.mttr.ratio.toFixed(4)),
  },
];

/** RFC 4180 CSV (CRLF line ends, header row) of the table's rows in the gateway's order, worst first. */
export function reliabilityToCsv(report: ReliabilityResponse): string {
  const lines = [[report.groupBy, ...COLUMNS.map((c) => c.header)].join(',')];
  for (const row of report.rows) {
    // Keys are service, team or severity names from the catalog and from alerts: csvCell quotes and defuses them.
    lines.push([csvCell(row.key), ...COLUMNS.map((c) => csvCell(c.value(row)))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The gateway's answer as it came (milliseconds), with the filters that selected it. */
export function reliabilityToJson(report: ReliabilityResponse, filters: Record<string, string>): string {
  return `${JSON.stringify({ filters, ...report }, null, 2)}\n`;
}

/** e.g. reliability-period-30d-groupBy-service-team-payments-2025-01-01T12-00-00Z.csv; `what` names the section. */
export function exportFileName(
  format: ExportFormat,
  filters: Record<string, string>,
  now: number,
  what: 'reliability' | 'alert-fatigue' | 'cost-efficiency' = 'reliability'
): string {
  const parts = Object.entries(filters).map(([key, value]) => `${key}-${value}`.replace(/[^A-Za-z0-9._-]+/g, '_'));
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${[what, ...parts, stamp].join('-')}.${format}`;
}
