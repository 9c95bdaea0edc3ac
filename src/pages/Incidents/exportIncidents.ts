import { csvCell, type IncidentSummary } from '@opsdeck/contract';

export type ExportFormat = 'csv' | 'json';

/** The two lists the page shows, as it shows them (open: the pages loaded so far). */
export interface IncidentLists {
  open: readonly IncidentSummary[];
  recentlyResolved: readonly IncidentSummary[];
}

const iso = (ms: number) => new Date(ms).toISOString();

const COLUMNS: Array<{ header: string; value: (i: IncidentSummary) => string }> = [
  { header: 'id', value: (i) => i.id },
  { header: 'title', value: (i) => i.title },
  { header: 'severity', value: (i) => i.severity },
  { header: 'status', value: (i) => i.status },
  { header: 'service', value: (i) => i.service ?? '' },
  { header: 'team', value: (i) => i.team ?? '' },
  { header: 'source', value: (i) => i.source },
  { header: 'external_id', value: (i) => i.externalId },
  { header: 'created_at', value: (i) => iso(i.createdAt) },
  { header: 'updated_at', value: (i) => iso(i.updatedAt) },
  { header: 'alerts', value: (i) => String(i.alertIds.length) },
];

/**
 * RFC 4180 CSV (CRLF line ends, header row): the open incidents, then the recently resolved, each marked with its
 * list. Titles and ids come from upstreams anyone can post to, so every cell goes through csvCell (quoted, and a
 * leading = + - @ defused).
 */
export function incidentsToCsv(lists: IncidentLists): string {
  const lines = [['list', ...COLUMNS.map((c) => c.header)].join(',')];
  const add = (list: string, incidents: readonly IncidentSummary[]) => {
    for (const incident of incidents) {
      lines.push([list, ...COLUMNS.map((c) => csvCell(c.value(incident)))].join(','));
    }
  };
  add('open', lists.open);
  add('recently_resolved', lists.recentlyResolved);
  return `${lines.join('\r\n')}\r\n`;
}

/** The records exactly as the gateway answered them, with when they were exported and how many were open in all. */
export function incidentsToJson(lists: IncidentLists, exportedAt: number, openTotal?: number): string {
  return `${JSON.stringify(
    { exportedAt: iso(exportedAt), openTotal, open: lists.open, recentlyResolved: lists.recentlyResolved },
    null,
    2
  )}\n`;
}

/** e.g. incidents-2026-01-02T03-04-05Z.csv */
export function incidentsFileName(format: ExportFormat, now: number): string {
  const stamp = iso(now)
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `incidents-${stamp}.${format}`;
}
