/**
 * Write actions on alerts and incidents (applied at the source, then audited), maintenance windows and the on-call
 * listing. Every POST here goes through the datasource's Editor `write` route; GETs go through the `read` route.
 */
import type { Alert, AlertSeverity, AlertSource } from './alerts';
import type { IncidentSummary } from './alertsApi';

/** Optional request header: repeating a request with the same key answers the first result and acts only once. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * `reassign` and `severity` act at PagerDuty, Opsgenie and JSM Operations (assignment or owner; urgency or priority,
 * actionSupport.ts) and are held by Opsdeck for the demo fleet; other sources refuse them with 409 "… not supported
 * by <source>".
 */
export const ACTION_KINDS = ['acknowledge', 'resolve', 'snooze', 'escalate', 'note', 'reassign', 'severity'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export type ActionTargetKind = 'alert' | 'incident';

/**
 * POST /api/alerts/:id/<action> or /api/incidents/:id/<action>; the action `note` is posted to `/notes`
 * (`/reassign`, `/severity` like the others).
 * The id is Opsdeck's (Alert.id / Incident.id), never the upstream's.
 */
export function actionPath(target: ActionTargetKind, id: string, action: ActionKind): string {
  const segment = action === 'note' ? 'notes' : action;
  return `/api/${target === 'alert' ? 'alerts' : 'incidents'}/${encodeURIComponent(id)}/${segment}`;
}

/** POST /api/alerts/bulk-acknowledge */
export const BULK_ACKNOWLEDGE_PATH = '/api/alerts/bulk-acknowledge';

/** Body of acknowledge and resolve (both optional). */
export interface AcknowledgeRequest {
  comment?: string;
}
export type ResolveRequest = AcknowledgeRequest;
/** Snooze until a time: an Alertmanager silence for Alertmanager alerts, a PagerDuty snooze for PagerDuty ones. */
export interface SnoozeRequest {
  /** Epoch ms, in the future. */
  until: number;
}
export interface EscalateRequest {
  /** Escalation level to move to (PagerDuty); absent = level 2 (PagerDuty does not tell the current level). */
  level?: number;
  /**
   * Opsgenie: name of the escalation to escalate to (required there). JSM Operations: the escalation's id. Demo: the
   * id of an on-call policy from GET /api/oncall (EscalationPolicyOnCall.id) to hand over to, at `level` (default 1);
   * with neither, a demo escalation moves to the next level of the policy it is at.
   */
  escalation?: string;
  reason?: string;
}
export interface NoteRequest {
  text: string;
}
/** POST …/reassign: hand the alert or incident to one person. */
export interface ReassignRequest {
  /**
   * The source's own user id, as OnCallPerson.id in GET /api/oncall names it: a PagerDuty user id, an Opsgenie
   * username (email) or user id, an Atlassian accountId (JSM); demo: a person of the demo roster.
   */
  assignee: string;
  reason?: string;
}
/** POST …/severity: the incident's (and a single alert's) new severity. */
export interface SeverityRequest {
  severity: AlertSeverity;
  reason?: string;
}
export interface BulkAcknowledgeRequest {
  /** Alert ids, at most 200. */
  alertIds: string[];
}

/** Where the action was applied: the upstream, or Opsdeck itself (Alertmanager has no acknowledge). */
export type ActionProvider = 'pagerduty' | 'opsgenie' | 'jsm' | 'alertmanager' | 'opsdeck';
export type ActionOutcome = 'done' | 'failed';

export interface ActionResult {
  action: ActionKind;
  target: ActionTargetKind;
  targetId: string;
  outcome: ActionOutcome;
  provider: ActionProvider;
  /** The upstream's handle on what was done: PagerDuty incident/note id, Opsgenie requestId, silence ID. */
  upstreamRef?: string;
  /** Why it failed (the upstream's message), or what was done. */
  message?: string;
  /** Grafana login from X-Grafana-User (`anonymous` when absent). */
  user: string;
  /** Epoch ms. */
  at: number;
  /** Id of the audit log entry that recorded this action; 0 when nothing was audited (an unknown id in a bulk request). */
  auditId: number;
  /** The alert / incident as stored after a successful action. */
  alert?: Alert;
  incident?: IncidentSummary;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

/**
 * A successful action answers 200 with an ActionResult. A failed upstream answers 502 with this body (the result
 * has outcome `failed` and is audited as a failure); an unknown target answers 404; a bad body 400.
 */
export interface ActionFailedResponse {
  error: string;
  result: ActionResult;
}

/** POST /api/alerts/bulk-acknowledge answers 200 with one result per id, in order, whatever each outcome. */
export interface BulkAcknowledgeResponse {
  results: ActionResult[];
  done: number;
  failed: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Maintenance windows

export const MAINTENANCE_PATH = '/api/maintenance';
/** GET: windows still open long after every service they cover recovered. */
export const MAINTENANCE_STALE_PATH = '/api/maintenance/stale';
export const maintenanceExtendPath = (id: string) => `${MAINTENANCE_PATH}/${encodeURIComponent(id)}/extend`;
export const maintenanceEndPath = (id: string) => `${MAINTENANCE_PATH}/${encodeURIComponent(id)}/end`;

/** A weekly recurrence, in UTC: the window is active for `durationMinutes` from `startTime` on each listed day. */
export interface MaintenanceRecurrence {
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: number[];
  /** `HH:MM`, UTC. */
  startTime: string;
  durationMinutes: number;
}

export const MAINTENANCE_STATES = ['scheduled', 'active', 'expired', 'ended'] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

export interface MaintenanceMirrors {
  /** One-off windows: the silence and PagerDuty window covering the whole window. */
  alertmanagerSilenceId?: string;
  pagerdutyMaintenanceWindowId?: string;
  /**
   * Recurring windows: the one occurrence mirrored now (the running one, else the next one within a week). Silences
   * and PagerDuty windows have a fixed start and end, so each occurrence gets its own; absent between the last
   * occurrence and the series' end, or when nothing is configured to mirror to.
   */
  occurrence?: MaintenanceOccurrenceMirror;
  /** Mirrors that could not be created or updated (the window itself still applies in Opsdeck). */
  errors: string[];
}

export interface MaintenanceOccurrenceMirror {
  /** Epoch ms: the occurrence (overlapping or back-to-back ones joined), clipped to the series' start and end. */
  startsAt: number;
  endsAt: number;
  alertmanagerSilenceId?: string;
  pagerdutyMaintenanceWindowId?: string;
}

export interface MaintenanceWindow {
  id: string;
  /** Catalog service names covered; together with `teams` at least one entry. */
  services: string[];
  /** Teams covered: every alert of a service of the team. */
  teams: string[];
  reason: string;
  createdBy: string;
  createdAt: number;
  /** Epoch ms. For a recurring window: when the series starts and ends. */
  startsAt: number;
  endsAt: number;
  recurrence?: MaintenanceRecurrence;
  /** Set when someone ended the window before endsAt. */
  endedAt?: number;
  endedBy?: string;
  /** Computed at the time of the answer. */
  state: MaintenanceState;
  /** For a recurring window, whether an occurrence is in progress now (state says whether the series is live). */
  activeNow: boolean;
  mirrors: MaintenanceMirrors;
}

/** POST /api/maintenance → 201 MaintenanceWindow */
export interface CreateMaintenanceRequest {
  services?: string[];
  teams?: string[];
  reason: string;
  /** Epoch ms; default now. */
  startsAt?: number;
  endsAt: number;
  recurrence?: MaintenanceRecurrence;
}

/** POST /api/maintenance/:id/extend → 200 MaintenanceWindow */
export interface ExtendMaintenanceRequest {
  /** New end, epoch ms, later than the current one. */
  endsAt: number;
}

/** POST /api/maintenance/:id/end (no body) → 200 MaintenanceWindow */

/** GET /api/maintenance?state=active|scheduled|expired|ended|all (default: scheduled and active) */
export interface MaintenanceListResponse {
  windows: MaintenanceWindow[];
}

/** One entry of GET /api/maintenance/stale */
export interface StaleMaintenanceWindow {
  window: MaintenanceWindow;
  /** Epoch ms when the last alert of the covered services resolved (they have nothing open since). */
  recoveredAt: number;
  /** How long the window has stayed open since. */
  openForMs: number;
}
export interface StaleMaintenanceResponse {
  windows: StaleMaintenanceWindow[];
}

/**
 * Payload of `maintenance.changed` events. `expiring` is the reminder sent before a window ends; `mirrored`: the
 * maintenance tick changed the window's upstream mirrors (a recurring window's next occurrence mirrored, a failed
 * mirror retried).
 */
export interface MaintenanceChangedPayload {
  change: 'created' | 'extended' | 'ended' | 'expiring' | 'mirrored';
  window: MaintenanceWindow;
}

// ---------------------------------------------------------------------------------------------------------------
// On-call

export const ONCALL_PATH = '/api/oncall';

export interface OnCallContact {
  type: 'email' | 'phone' | 'sms' | 'push';
  address: string;
  label?: string;
}

export interface OnCallPerson {
  id: string;
  name: string;
  email?: string;
  contacts: OnCallContact[];
}

export interface OnCallShift {
  person: OnCallPerson;
  /** Epoch ms; absent = always on call (a user named directly in the escalation policy). */
  start?: number;
  end?: number;
}

/** One escalation level of a policy, resolved through its schedule (if any) to who is on call now and next. */
export interface OnCallLayer {
  level: number;
  scheduleId?: string;
  scheduleName?: string;
  now: OnCallShift[];
  next: OnCallShift[];
}

export interface EscalationTarget {
  type: 'user' | 'schedule';
  id: string;
  name: string;
}

export interface EscalationStep {
  level: number;
  /** Minutes before the incident escalates to the next step. */
  delayMinutes: number;
  targets: EscalationTarget[];
}

export interface EscalationPolicyOnCall {
  id: string;
  name: string;
  /** Catalog team(s) whose services use this policy. */
  teams: string[];
  /** Catalog services routed to this policy. */
  services: string[];
  steps: EscalationStep[];
  layers: OnCallLayer[];
}

/** GET /api/oncall */
export interface OnCallResponse {
  provider: 'pagerduty' | 'opsgenie' | 'jsm' | 'demo' | 'none';
  generatedAt: number;
  policies: EscalationPolicyOnCall[];
  /** The signed-in Grafana user (X-Grafana-User) as an on-call person; absent without that header. */
  you?: OnCallYou;
}

/** Where one person holds an escalation level: the "you are on call" answer. */
export interface OnCallDuty {
  policyId: string;
  policyName: string;
  level: number;
  scheduleName?: string;
  /** Epoch ms; absent = always (named directly in the policy), or the provider gives no shift times. */
  start?: number;
  end?: number;
}

export interface OnCallYou {
  login: string;
  /** The email the login maps to (OPSDECK_ONCALL_EMAIL_BY_USER, OPSDECK_PAGERDUTY_FROM_BY_USER, or the login itself
   * when it is an email); absent = no mapping, so Opsdeck cannot tell whether this user is on call. */
  email?: string;
  now: OnCallDuty[];
  next: OnCallDuty[];
}

/**
 * Payload of `oncall.changed`: who left and who came on one escalation level, and why. `handover` = the shift ended
 * as scheduled; `override-started` = someone took the level before the holder's shift ended; `override-ended` = the
 * person an override displaced is back; `roster-changed` = anything else (a level, schedule or policy added or
 * removed, a directly named user replaced, a schedule edited).
 */
export interface OnCallChangedPayload {
  change: 'handover' | 'override-started' | 'override-ended' | 'roster-changed';
  provider: OnCallResponse['provider'];
  policy: { id: string; name: string };
  level: number;
  schedule?: { id: string; name: string };
  teams: string[];
  services: string[];
  left: OnCallShift[];
  came: OnCallShift[];
}

/** Which provider holds a source's incidents when acting on them. */
export type IncidentProviderName = Extract<AlertSource, 'pagerduty' | 'opsgenie' | 'jsm'> | 'none';
