import { budgetExhaustsAt } from './budgetExhaustion';
import { type BurnRateAlert, evaluateBurnRateAlerts } from './burnRateAlerts';
import { type BurnRates, burnRates } from './burnRate';
import { type CountBucket, countsInWindow, DAY_MS } from './counts';
import { attainment, errorBudget, type ErrorBudget } from './errorBudget';
import { type Objective } from './objective';

export interface ObjectiveFigures {
  attainment: number | null;
  errorBudget: ErrorBudget;
  burnRates: BurnRates;
  alerts: BurnRateAlert[];
  /** Epoch ms at which the budget runs out at the current 1h and 6h burn rates; null when it will not. */
  exhaustsAt: { '1h': number | null; '6h': number | null };
}

/** Everything an SRE reads about one objective, from its good/total buckets as of `now`. */
export function objectiveFigures(objective: Objective, buckets: readonly CountBucket[], now: number): ObjectiveFigures {
  const inWindow = countsInWindow(buckets, now, objective.windowDays * DAY_MS);
  const budget = errorBudget(inWindow, objective.target);
  const rates = burnRates(buckets, objective.target, now);
  return {
    attainment: attainment(inWindow),
    errorBudget: budget,
    burnRates: rates,
    alerts: evaluateBurnRateAlerts(rates, objective.windowDays),
    exhaustsAt: {
      '1h': budgetExhaustsAt(budget.remaining, rates['1h'], objective.windowDays, now),
      '6h': budgetExhaustsAt(budget.remaining, rates['6h'], objective.windowDays, now),
    },
  };
}
