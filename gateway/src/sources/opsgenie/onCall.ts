/**
 * GET /api/oncall from Opsgenie's Schedule and Who-is-on-call APIs: one entry per enabled schedule (GET
 * /v2/schedules), its single layer holding who is on call now (GET /v2/schedules/{id}/on-calls?flat=true) and next
 * (…/next-on-calls?flat=true). With `flat` Opsgenie answers usernames, which are the users' email addresses, so a
 * person is named and mailed by username; the answers carry no shift times. A schedule belongs to the catalog team
 * that owns it (`ownerTeam.name`), else the team whose name it carries (as for JSM Operations).
 * https://docs.opsgenie.com/docs/schedule-api, https://docs.opsgenie.com/docs/who-is-on-call-api
 */
import type { CatalogService, OnCallPerson, OnCallResponse } from '@opsdeck/contract';
import { schedulePolicy, teamsNamedBy } from '../../upstream/schedulePolicy';
import type { OpsgenieClient } from './client';

/** A schedule as GET /v2/schedules lists it. */
export interface OpsgenieSchedule {
  id: string;
  name: string;
  enabled?: boolean;
  ownerTeam?: { id?: string; name?: string };
}

interface Envelope<T> {
  data?: T;
}

export async function opsgenieOnCall(
  client: OpsgenieClient,
  catalog: CatalogService[],
  now: number
): Promise<OnCallResponse> {
  // Opsgenie wants an offset in `date` and reads a literal "+" as a space; UTC "Z" needs neither.
  const date = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const listed = await client.http.json<Envelope<OpsgenieSchedule[]>>({ path: '/v2/schedules' });
  const schedules = (listed?.data ?? []).filter((s) => s.enabled !== false);
  const policies = await Promise.all(
    schedules.map(async (schedule) => {
      const path = `/v2/schedules/${encodeURIComponent(schedule.id)}`;
      const query = { scheduleIdentifierType: 'id', flat: true, date };
      const [current, next] = await Promise.all([
        client.http.json<Envelope<{ onCallRecipients?: string[] }>>({ path: `${path}/on-calls`, query }),
        client.http.json<Envelope<{ exactNextOnCallRecipients?: string[]; nextOnCallRecipients?: string[] }>>({
          path: `${path}/next-on-calls`,
          query,
        }),
      ]);
      return schedulePolicy(schedule, teamsOfSchedule(schedule, catalog), catalog, {
        now: (current?.data?.onCallRecipients ?? []).map(person),
        next: (next?.data?.exactNextOnCallRecipients ?? next?.data?.nextOnCallRecipients ?? []).map(person),
      });
    })
  );
  return { provider: 'opsgenie', generatedAt: now, policies: policies.sort((a, b) => a.name.localeCompare(b.name)) };
}

function teamsOfSchedule(schedule: OpsgenieSchedule, catalog: CatalogService[]): string[] {
  const owner = schedule.ownerTeam?.name?.trim().toLowerCase();
  const owned = [...new Set(catalog.map((s) => s.team))].filter((team) => team.toLowerCase() === owner);
  return owned.length > 0 ? owned : teamsNamedBy(schedule.name, catalog);
}

function person(username: string): OnCallPerson {
  const email = username.includes('@') ? username : undefined;
  return {
    id: username,
    name: username,
    ...(email ? { email } : {}),
    contacts: email ? [{ type: 'email', address: email }] : [],
  };
}
