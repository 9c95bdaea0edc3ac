/**
 * Service-level objectives, error budgets, burn rates and the health score: GET /api/slo and the slo, burn_rate,
 * error_budget and health_score query types. The gateway computes every figure from good/total counts; the app and
 * dashboards only display them.
 */
import type { ServiceStatus } from './frame';

export const SLO_PATH = '/api/slo';

/** Query of GET /api/slo; both optional. */
export interface SloQuery {
  service?: string;
  team?: string;
}

/** Rolling windows an objective may use: 30 days is the Workbook's and the default; 28 holds whole weeks. */
export const SLO_WINDOW_DAYS = [7, 28, 30] as const;
export type SloWindowDays = (typeof SLO_WINDOW_DAYS)[number];

/**
 * What counts as a good event:
 * - availability: a request that did not fail (good/total requests);
 * - latency: a request answered within thresholdMs (from histogram buckets or CloudWatch's PR statistic);
 * - latency-percentile: an interval whose p99 was within thresholdMs, where the source only publishes percentiles.
 */
export type SloSli =
  | { kind: 'availability' }
  | { kind: 'latency'; thresholdMs: number }
  | { kind: 'latency-percentile'; thresholdMs: number };

/** One objective of a catalog service, as services.yaml declares it (window defaulted). */
export interface SloObjective {
  /** Unique within its service, e.g. `availability`, `latency`. */
  id: string;
  sli: SloSli;
  /** Share of good events promised over the window, e.g. 0.999. */
  target: number;
  windowDays: SloWindowDays;
}

/** The windows every objective reports a burn rate for; the Workbook's alert pairs are drawn from them. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

/** Ratios of the window's error budget: total = 1 − target, spent may exceed total, remaining may go negative. */
export interface SloErrorBudget {
  /** Allowed share of bad events, 1 − target. */
  total: number;
  /** Share of the budget used so far in the window (1 = all of it); null without traffic. */
  spent: number | null;
  /** 1 − spent; negative once the objective is missed. null without traffic. */
  remaining: number | null;
}

export type BurnAlertSeverity = 'page' | 'ticket';

/** One multiwindow rule of the Workbook, with its threshold scaled to the objective's window. */
export interface SloBurnAlert {
  severity: BurnAlertSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  threshold: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Both windows strictly above the threshold. */
  firing: boolean;
}

export interface SloObjectiveFigures extends SloObjective {
  /** Good / total over the window; null without traffic. */
  attainment: number | null;
  errorBudget: SloErrorBudget;
  /** Error rate over each window divided by the allowed rate (1 − target); null without traffic in the window. */
  burnRates: Record<BurnWindow, number | null>;
  alerts: SloBurnAlert[];
  /** When the remaining budget runs out at the current 6h burn rate (the 1h rate when 6h is not burning); null if never. */
  exhaustsAt: number | null;
  /** The same at each rate, for who wants both. */
  exhaustsAtByRate: { '1h': number | null; '6h': number | null };
  /** Where the SLI came from, e.g. "ALB RequestCount − HTTPCode_Target_5XX_Count / RequestCount". */
  sliSource: string;
  /** Good and total events over the window, the counts behind attainment. */
  good: number;
  total: number;
}

/** One component of the health score: its points out of its weight, and why. */
export interface HealthComponent {
  id: HealthComponentId;
  label: string;
  /** Points lost, 0..weight. */
  penalty: number;
  weight: number;
  detail: string;
}

export const HEALTH_COMPONENT_IDS = ['budget', 'burn_alerts', 'incidents', 'saturation', 'deploys'] as const;
export type HealthComponentId = (typeof HEALTH_COMPONENT_IDS)[number];

/** 0–100 = 100 − Σ penalties; docs/health-score.md gives the formula. */
export interface HealthScore {
  score: number;
  components: HealthComponent[];
}

export interface ServiceSlo {
  service: string;
  team: string;
  tier: 1 | 2 | 3;
  status: ServiceStatus;
  healthScore: number;
  health: HealthScore;
  objectives: SloObjectiveFigures[];
  /** Incidents and alerts open now, from the alert store. */
  openIncidents: number;
  openAlerts: number;
}

/** GET /api/slo?service=&team= */
export interface SloResponse {
  /** Epoch ms the figures are computed at. */
  at: number;
  demo: boolean;
  services: ServiceSlo[];
  /** Mean of the services' health scores, weighted by tier (tier 1 counts 3×, tier 2 2×, tier 3 1×). */
  fleetHealthScore: number | null;
  /** Set when a source failed and some figures are missing or old. */
  notices: string[];
}

/** Label every burn-rate alert carries, naming the objective (`<service>/<objective id>`). */
export const SLO_ALERT_LABEL = 'slo';
