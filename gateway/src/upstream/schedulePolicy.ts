/**
 * On-call from vendors whose unit is a schedule, not an escalation policy (Opsgenie, JSM Operations): each schedule
 * becomes a one-level policy whose layer holds who is on call now and next, and belongs to the catalog team whose
 * name it carries: the schedule is named after the team, or "<team>_schedule" as Opsgenie names a team's schedule.
 */
import type { CatalogService, EscalationPolicyOnCall, OnCallPerson } from '@opsdeck/contract';

export function schedulePolicy(
  schedule: { id: string; name: string },
  teams: string[],
  catalog: CatalogService[],
  onCall: { now: OnCallPerson[]; next: OnCallPerson[] }
): EscalationPolicyOnCall {
  return {
    id: schedule.id,
    name: schedule.name,
    teams,
    services: catalog
      .filter((s) => teams.includes(s.team))
      .map((s) => s.name)
      .sort(),
    steps: [{ level: 1, delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id, name: schedule.name }] }],
    layers: [
      {
        level: 1,
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        now: onCall.now.map((person) => ({ person })),
        next: onCall.next.map((person) => ({ person })),
      },
    ],
  };
}

export function teamsNamedBy(scheduleName: string, catalog: CatalogService[]): string[] {
  const name = scheduleName.trim().toLowerCase();
  const teams = new Set(catalog.map((s) => s.team));
  return [...teams].filter((team) => {
    const t = team.toLowerCase();
    return name === t || name === `${t}_schedule` || name === `${t} schedule`;
  });
}
