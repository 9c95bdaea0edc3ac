import { csvCell } from '@opsdeck/contract';
import { fatigueToCsv, fatigueToJson } from './exportFatigue';
import {
  componentPoints,
  formatShare,
  heaviestShifts,
  noShiftsReason,
  receiversWorstFirst,
  ruleEvidence,
  ruleKey,
  scoreBars,
  teamsByShiftLoad,
  teamsWorstFirst,
} from './fatigueFigures';
import { fatigueFigures, fatigueReport, ruleFatigue, shift, teamFatigue } from './fatigueFixture';
import { scoreTone } from './rankedBars';

describe('alert fatigue view logic', () => {
  it('ranks teams and receivers by score, then sleep-hour pages, then name', () => {
    expect(teamsWorstFirst(fatigueReport.teams).map((t) => t.team)).toEqual(['payments', 'discovery']);
    const tie = fatigueFigures({ interruptionsByHours: { business: 0, off: 0, sleep: 5 } }, { volume: 3 });
    const teams = [
      teamFatigue('b', fatigueFigures({}, { volume: 3 })),
      teamFatigue('a', fatigueFigures({}, { volume: 3 })),
      teamFatigue('c', tie),
    ];
    expect(teamsWorstFirst(teams).map((t) => t.team)).toEqual(['c', 'a', 'b']);
    expect(receiversWorstFirst([...fatigueReport.receivers].reverse()).map((r) => r.receiver)).toEqual([
      'payments-pager',
      'search-slack',
    ]);
  });

  it('draws scores out of 100, toned from quiet to waking people for nothing', () => {
    const bars = scoreBars(fatigueReport.fixFirst, ruleKey, (r) => r.figures);
    expect(bars.map((b) => [b.key, b.value, b.text, b.tone])).toEqual([
      ['payments/CheckoutLatencyHigh', 72, '72 / 100', 'bad'],
      ['discovery/SearchErrorsRising', 7, '7 / 100', 'good'],
    ]);
    expect([0, 19.9, 20, 40, 59.9, 60, 100].map(scoreTone)).toEqual([
      'good',
      'good',
      'fair',
      'poor',
      'poor',
      'bad',
      'bad',
    ]);
  });

  it("says each component's points against its weight", () => {
    const { components } = fatigueReport.fixFirst[0].figures.score;
    expect(componentPoints(components, 'sleep_interruptions')).toBe('30 / 35');
    expect(componentPoints(components, 'volume')).toBe('9 / 10');
    expect(componentPoints([], 'volume')).toBe('–');
  });

  it('gives the evidence for a rule to fix first, shares with the count behind them', () => {
    const evidence = Object.fromEntries(ruleEvidence(fatigueReport.fixFirst[0]).map((e) => [e.id, e.value]));
    expect(evidence).toEqual({
      sleep: '12 of 28',
      never_acknowledged: '45% (18 of 40)',
      auto_resolved: '10% (4 of 40)',
      flapping: '1',
      duplicates: '2',
      mtta: '12 min',
      receivers: 'payments-pager, payments-slack',
    });
    expect(ruleEvidence(ruleFatigue('r', 't', fatigueFigures(), { receivers: [] })).at(-1)?.value).toBe('none');
    expect(formatShare(0.005)).toBe('1%');
  });

  it('lists the heaviest shifts across teams and ranks teams by pages per shift, those without history last', () => {
    const teams = [
      teamFatigue('quiet', fatigueFigures(), [shift('cy', 3, 1)]),
      teamFatigue('none', fatigueFigures()),
      ...fatigueReport.teams,
    ];
    expect(heaviestShifts(teams).map((s) => [s.person, s.team, s.interruptions])).toEqual([
      ['ben', 'payments', 9],
      ['ana', 'payments', 4],
      ['cy', 'quiet', 1],
    ]);
    expect(heaviestShifts(teams, 1)).toHaveLength(1);
    expect(teamsByShiftLoad(teams).map((t) => t.team)).toEqual(['payments', 'quiet', 'discovery', 'none']);
  });

  it('says why there is no per-shift figure', () => {
    expect(noShiftsReason(fatigueReport.teams)).toBeUndefined();
    expect(noShiftsReason([])).toMatch(/No alert in this period/);
    expect(noShiftsReason([teamFatigue('a', fatigueFigures())])).toMatch(/keeps no shift history/);
  });

  it('exports every rule as CSV, worst first, names quoted and defused, and the answer as JSON', () => {
    const report = {
      ...fatigueReport,
      rules: [ruleFatigue('=cmd|x', 'payments', fatigueFigures({}, { volume: 2.5 })), ...fatigueReport.rules],
    };
    const lines = fatigueToCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'rule,rule_kind,team,services,receivers,score,sleep_interruptions_points,never_acknowledged_points,auto_resolved_points,flapping_points,volume_points,alerts,interruptions,interruptions_business,interruptions_off,interruptions_sleep,never_acknowledged_share,auto_resolved_share,flapping,duplicates,mtta_seconds'
    );
    expect(lines[1]).toBe(
      `${csvCell('=cmd|x')},alertname,payments,checkout-api,payments-pager,2.5,0.0,0.0,0.0,0.0,2.5,10,6,3,2,1,0.2000,0.1000,1,2,300`
    );
    expect(lines[2].startsWith('CheckoutLatencyHigh,alertname,payments,checkout-api payments-worker,')).toBe(true);
    expect(lines).toHaveLength(5);
    const json = JSON.parse(fatigueToJson(fatigueReport, { period: '30d' }));
    expect(json.filters).toEqual({ period: '30d' });
    expect(json.teams[1].shifts).toHaveLength(2);
  });
});
