import { type Deployment } from '@opsdeck/contract';

export type ExportFormat = 'csv' | 'json';

const COLUMNS: Array<{ header: string; value: (d: Deployment) => string | number | undefined }> = [
  { header: 'id', value: (d) => d.id },
  { header: 'service', value: (d) => d.service },
  { header: 'environment', value: (d) => d.environment },
  { header: 'version', value: (d) => d.version },
  { header: 'previous_version', value: (d) => d.previousVersion },
  { header: 'status', value: (d) => d.status },
  { header: 'rollback_of', value: (d) => d.rollbackOf },
  { header: 'actor', value: (d) => d.actor },
  { header: 'source', value: (d) => d.source },
  { header: 'commit', value: (d) => d.commit },
  { header: 'started_at', value: (d) => new Date(d.startedAt).toISOString() },
  {
    header: 'finished_at',
    value: (d) => (d.finishedAt === undefined ? undefined : new Date(d.finishedAt).toISOString()),
  },
  {
    header: 'duration_seconds',
    value: (d) => (d.finishedAt === undefined ? undefined : Math.round((d.finishedAt - d.startedAt) / 1000)),
  },
  { header: 'url', value: (d) => d.url },
];

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab/CR) as a formula; deploy fields come from CI
 * systems, so they are defused with a leading apostrophe (OWASP "CSV injection").
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number | undefined): string {
  if (value === undefined) {
    return '';
  }
  const text = typeof value === 'number' ? String(value) : defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends, header row) of the deployments, in the order given. */
export function deploymentsToCsv(deployments: readonly Deployment[]): string {
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const deployment of deployments) {
    lines.push(COLUMNS.map((c) => csvCell(c.value(deployment))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The records exactly as the gateway answered them, with the filters that selected them. */
export function deploymentsToJson(deployments: readonly Deployment[], filters: Record<string, string>): string {
  return `${JSON.stringify({ filters, deployments }, null, 2)}\n`;
}

/** e.g. deployments-team-payments-2025-01-01T12-00-00Z.csv */
export function exportFileName(format: ExportFormat, filters: Record<string, string>, now: number): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}-${value}`.replace(/[^A-Za-z0-9._-]+/g, '_'));
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return ['deployments', ...parts, stamp].join('-') + `.${format}`;
}

/** Hands a file to the browser's download manager. */
export function downloadFile(fileName: string, content: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
