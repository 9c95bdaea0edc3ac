/**
 * Post-mortems of incidents: Markdown started from docs/templates/postmortem.md in the app, edited by people and
 * stored by the gateway. GET goes through the read route; PUT only through the Editor `write` route (audited).
 */

/** GET and PUT /api/incidents/:id/postmortem (the id is Opsdeck's Incident.id). */
export function postmortemPath(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}/postmortem`;
}

/** Post-mortems larger than this are refused (400): a document, not an attachment store. */
export const POSTMORTEM_MAX_CHARS = 200_000;

export interface Postmortem {
  incidentId: string;
  markdown: string;
  /** Epoch ms of the last save. */
  updatedAt: number;
  /** Grafana login of whoever saved last (X-Grafana-User; `anonymous` when absent). */
  updatedBy: string;
}

/** GET answers 200 with `postmortem: null` while nobody has saved one; 404 when the incident does not exist. */
export interface PostmortemResponse {
  postmortem: Postmortem | null;
}

/** PUT body; answers 200 PostmortemResponse with what was stored. */
export interface SavePostmortemRequest {
  markdown: string;
}
