/**
 * The weekly and monthly SRE report (GET /api/reports/sre): for the fleet or one team, a period against the one
 * before it: SLO attainment and budget, incidents with MTTA/MTTR, the noisiest alert rules, deploys and DORA, cost
 * and cost efficiency. `format=json` (this shape), `md` (a document to paste) or `csv` (one row per figure).
 */
import type { DoraFigures } from './deployments';
import type { RuleFatigue } from './alertFatigue';
import type { IncidentFigureSet, ReliabilityRow } from './reliability';

export const SRE_REPORT_PATH = '/api/reports/sre';
export const REPORT_PERIODS = ['week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_FORMATS = ['json', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface SreReportQuery {
  /** Default `week`: the 7 whole UTC days before today; `month`: the last whole calendar month (UTC). */
  period?: ReportPeriod;
  team?: string;
  format?: ReportFormat;
}

export interface ReportSlo {
  service: string;
  objective: string;
  target: number;
  /** Over the objective's own rolling window as of the report (not the report's period). */
  attainment: number | null;
  budgetRemaining: number | null;
  windowDays: number;
  /** Good ÷ valid events over the report's period, and over the period before; null without traffic. */
  period: ReportSloPeriod;
  previousPeriod: ReportSloPeriod;
}

export interface ReportSloPeriod {
  attainment: number | null;
  /** Attainment ≥ target over the period; null without traffic. */
  met: boolean | null;
  /** The period's mean burn rate: its share of bad events ÷ the allowed share (1 − target). */
  burnRate: number | null;
  /**
   * Share of one objective window's error budget the period used: burn rate × period days ÷ window days (exact when
   * traffic is even across the window).
   */
  budgetSpent: number | null;
}

export interface ReportCost {
  service: string;
  /** USD over the period and the one before; null without a cost-allocation tag or cost source. */
  cost: number | null;
  previousCost: number | null;
  costPer1kRequests: number | null;
}

export interface SreReport {
  period: ReportPeriod;
  team?: string;
  range: { from: number; to: number };
  previousRange: { from: number; to: number };
  generatedAt: number;
  demo: boolean;
  slo: ReportSlo[];
  incidents: { current: IncidentFigureSet; previous: IncidentFigureSet; byService: ReliabilityRow[] };
  /** The period's 10 rules to fix first (alert fatigue). */
  noisiestRules: RuleFatigue[];
  deploys: { current: DoraFigures; previous: DoraFigures };
  cost: { total: number | null; previousTotal: number | null; byService: ReportCost[] };
  notices: string[];
}
