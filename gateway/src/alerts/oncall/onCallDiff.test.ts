import fc from 'fast-check';
import type { OnCallShift } from '@opsdeck/contract';
import {
  applyChanges,
  assignmentKey,
  assignmentsOf,
  diffOnCall,
  stepOnCall,
  type OnCallAssignment,
} from './onCallDiff';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 30, 0, 0, 0);

function shift(id: string, start?: number, end?: number): OnCallShift {
  return {
    person: { id, name: id, contacts: [] },
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
  };
}

function assignment(holders: OnCallShift[], next: string[] = [], level = 1, policyId = 'P1'): OnCallAssignment {
  return {
    key: assignmentKey(policyId, level, level === 1 ? 'S1' : undefined),
    policy: { id: policyId, name: `${policyId} policy` },
    level,
    ...(level === 1 ? { schedule: { id: 'S1', name: 'primary' } } : {}),
    teams: ['payments'],
    services: ['checkout-api'],
    holders: [...holders].sort((a, b) => a.person.id.localeCompare(b.person.id)),
    next,
  };
}

const holdersByKey = (list: readonly OnCallAssignment[]) =>
  Object.fromEntries(list.map((a) => [a.key, a.holders.map((s) => s.person.id)]));

describe('diffOnCall', () => {
  it('calls the planned next holder arriving after the shift ended a handover', () => {
    const before = [assignment([shift('ada', T - 7 * 24 * HOUR, T)], ['grace'])];
    const after = [assignment([shift('grace', T, T + 7 * 24 * HOUR)], ['linus'])];
    const [change, ...rest] = diffOnCall(before, after, T + 1);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      change: 'handover',
      policy: { id: 'P1', name: 'P1 policy' },
      level: 1,
      schedule: { id: 'S1', name: 'primary' },
      services: ['checkout-api'],
    });
    expect(change.left.map((s) => s.person.id)).toEqual(['ada']);
    expect(change.came.map((s) => s.person.id)).toEqual(['grace']);
  });

  it('tells an override from a handover by the shift it cut short, and its end by who comes back', () => {
    const regular = assignment([shift('ada', T, T + 7 * 24 * HOUR)], ['grace']);
    const override = assignment([shift('bob', T + HOUR, T + 5 * HOUR)], ['ada']);
    const started = stepOnCall({ assignments: [regular], displaced: {} }, [override], T + HOUR);
    expect(started.changes.map((c) => c.change)).toEqual(['override-started']);
    expect(started.state.displaced).toEqual({ [regular.key]: ['ada'] });

    const back = assignment([shift('ada', T + 5 * HOUR, T + 7 * 24 * HOUR)], ['grace']);
    const ended = stepOnCall(started.state, [back], T + 5 * HOUR);
    expect(ended.changes.map((c) => [c.change, c.left[0].person.id, c.came[0].person.id])).toEqual([
      ['override-ended', 'bob', 'ada'],
    ]);
    expect(ended.state.displaced).toEqual({});
  });

  it('calls a level appearing, disappearing or its direct user replaced a roster change', () => {
    const backup = assignment([shift('carol')], [], 2);
    expect(diffOnCall([], [backup], T).map((c) => c.change)).toEqual(['roster-changed']);
    expect(diffOnCall([backup], [], T).map((c) => [c.change, c.came.length])).toEqual([['roster-changed', 0]]);
    expect(diffOnCall([backup], [assignment([shift('dave')], [], 2)], T).map((c) => c.change)).toEqual([
      'roster-changed',
    ]);
  });

  it('calls a cut-short shift handed on for good (a schedule edit) a roster change', () => {
    const before = [assignment([shift('ada', T, T + 7 * 24 * HOUR)], ['grace'])];
    const after = [assignment([shift('bob', T + HOUR, T + 14 * 24 * HOUR)])];
    expect(diffOnCall(before, after, T + HOUR).map((c) => c.change)).toEqual(['roster-changed']);
  });

  it('hands over without shift times when the next holder named earlier arrives (Opsgenie, JSM)', () => {
    const change = diffOnCall([assignment([shift('ada')], ['grace'])], [assignment([shift('grace')])], T);
    expect(change.map((c) => c.change)).toEqual(['handover']);
  });

  it('reads assignments from an on-call answer, one per level holding someone', () => {
    const list = assignmentsOf({
      policies: [
        {
          id: 'P1',
          name: 'Payments',
          teams: ['payments'],
          services: ['checkout-api'],
          steps: [],
          layers: [
            { level: 1, scheduleId: 'S1', scheduleName: 'primary', now: [shift('ada')], next: [shift('grace')] },
            { level: 2, now: [], next: [] },
          ],
        },
      ],
    });
    expect(list).toEqual([
      expect.objectContaining({
        key: assignmentKey('P1', 1, 'S1'),
        next: ['grace'],
        schedule: { id: 'S1', name: 'primary' },
      }),
    ]);
  });
});

describe('diffOnCall properties', () => {
  const people = fc.constantFrom('ada', 'grace', 'linus', 'ken', 'barbara');
  const times = fc.option(fc.integer({ min: T - 10 * HOUR, max: T + 10 * HOUR }), { nil: undefined });
  const holder = fc.tuple(people, times, times).map(([id, start, end]) => shift(id, start, end));
  const roster = fc
    .array(
      fc.record({
        policy: fc.constantFrom('P1', 'P2'),
        level: fc.integer({ min: 1, max: 3 }),
        holders: fc.uniqueArray(holder, { minLength: 1, maxLength: 3, selector: (s) => s.person.id }),
        next: fc.uniqueArray(people, { maxLength: 2 }),
      }),
      { maxLength: 6 }
    )
    .map((levels) => {
      const byKey = new Map<string, OnCallAssignment>();
      for (const l of levels) {
        const a = assignment(l.holders, l.next, l.level, l.policy);
        byKey.set(a.key, a);
      }
      return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
    });

  it('finds nothing between a roster and itself', () => {
    fc.assert(fc.property(roster, fc.integer(), (a, at) => diffOnCall(a, a, at).length === 0));
  });

  it('gives changes that, applied to the first roster, give the second one’s holders', () => {
    fc.assert(
      fc.property(roster, roster, fc.integer({ min: T - 10 * HOUR, max: T + 10 * HOUR }), (a, b, at) => {
        expect(holdersByKey(applyChanges(a, diffOnCall(a, b, at)))).toEqual(holdersByKey(b));
      })
    );
  });

  it('changes each level at most once, and only where someone left or came', () => {
    fc.assert(
      fc.property(roster, roster, (a, b) => {
        const changes = diffOnCall(a, b, T);
        expect(new Set(changes.map((c) => c.key)).size).toBe(changes.length);
        for (const c of changes) expect(c.left.length + c.came.length).toBeGreaterThan(0);
      })
    );
  });
});
