import { DEFAULT_QUERY, EVENT_KINDS, type EventKind, type OpsdeckQuery } from '@opsdeck/contract';

/**
 * A query as a dashboard may hold it: saved by an older editor, written by hand or by provisioning scripts. Saved
 * queries carry no version, so every rule below recognises the old shape by itself and leaves the current one alone.
 */
export type SavedQuery = Omit<OpsdeckQuery, 'queryType' | 'eventKinds' | 'topN' | 'period'> & {
  queryType?: OpsdeckQuery['queryType'];
  eventKinds?: EventKind[] | string;
  topN?: number | string;
  period?: number | string;
};

/** "deployment,incident" (a text field in a hand-written panel) is the list of those kinds. */
function eventKinds(saved: string): EventKind[] {
  const kinds = saved.split(',').map((kind) => kind.trim());
  return kinds.filter((kind): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind));
}

/** "60" from a hand-edited JSON is the number 60; text that is no number stays for the gateway to name as wrong. */
function wholeNumber(saved: number | string): number | string {
  return typeof saved === 'string' && /^\s*\d+\s*$/.test(saved) ? Number(saved) : saved;
}

/**
 * The saved query in the current shape. Returns the very object it was given when nothing needed changing, so the
 * editor can call it on every render without making Grafana think the panel changed.
 */
export function migrateQuery(saved: SavedQuery): OpsdeckQuery {
  const patch: Partial<Record<keyof OpsdeckQuery, unknown>> = {};
  // Panels created before the datasource had a default query were saved with a refId only.
  if (!saved.queryType) {
    patch.queryType = DEFAULT_QUERY.queryType;
  }
  if (typeof saved.eventKinds === 'string') {
    patch.eventKinds = eventKinds(saved.eventKinds);
  }
  for (const field of ['topN', 'period'] as const) {
    const value = saved[field];
    if (value !== undefined && wholeNumber(value) !== value) {
      patch[field] = wholeNumber(value);
    }
  }
  return Object.keys(patch).length ? ({ ...saved, ...patch } as OpsdeckQuery) : (saved as OpsdeckQuery);
}
