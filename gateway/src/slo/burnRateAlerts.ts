import { BURN_WINDOWS, type BurnRates, type BurnWindow } from './burnRate';
import { HOUR_MS } from './counts';

export type BurnRateSeverity = 'page' | 'ticket';

export interface BurnRateAlertRule {
  severity: BurnRateSeverity;
  /** Percent of the window's error budget that, spent within the long window, warrants this alert. */
  budgetPercent: number;
  longWindow: BurnWindow;
  /** 1/12 of the long window: stops the alert soon after the burn ends (SRE Workbook, "Alerting on SLOs"). */
  shortWindow: BurnWindow;
}

/**
 * The SRE Workbook's recommended multiwindow, multi-burn-rate alerts for a 30-day SLO
 * (sre.google/workbook/alerting-on-slos/, "Recommended parameters"), as Sloth ships them in google-30d.yaml:
 * 2% of the budget in 1h pages (burn 14.4), 5% in 6h pages (6), 10% in 1d (3) and in 3d (1) open a ticket.
 */
export const BURN_RATE_ALERT_RULES: readonly BurnRateAlertRule[] = [
  { severity: 'page', budgetPercent: 2, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', budgetPercent: 5, longWindow: '6h', shortWindow: '30m' },
  { severity: 'ticket', budgetPercent: 10, longWindow: '1d', shortWindow: '2h' },
  { severity: 'ticket', budgetPercent: 10, longWindow: '3d', shortWindow: '6h' },
];

/**
 * Burn rate at which the long window alone spends the rule's share of the budget. The Workbook defines the
 * threshold that way (burn rate = budget consumed × period / alert window), so keeping the share and the windows
 * and scaling by the period gives 14.4 / 6 / 3 / 1 for 30 days, 13.44 / 5.6 / 2.8 / 0.933 for 28 and
 * 3.36 / 1.4 / 0.7 / 0.233 for 7 — Sloth's formula (getBurnRateFactor) for the same percentages.
 * Integer percent × hours keeps 14.4 and 6 exact in floating point.
 */
export function burnRateThreshold(rule: BurnRateAlertRule, windowDays: number): number {
  return (rule.budgetPercent * windowDays * 24) / (100 * (BURN_WINDOWS[rule.longWindow] / HOUR_MS));
}

export interface BurnRateAlert {
  severity: BurnRateSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  threshold: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Both windows strictly above the threshold; a window without traffic is never above it. */
  firing: boolean;
}

export function evaluateBurnRateAlerts(rates: BurnRates, windowDays: number): BurnRateAlert[] {
  return BURN_RATE_ALERT_RULES.map((rule) => {
    const threshold = burnRateThreshold(rule, windowDays);
    const longBurnRate = rates[rule.longWindow];
    const shortBurnRate = rates[rule.shortWindow];
    const above = (rate: number | null) => rate !== null && rate > threshold;
    return {
      severity: rule.severity,
      longWindow: rule.longWindow,
      shortWindow: rule.shortWindow,
      threshold,
      longBurnRate,
      shortBurnRate,
      firing: above(longBurnRate) && above(shortBurnRate),
    };
  });
}

/** The most urgent firing severity: page rules are OR-ed together, and so are ticket rules. */
export function firingSeverity(alerts: readonly BurnRateAlert[]): BurnRateSeverity | null {
  if (alerts.some((alert) => alert.firing && alert.severity === 'page')) {
    return 'page';
  }
  return alerts.some((alert) => alert.firing) ? 'ticket' : null;
}
