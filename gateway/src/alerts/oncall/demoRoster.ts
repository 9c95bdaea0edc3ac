/**
 * The demo on-call roster: for each catalog team a two-level policy (a weekly rotation of three engineers, then the
 * team lead), derived from the team name and the week, so the same clock always gives the same answer. The same
 * rotation answers "who is on call now and next" and "who was on call in this range" (the fatigue shifts).
 */
import type {
  CatalogService,
  EscalationPolicyOnCall,
  OnCallPerson,
  OnCallResponse,
  TimeRangeMs,
} from '@opsdeck/contract';
import type { TeamShift } from './shiftHistory';

const WEEK_MS = 7 * 86_400_000;
// Weeks start on Monday 00:00 UTC (the Unix epoch was a Thursday).
const MONDAY_OFFSET_MS = 4 * 86_400_000;
const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Linus',
  'Margaret',
  'Ken',
  'Barbara',
  'Dennis',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Anita',
];

/** The catalog's teams in the order the rotation names are dealt from. */
function teamsOf(catalog: CatalogService[]): string[] {
  return [...new Set(catalog.map((s) => s.team))].sort();
}

function weekIndexAt(t: number): number {
  return Math.floor((t - MONDAY_OFFSET_MS) / WEEK_MS);
}

function weekStartOf(weekIndex: number): number {
  return weekIndex * WEEK_MS + MONDAY_OFFSET_MS;
}

/** Who holds the team's first level in a week: one rotation, shared by "now/next" and the shift history. */
function primaryOf(team: string, teamIndex: number, weekIndex: number): OnCallPerson {
  const slot = ((weekIndex % 3) + 3) % 3;
  return person(team, FIRST_NAMES[(teamIndex * 3 + slot) % FIRST_NAMES.length]);
}

function leadOf(team: string, teamIndex: number): OnCallPerson {
  return person(team, `${FIRST_NAMES[(teamIndex * 3 + 3) % FIRST_NAMES.length]} (lead)`);
}

/**
 * The Grafana login the demo knows as a roster person: `admin` (Grafana's default user) is the first team's lead,
 * always on call at level 2, so a new user trying the demo sees "you are on call". An explicit mapping wins.
 */
export const DEMO_ONCALL_LOGIN = 'admin';

export function demoLoginEmails(catalog: CatalogService[]): Record<string, string> {
  const [first] = teamsOf(catalog);
  const email = first === undefined ? undefined : leadOf(first, 0).email;
  return email ? { [DEMO_ONCALL_LOGIN]: email } : {};
}

function scheduleNameOf(team: string): string {
  return `${team} primary`;
}

export function demoOnCall(catalog: CatalogService[], now: number): OnCallResponse {
  const weekIndex = weekIndexAt(now);
  const weekStart = weekStartOf(weekIndex);
  const policies = teamsOf(catalog).map((team, teamIndex): EscalationPolicyOnCall => {
    const lead = leadOf(team, teamIndex);
    const current = primaryOf(team, teamIndex, weekIndex);
    const following = primaryOf(team, teamIndex, weekIndex + 1);
    const scheduleId = `demo-${team}-primary`;
    const scheduleName = scheduleNameOf(team);
    return {
      id: `demo-${team}`,
      name: `${team} on-call`,
      teams: [team],
      services: catalog
        .filter((s) => s.team === team)
        .map((s) => s.name)
        .sort(),
      steps: [
        { level: 1, delayMinutes: 15, targets: [{ type: 'schedule', id: scheduleId, name: scheduleName }] },
        { level: 2, delayMinutes: 30, targets: [{ type: 'user', id: lead.id, name: lead.name }] },
      ],
      layers: [
        {
          level: 1,
          scheduleId,
          scheduleName,
          now: [{ person: current, start: weekStart, end: weekStart + WEEK_MS }],
          next: [{ person: following, start: weekStart + WEEK_MS, end: weekStart + 2 * WEEK_MS }],
        },
        { level: 2, now: [{ person: lead }], next: [] },
      ],
    };
  });
  return { provider: 'demo', generatedAt: now, policies };
}

/** The first-level weekly shifts overlapping the range, per team, whole (not clipped), oldest first. */
export function demoShifts(catalog: CatalogService[], range: TimeRangeMs): TeamShift[] {
  const shifts: TeamShift[] = [];
  if (range.to <= range.from) return shifts;
  const first = weekIndexAt(range.from);
  const last = weekIndexAt(range.to - 1);
  teamsOf(catalog).forEach((team, teamIndex) => {
    for (let week = first; week <= last; week++) {
      const { name, email } = primaryOf(team, teamIndex, week);
      const start = weekStartOf(week);
      shifts.push({ team, person: name, email, schedule: scheduleNameOf(team), start, end: start + WEEK_MS });
    }
  });
  return shifts.sort((a, b) => a.start - b.start || a.team.localeCompare(b.team));
}

function person(team: string, name: string): OnCallPerson {
  const slug = `${name.split(' ')[0].toLowerCase()}.${team}`;
  const email = `${slug}@example.com`;
  return { id: `demo-${slug}`, name, email, contacts: [{ type: 'email', address: email }] };
}
