import { budgetExhaustsAt } from './budgetExhaustion';
import { DAY_MS, HOUR_MS } from './counts';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

describe('budgetExhaustsAt', () => {
  it('a full 30-day budget lasts 50 hours at burn rate 14.4 (the Workbook page threshold)', () => {
    expect(budgetExhaustsAt(1, 14.4, 30, NOW)).toBeCloseTo(NOW + 50 * HOUR_MS, 0);
  });

  it('scales with the budget left: half a 28-day budget at burn 2 lasts a week', () => {
    expect(budgetExhaustsAt(0.5, 2, 28, NOW)).toBe(NOW + 7 * DAY_MS);
  });

  it('is null when the budget is already exhausted', () => {
    expect(budgetExhaustsAt(0, 20, 30, NOW)).toBeNull();
    expect(budgetExhaustsAt(-0.3, 20, 30, NOW)).toBeNull();
  });

  it('is null when not burning faster than the budget refills, or with no traffic', () => {
    expect(budgetExhaustsAt(0.4, 1, 30, NOW)).toBeNull();
    expect(budgetExhaustsAt(0.4, 0.5, 30, NOW)).toBeNull();
    expect(budgetExhaustsAt(0.4, null, 30, NOW)).toBeNull();
  });
});
