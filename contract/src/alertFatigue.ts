/**
 * Alert fatigue (GET /api/alert-fatigue, the alert_fatigue query type): per alert rule and team, how often alerts
 * interrupt people, at what hours, and how often for nothing; a 0–100 score with its components. Definitions:
 * docs/alert-fatigue.md.
 */

/** What a rule is called: the alertname label, PagerDuty service, CloudWatch alarm, else the summary. */
export interface RuleRef {
  kind: 'alertname' | 'pagerduty_service' | 'cloudwatch_alarm' | 'summary';
  name: string;
}

export type HourClass = 'business' | 'off' | 'sleep';
export const HOUR_CLASSES: readonly HourClass[] = ['business', 'off', 'sleep'];

export interface FatigueFigures {
  alerts: number;
  interruptions: number;
  interruptionsByHours: Record<HourClass, number>;
  /** Over the range, per 7 days. */
  alertsPerWeek: number;
  interruptionsPerWeek: number;
  /** Shares of the alerts, 0–1. */
  neverAcknowledged: number;
  autoResolved: number;
  /** Alerts that fired FLAP_FIRINGS or more times within an hour, counted once per alert. */
  flapping: number;
  /** Firings while another alert of the same rule and service was already firing. */
  duplicates: number;
  /** Mean time to acknowledge of the acknowledged alerts, ms. */
  mtta?: number;
  score: FatigueScore;
}

export interface FatigueComponent {
  id: 'sleep_interruptions' | 'never_acknowledged' | 'auto_resolved' | 'flapping' | 'volume';
  label: string;
  weight: number;
  /** Points this component adds, 0..weight. */
  points: number;
  detail: string;
}

/** 0 (quiet, every alert worth it) to 100 (wakes people for nothing): the sum of its components' points. */
export interface FatigueScore {
  score: number;
  components: FatigueComponent[];
}

export interface RuleFatigue {
  rule: RuleRef;
  team: string;
  services: string[];
  /** Alertmanager receivers (routes) its alerts went to. */
  receivers: string[];
  figures: FatigueFigures;
}

/** Per Alertmanager receiver (route): which notification targets carry the noise. Hours are classed in UTC. */
export interface ReceiverFatigue {
  receiver: string;
  figures: FatigueFigures;
}

/**
 * One first-level on-call shift of a team and what it carried: the alerts whose episode started inside the shift
 * (clipped to the report's range), and how many of them paged someone, by hour class in the team's time zone.
 */
export interface OnCallShiftLoad {
  /** The person on call (their name as the on-call source gives it). */
  person: string;
  email?: string;
  /** The schedule (or escalation policy when the level has no schedule) the shift belongs to. */
  schedule: string;
  /** Epoch ms, clipped to the report's range. */
  start: number;
  end: number;
  alerts: number;
  interruptions: number;
  interruptionsByHours: Record<HourClass, number>;
}

/** Per shift, over the team's shifts in the range. */
export interface ShiftLoadSummary {
  shifts: number;
  interruptions: { mean: number; max: number };
  sleepInterruptions: { mean: number; max: number };
}

export interface TeamFatigue {
  team: string;
  timeZone: string;
  figures: FatigueFigures;
  /** First-level shifts overlapping the range, oldest first; empty when the on-call source keeps no history. */
  shifts: OnCallShiftLoad[];
  /** Null when there are no shifts. */
  perShift: ShiftLoadSummary | null;
}

export interface FatigueReport {
  rules: RuleFatigue[];
  teams: TeamFatigue[];
  /** Alerts that came through an Alertmanager receiver, per receiver, highest score first. */
  receivers: ReceiverFatigue[];
  /** The 10 rules to fix first: highest score, then most sleep-hour pages. */
  fixFirst: RuleFatigue[];
}

export const ALERT_FATIGUE_PATH = '/api/alert-fatigue';

export interface AlertFatigueQuery {
  service?: string;
  team?: string;
  /** Epoch ms; default the last 28 days (four whole weeks). */
  from?: number;
  to?: number;
}

export interface AlertFatigueResponse extends FatigueReport {
  range: { from: number; to: number };
  /** Set when the range held more alert changes than one report reads; the oldest were left out. */
  truncated: boolean;
  /** What is missing and why, e.g. on-call shifts when the on-call source could not be read. */
  notices: string[];
}
