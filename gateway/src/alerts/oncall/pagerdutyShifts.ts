/**
 * First-level on-call shifts per catalog team over a range, from PagerDuty's oncalls: with `since`/`until` it lists
 * every on-call period overlapping the range, each with its start and end. Teams are tied to escalation policies
 * through the catalog's PagerDuty service ids, as for GET /api/oncall (pagerdutyOnCall.ts).
 */
import type { CatalogService, TimeRangeMs } from '@opsdeck/contract';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import type { PdOnCall } from '../../sources/pagerduty/types';
import type { TeamShift } from './shiftHistory';

/**
 * The range is read a month at a time: one search is limited to about three months (public tools built on the API
 * cap it at 90 days) and one list to 10,000 entries (offset + limit), and a month stays well inside both.
 */
export const WINDOW_MS = 30 * 86_400_000;

export async function pagerDutyShifts(
  client: PagerDutyClient,
  catalog: CatalogService[],
  range: TimeRangeMs
): Promise<TeamShift[]> {
  if (range.to <= range.from) return [];
  const [policies, schedules] = await Promise.all([client.listEscalationPolicies(), client.listSchedules()]);
  const teamsOfPolicy = new Map<string, { name: string; teams: string[] }>();
  for (const policy of policies) {
    const serviceIds = new Set((policy.services ?? []).map((s) => s.id));
    const teams = [
      ...new Set(
        catalog.filter((s) => s.pagerdutyServiceId && serviceIds.has(s.pagerdutyServiceId)).map((s) => s.team)
      ),
    ].sort();
    if (teams.length > 0) teamsOfPolicy.set(policy.id, { name: policy.name, teams });
  }
  if (teamsOfPolicy.size === 0) return [];
  const scheduleNames = new Map(schedules.map((s) => [s.id, s.name]));
  const entries: PdOnCall[] = [];
  for (let since = range.from; since < range.to; since += WINDOW_MS) {
    const until = Math.min(range.to, since + WINDOW_MS);
    const page = await client.listOnCalls(new Date(since).toISOString(), new Date(until).toISOString(), {
      escalationPolicyIds: [...teamsOfPolicy.keys()],
    });
    entries.push(...page.filter((e) => e.escalation_level === 1));
  }
  const shifts: TeamShift[] = [];
  for (const piece of joined(entries, range)) {
    const policy = teamsOfPolicy.get(piece.entry.escalation_policy.id);
    if (!policy) continue;
    const { user, schedule } = piece.entry;
    for (const team of policy.teams) {
      shifts.push({
        team,
        person: user.name ?? user.summary ?? user.id,
        ...(user.email ? { email: user.email } : {}),
        schedule: schedule ? (scheduleNames.get(schedule.id) ?? schedule.summary ?? schedule.id) : policy.name,
        start: piece.start,
        end: piece.end,
      });
    }
  }
  return unique(shifts).sort((a, b) => a.start - b.start || a.team.localeCompare(b.team));
}

interface Piece {
  entry: PdOnCall;
  start: number;
  end: number;
}

/**
 * One piece per on-call period: a period read in two windows comes back twice (or cut at the window's edge), and a
 * user put on the level directly has no start or end (on call all the time, here the whole range).
 */
function joined(entries: readonly PdOnCall[], range: TimeRangeMs): Piece[] {
  const byHolder = new Map<string, Piece[]>();
  for (const entry of entries) {
    const start = entry.start ? Date.parse(entry.start) : range.from;
    const end = entry.end ? Date.parse(entry.end) : range.to;
    if (!(start < end)) continue;
    const key = JSON.stringify([entry.escalation_policy.id, entry.schedule?.id ?? '', entry.user.id]);
    byHolder.set(key, [...(byHolder.get(key) ?? []), { entry, start, end }]);
  }
  const pieces: Piece[] = [];
  for (const list of byHolder.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let current: Piece | undefined;
    for (const piece of list) {
      // PagerDuty's on-call is a contiguous unit of time: touching or overlapping pieces of one holder are one shift.
      if (current && piece.start <= current.end) current.end = Math.max(current.end, piece.end);
      else {
        current = { ...piece };
        pieces.push(current);
      }
    }
  }
  return pieces;
}

/** Two policies of one team naming the same schedule give the same shift once. */
function unique(shifts: TeamShift[]): TeamShift[] {
  const seen = new Set<string>();
  return shifts.filter((s) => {
    const key = JSON.stringify([s.team, s.schedule, s.person, s.start, s.end]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
