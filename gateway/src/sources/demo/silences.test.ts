import fc from 'fast-check';
import {
  activeSilencesFor,
  exactMatchers,
  matcherMatches,
  silenceMatches,
  silenceState,
  type DemoSilence,
} from './silences';

const silence = (over: Partial<DemoSilence> = {}): DemoSilence => ({
  id: 's1',
  matchers: [{ name: 'service', value: 'checkout-api', isRegex: false, isEqual: true }],
  startsAt: 1_000,
  endsAt: 2_000,
  createdBy: 'maria',
  comment: 'snoozed',
  ...over,
});

describe('silence state', () => {
  it('is pending before startsAt, active until endsAt (exclusive), then expired', () => {
    expect([999, 1_000, 1_999, 2_000].map((t) => silenceState(silence(), t))).toEqual([
      'pending',
      'active',
      'active',
      'expired',
    ]);
  });
});

describe('matchers', () => {
  it('compare a missing label as the empty string, anchor regexes, and negate with isEqual false', () => {
    expect(matcherMatches({ name: 'team', value: '', isRegex: false }, {})).toBe(true);
    expect(matcherMatches({ name: 'service', value: 'checkout', isRegex: true }, { service: 'checkout-api' })).toBe(
      false
    );
    expect(matcherMatches({ name: 'service', value: 'checkout.*', isRegex: true }, { service: 'checkout-api' })).toBe(
      true
    );
    expect(
      matcherMatches({ name: 'severity', value: 'critical', isRegex: false, isEqual: false }, { severity: 'warning' })
    ).toBe(true);
    expect(matcherMatches({ name: 'x', value: '(', isRegex: true }, { x: '(' })).toBe(false);
  });

  const labelSets = fc.dictionary(
    fc.constantFrom('alertname', 'service', 'severity', 'team'),
    fc.constantFrom('a', 'b')
  );

  it('a silence matches exactly the alerts whose labels satisfy all its matchers', () => {
    const matcher = fc.record({
      name: fc.constantFrom('alertname', 'service', 'severity', 'team'),
      value: fc.constantFrom('a', 'b', ''),
      isRegex: fc.constant(false),
      isEqual: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(matcher, { maxLength: 4 }), labelSets, (matchers, labels) => {
        const expected = matchers.every((m) => ((labels[m.name] ?? '') === m.value) === m.isEqual);
        expect(silenceMatches({ matchers }, labels)).toBe(expected);
      })
    );
  });

  it("a snooze's exact matchers match the alert's labels and any superset, and no set that differs on one", () => {
    fc.assert(
      fc.property(labelSets, labelSets, (labels, extra) => {
        const matchers = exactMatchers(labels);
        expect(silenceMatches({ matchers }, { ...extra, ...labels })).toBe(true);
        for (const name of Object.keys(labels)) {
          expect(silenceMatches({ matchers }, { ...labels, [name]: `${labels[name]}-other` })).toBe(false);
        }
      })
    );
  });

  it('only active silences mute', () => {
    const labels = { service: 'checkout-api' };
    const silences = [
      silence({ id: 'past', endsAt: 1_500 }),
      silence({ id: 'now' }),
      silence({ id: 'later', startsAt: 3_000, endsAt: 4_000 }),
    ];
    expect(activeSilencesFor(silences, labels, 1_600).map((s) => s.id)).toEqual(['now']);
    expect(activeSilencesFor(silences, { service: 'other' }, 1_600)).toEqual([]);
  });
});
