/**
 * The demo on-call roster: for each catalog team a two-level policy (a weekly rotation of three engineers, then the
 * team lead), derived from the team name and the week, so the same clock always gives the same answer.
 */
import type { CatalogService, EscalationPolicyOnCall, OnCallPerson, OnCallResponse } from '@opsdeck/contract';

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

export function demoOnCall(catalog: CatalogService[], now: number): OnCallResponse {
  const teams = [...new Set(catalog.map((s) => s.team))].sort();
  const weekIndex = Math.floor((now - MONDAY_OFFSET_MS) / WEEK_MS);
  const weekStart = weekIndex * WEEK_MS + MONDAY_OFFSET_MS;
  const policies = teams.map((team, teamIndex): EscalationPolicyOnCall => {
    const rotation = [0, 1, 2].map((i) => person(team, FIRST_NAMES[(teamIndex * 3 + i) % FIRST_NAMES.length]));
    const lead = person(team, `${FIRST_NAMES[(teamIndex * 3 + 3) % FIRST_NAMES.length]} (lead)`);
    const current = rotation[((weekIndex % 3) + 3) % 3];
    const following = rotation[(((weekIndex + 1) % 3) + 3) % 3];
    const scheduleId = `demo-${team}-primary`;
    const scheduleName = `${team} primary`;
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

function person(team: string, name: string): OnCallPerson {
  const slug = `${name.split(' ')[0].toLowerCase()}.${team}`;
  const email = `${slug}@example.com`;
  return { id: `demo-${slug}`, name, email, contacts: [{ type: 'email', address: email }] };
}
