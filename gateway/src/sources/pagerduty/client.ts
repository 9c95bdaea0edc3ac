/**
 * Typed client of PagerDuty REST API v2: the calls Opsdeck makes (incident actions with the `From` header, notes,
 * snooze, the incident list for polling, on-call, schedules, escalation policies, maintenance windows). Lists are
 * read page by page (offset/limit/more) up to the documented 10,000 ceiling. 429s are retried by JsonHttp.
 */
import { JsonHttp, type JsonHttpOptions } from '../rest/jsonHttp';
import type { PdEscalationPolicy, PdIncident, PdMaintenanceWindow, PdNote, PdOnCall, PdSchedule } from './types';

export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';
const PAGE_LIMIT = 100;
const OFFSET_CEILING = 10_000;

export interface PagerDutyClientOptions {
  token: string;
  baseUrl?: string;
  sleep?: JsonHttpOptions['sleep'];
  maxRetries?: number;
}

export type PdIncidentUpdate =
  | { status: 'acknowledged' | 'resolved' }
  | { escalation_level: number }
  | { assignments: Array<{ assignee: { id: string; type: 'user_reference' } }> }
  | { urgency: 'high' | 'low' };

export class PagerDutyClient {
  readonly http: JsonHttp;

  constructor(options: PagerDutyClientOptions) {
    this.http = new JsonHttp({
      vendor: 'PagerDuty',
      baseUrl: options.baseUrl ?? PAGERDUTY_API_URL,
      headers: {
        authorization: `Token token=${options.token}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      },
      sleep: options.sleep,
      maxRetries: options.maxRetries,
    });
  }

  async getIncident(id: string): Promise<PdIncident> {
    const body = await this.http.json<{ incident: PdIncident }>({ path: `/incidents/${encodeURIComponent(id)}` });
    return body.incident;
  }

  /** PUT /incidents/{id}: acknowledge, resolve, escalate, reassign or set the urgency, as the user named by `from`. */
  async updateIncident(id: string, update: PdIncidentUpdate, from: string): Promise<PdIncident> {
    const body = await this.http.json<{ incident: PdIncident }>({
      method: 'PUT',
      path: `/incidents/${encodeURIComponent(id)}`,
      headers: { from },
      body: { incident: { type: 'incident_reference', ...update } },
    });
    return body.incident;
  }

  /** POST /incidents/{id}/snooze; PagerDuty snoozes only acknowledged incidents. */
  async snoozeIncident(id: string, durationSeconds: number, from: string): Promise<PdIncident> {
    const body = await this.http.json<{ incident: PdIncident }>({
      method: 'POST',
      path: `/incidents/${encodeURIComponent(id)}/snooze`,
      headers: { from },
      body: { duration: durationSeconds },
    });
    return body.incident;
  }

  async addNote(id: string, content: string, from: string): Promise<PdNote> {
    const body = await this.http.json<{ note: PdNote }>({
      method: 'POST',
      path: `/incidents/${encodeURIComponent(id)}/notes`,
      headers: { from },
      body: { note: { content } },
    });
    return body.note;
  }

  listIncidents(filter: { statuses?: string[]; since?: string } = {}): Promise<PdIncident[]> {
    return this.listAll<PdIncident>('/incidents', 'incidents', {
      'statuses[]': filter.statuses,
      since: filter.since,
    });
  }

  /** On-call entries overlapping [since, until], users included (name, email, contact methods). */
  listOnCalls(since: string, until: string, filter: { escalationPolicyIds?: string[] } = {}): Promise<PdOnCall[]> {
    return this.listAll<PdOnCall>('/oncalls', 'oncalls', {
      since,
      until,
      'include[]': ['users'],
      'escalation_policy_ids[]': filter.escalationPolicyIds,
    });
  }

  listSchedules(): Promise<PdSchedule[]> {
    return this.listAll<PdSchedule>('/schedules', 'schedules', {});
  }

  listEscalationPolicies(): Promise<PdEscalationPolicy[]> {
    return this.listAll<PdEscalationPolicy>('/escalation_policies', 'escalation_policies', {});
  }

  async createMaintenanceWindow(
    window: { startTime: string; endTime: string; description: string; serviceIds: string[] },
    from: string
  ): Promise<PdMaintenanceWindow> {
    const body = await this.http.json<{ maintenance_window: PdMaintenanceWindow }>({
      method: 'POST',
      path: '/maintenance_windows',
      headers: { from },
      body: {
        maintenance_window: {
          type: 'maintenance_window',
          start_time: window.startTime,
          end_time: window.endTime,
          description: window.description,
          services: window.serviceIds.map((id) => ({ id, type: 'service_reference' })),
        },
      },
    });
    return body.maintenance_window;
  }

  async updateMaintenanceWindowEnd(id: string, endTime: string, from: string): Promise<PdMaintenanceWindow> {
    const body = await this.http.json<{ maintenance_window: PdMaintenanceWindow }>({
      method: 'PUT',
      path: `/maintenance_windows/${encodeURIComponent(id)}`,
      headers: { from },
      body: { maintenance_window: { type: 'maintenance_window', end_time: endTime } },
    });
    return body.maintenance_window;
  }

  /** Deletes a future window, ends one in progress (PagerDuty's documented behaviour). */
  async deleteMaintenanceWindow(id: string, from: string): Promise<void> {
    await this.http.json<unknown>({
      method: 'DELETE',
      path: `/maintenance_windows/${encodeURIComponent(id)}`,
      headers: { from },
    });
  }

  protected async listAll<T>(
    path: string,
    key: string,
    query: Record<string, string | string[] | undefined>
  ): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; offset + PAGE_LIMIT <= OFFSET_CEILING; offset += PAGE_LIMIT) {
      const page = await this.http.json<Record<string, unknown> & { more?: boolean }>({
        path,
        query: { ...query, limit: PAGE_LIMIT, offset },
      });
      const batch = page[key];
      if (Array.isArray(batch)) items.push(...(batch as T[]));
      if (!page.more) break;
    }
    return items;
  }
}
