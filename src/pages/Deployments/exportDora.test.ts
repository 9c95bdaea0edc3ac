import { csvCell, type DoraResponse } from '@opsdeck/contract';
import { doraFileName, doraToCsv, doraToJson } from './exportDora';

const dora: DoraResponse = {
  range: { from: 0, to: 30 * 86_400_000 },
  failureWindowMs: 86_400_000,
  rows: [
    { key: '=SUM(A1)', groupBy: 'team', figures: { deployments: 3, deploymentsPerDay: 0.1, leadTimeMs: 61_400 } },
    {
      key: 'search',
      groupBy: 'team',
      figures: { deployments: 9, deploymentsPerDay: 0.3, changeFailureRate: 0, recoveryTimeMs: 600_000 },
    },
  ],
};

describe('DORA export', () => {
  it('writes one CSV line per row in the gateway order, names quoted and defused, missing figures empty', () => {
    expect(doraToCsv(dora, 'service').split('\r\n')).toEqual([
      'team,deployments,deployments_per_day,lead_time_seconds,change_failure_rate,recovery_time_seconds',
      `${csvCell('=SUM(A1)')},3,0.1,61,,`,
      'search,9,0.3,,0,600',
      '',
    ]);
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(doraToCsv({ ...dora, rows: [] }, 'service')).toBe(
      'service,deployments,deployments_per_day,lead_time_seconds,change_failure_rate,recovery_time_seconds\r\n'
    );
  });

  it('writes the answer as it came with the filters, and names the file after them', () => {
    const json = JSON.parse(doraToJson(dora, { groupBy: 'team' }));
    expect(json).toEqual({ filters: { groupBy: 'team' }, ...dora });
    expect(doraFileName('csv', { groupBy: 'team', team: '', service: 'a b' }, Date.UTC(2026, 0, 2, 3, 4, 5))).toBe(
      'dora-groupBy-team-service-a_b-2026-01-02T03-04-05Z.csv'
    );
  });
});
