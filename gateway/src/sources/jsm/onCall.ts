/**
 * GET /api/oncall from JSM Operations: one entry per enabled schedule, its single layer holding who is on call now
 * (GET /v1/schedules/{id}/on-calls?flat=true) and next (…/next-on-calls?flat=true). JSM answers Atlassian account
 * ids only, with no shift times and no names (resolving them needs Jira's user API, which this does not call), so
 * a person is named by account id and shifts carry no start or end. A schedule belongs to the catalog team whose
 * name it carries: the schedule is named after the team, or "<team>_schedule" as Opsgenie named them on migration.
 */
import type { CatalogService, OnCallPerson, OnCallResponse } from '@opsdeck/contract';
import { schedulePolicy, teamsNamedBy } from '../../upstream/schedulePolicy';
import type { JsmClient } from './client';

export async function jsmOnCall(client: JsmClient, catalog: CatalogService[], now: number): Promise<OnCallResponse> {
  const date = new Date(now).toISOString();
  const schedules = (await client.listSchedules()).filter((s) => s.enabled !== false);
  const policies = await Promise.all(
    schedules.map(async (schedule) => {
      const [current, next] = await Promise.all([
        client.onCallUsers(schedule.id, date),
        client.nextOnCallUsers(schedule.id, date),
      ]);
      return schedulePolicy(schedule, teamsNamedBy(schedule.name, catalog), catalog, {
        now: current.map(person),
        next: next.map(person),
      });
    })
  );
  return { provider: 'jsm', generatedAt: now, policies: policies.sort((a, b) => a.name.localeCompare(b.name)) };
}

function person(accountId: string): OnCallPerson {
  return { id: accountId, name: accountId, contacts: [] };
}
