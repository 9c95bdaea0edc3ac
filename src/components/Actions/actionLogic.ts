import { type ActionBodies, type ClientActionKind, GatewayError, newIdempotencyKey, toGatewayError } from '@/api';
import {
  type ActionDescriptionInput,
  type ActionFailedResponse,
  type ActionResult,
  type ActionTargetKind,
  type Alert,
  type AlertSeverity,
  type AlertSource,
  type AlertStatus,
  type HealthResponse,
  type IncidentStatus,
  type IncidentSummary,
  describeAction,
  isActionSupported,
  isDemoTarget,
  sourceName,
} from '@opsdeck/contract';

/** What an action achieved, in words; a failure at the source is shown as failed, never as done. */
export interface ActionOutcome {
  severity: 'success' | 'warning' | 'error';
  text: string;
}

/** What the action bar acts on: an alert or an incident, as the list has it. */
export interface ActionTarget {
  kind: ActionTargetKind;
  id: string;
  source: AlertSource;
  status: AlertStatus | IncidentStatus;
  labels?: Record<string, string>;
  /** For labels such as "Acknowledge Checkout 5xx". */
  title: string;
  severity?: AlertSeverity;
  /** Whose on-call people and policies the reassign and escalate pickers put first. */
  service?: string;
  team?: string;
  /** The gateway acts on it as a demo alert (isDemoTarget): every action, at the demo's stand-ins. */
  demo?: boolean;
}

export const ACTION_LABELS: Record<ClientActionKind, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  snooze: 'Snooze',
  escalate: 'Escalate',
  note: 'Add note',
  reassign: 'Reassign',
  severity: 'Change severity',
};
const DONE: Record<ClientActionKind, string> = {
  acknowledge: 'Acknowledged',
  resolve: 'Resolved',
  snooze: 'Snoozed',
  escalate: 'Escalated',
  note: 'Note added',
  reassign: 'Reassigned',
  severity: 'Severity changed',
};
const DOING: Record<ClientActionKind, string> = {
  acknowledge: 'Acknowledging',
  resolve: 'Resolving',
  snooze: 'Snoozing',
  escalate: 'Escalating',
  note: 'Adding the note',
  reassign: 'Reassigning',
  severity: 'Changing the severity',
};
export const doingText = (action: ClientActionKind) => DOING[action];

const isOpen = (status: ActionTarget['status']) => status !== 'resolved';
const isUnacknowledged = (status: ActionTarget['status']) => status === 'firing' || status === 'triggered';

/**
 * The actions offered for a target, the most likely first: acknowledge while it is firing, resolve once someone
 * has it; a resolved target takes notes only (the gateway would answer "already resolved"). Actions the source
 * cannot do are left out.
 */
export function actionsFor(target: Pick<ActionTarget, 'source' | 'status' | 'demo'>): ClientActionKind[] {
  const { status } = target;
  const order: ClientActionKind[] = !isOpen(status)
    ? ['note']
    : isUnacknowledged(status)
      ? ['acknowledge', 'snooze', 'resolve', 'escalate', 'reassign', 'severity', 'note']
      : ['resolve', 'snooze', 'escalate', 'reassign', 'severity', 'note'];
  return order.filter((action) => isActionSupported(target.source, action, { demo: target.demo }));
}

/** The one action a row offers by itself, or none for a closed one. */
export function mostLikelyAction(
  target: Pick<ActionTarget, 'source' | 'status' | 'demo'>
): ClientActionKind | undefined {
  const first = actionsFor(target)[0];
  return first === 'note' ? undefined : first;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Snooze presets, shortest first; "until a time" is offered beside them. */
export const SNOOZE_PRESETS = [
  { label: '30 min', ms: 30 * MINUTE_MS },
  { label: '1 h', ms: HOUR_MS },
  { label: '4 h', ms: 4 * HOUR_MS },
  { label: '24 h', ms: 24 * HOUR_MS },
] as const;
/** The snooze a keyboard shortcut or a bulk snooze sets. */
export const DEFAULT_SNOOZE_MS = HOUR_MS;

/** "1 h", "2 h 30 min", "45 min". */
export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

const clockTime = (at: number) =>
  new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });

/** "for 1 h, until 04:00" */
export function snoozeText(now: number, until: number): string {
  return `for ${durationText(until - now)}, until ${clockTime(until)}`;
}

/**
 * The next time the clock shows `hhmm` (a `<input type="time">` value, local time), after `now`: "until 04:00"
 * typed at 23:00 is tomorrow's 04:00. Undefined for a value that is not a time.
 */
export function untilTime(now: number, hhmm: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) {
    return undefined;
  }
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() <= now) {
    at.setDate(at.getDate() + 1);
  }
  return at.getTime();
}

/** Names the body's ids stand for, for the sentence: the chosen policy and who it pages, the new assignee. */
export type RequestNames = Pick<ActionDescriptionInput, 'policyName' | 'people' | 'assignee'>;

/** The sentence shown before the user confirms. */
export function describeRequest<K extends ClientActionKind>(
  target: Pick<ActionTarget, 'kind' | 'source' | 'labels' | 'demo'>,
  action: K,
  body: ActionBodies[K],
  now: number,
  names: RequestNames = {}
): string {
  const b = body as Partial<ActionBodies['snooze'] & ActionBodies['escalate'] & ActionBodies['severity']>;
  return describeAction({
    source: target.source,
    action,
    target: target.kind,
    labels: target.labels,
    snoozeText: b.until === undefined ? undefined : snoozeText(now, b.until),
    level: b.level,
    escalation: b.escalation,
    severity: b.severity,
    demo: target.demo,
    ...names,
  }).sentence;
}

/** What a successful answer says: done, at which source, with the source's own words. */
export function describeResult(result: ActionResult): ActionOutcome {
  const where = result.provider === 'opsdeck' ? 'in Opsdeck' : `at ${providerName(result.provider)}`;
  if (result.outcome === 'failed') {
    return {
      severity: 'error',
      text: `${ACTION_LABELS[result.action as ClientActionKind] ?? result.action} failed ${where}: ${result.message ?? 'no reason given'}`,
    };
  }
  const said = result.message ? `: ${result.message}` : '';
  const replayed = result.replayed ? ' (already done by the first attempt)' : '';
  return {
    severity: 'success',
    text: `${DONE[result.action as ClientActionKind] ?? result.action} ${where}${said}.${replayed}`,
  };
}

const providerName = (provider: ActionResult['provider']) =>
  provider === 'opsdeck' ? 'Opsdeck' : sourceName(provider as AlertSource);

/**
 * A refused or failed action explained: 403 is Grafana's proxy refusing a role below Editor; 409 the gateway's
 * reason it could not be done ("already resolved at … by …"); 502 with a result the upstream's refusal.
 */
export function describeError(action: ClientActionKind, err: unknown): ActionOutcome {
  const error = toGatewayError(err);
  const label = ACTION_LABELS[action];
  if (error.status === 403) {
    return {
      severity: 'error',
      text: `${label} needs the Editor role in Grafana: the request was refused (403). Ask an Editor, or an admin for the role.`,
    };
  }
  const failed = error.body as Partial<ActionFailedResponse> | undefined;
  const reason = failed?.error ?? failed?.result?.message;
  if (error.status === 409 && reason) {
    return { severity: 'warning', text: `Nothing was done: ${reason}.` };
  }
  if (failed?.result?.outcome === 'failed' && reason) {
    return {
      severity: 'error',
      text: `${label} failed at ${providerName(failed.result.provider ?? 'opsdeck')}: ${reason}. Nothing was recorded as done.`,
    };
  }
  return { severity: 'error', text: `${label} failed: ${error instanceof GatewayError ? error.message : String(err)}` };
}

/** Whether a failed attempt is worth retrying with the same key: no answer, or the proxy could not reach the gateway. */
export function isRetryable(err: unknown): boolean {
  const error = toGatewayError(err);
  const answered = (error.body as Partial<ActionFailedResponse> | undefined)?.result !== undefined;
  return !answered && error.unreachable;
}

/**
 * One user action: its request and the Idempotency-Key it is sent with. A retry of the same action reuses the key,
 * so the gateway acts at most once however many attempts reach it; a new action gets a new key.
 */
export interface ActionAttempt<K extends ClientActionKind = ClientActionKind> {
  target: ActionTarget;
  action: K;
  body: ActionBodies[K];
  idempotencyKey: string;
}

export function newAttempt<K extends ClientActionKind>(
  target: ActionTarget,
  action: K,
  body: ActionBodies[K],
  key: () => string = newIdempotencyKey
): ActionAttempt<K> {
  return { target, action, body, idempotencyKey: key() };
}

/** Outcome of bulk actions sent one id at a time, added up: done, failed (with reasons). */
export function describeBulkOutcomes(
  action: ClientActionKind,
  outcomes: ReadonlyArray<{ ok: boolean; text: string }>
): ActionOutcome {
  const done = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.filter((o) => !o.ok);
  const n = (k: number) => `${k.toLocaleString('en-US')} alert${k === 1 ? '' : 's'}`;
  if (failed.length === 0) {
    return { severity: 'success', text: `${DONE[action]} ${n(done)}.` };
  }
  const reasons = [...new Set(failed.map((f) => f.text))].join('; ');
  return {
    severity: done > 0 ? 'warning' : 'error',
    text: `${DONE[action]} ${done}, failed ${failed.length}: ${reasons}`,
  };
}

/** The body of an action taken in one tap or key (no form): snooze for the default hour, the rest as they are. */
export function quickBody(action: ClientActionKind, now: number): ActionBodies[ClientActionKind] {
  return action === 'snooze' ? { until: now + DEFAULT_SNOOZE_MS } : {};
}

/** An alert as the action bar acts on it, on a gateway in `mode` (undefined until GET /api/health answers). */
export const alertTarget = (alert: Alert, mode?: HealthResponse['mode']): ActionTarget => ({
  kind: 'alert',
  id: alert.id,
  source: alert.source,
  status: alert.status,
  labels: alert.labels,
  title: alert.summary,
  severity: alert.severity,
  service: alert.service,
  team: alert.team,
  demo: isDemoTarget(mode, alert.source, alert.labels),
});

/**
 * An incident as the action bar acts on it. Its alerts' labels are what a silence matches, and tell whether it is
 * the demo fleet's (one demo incident has one alert).
 */
export function incidentTarget(
  incident: IncidentSummary,
  alerts: readonly Alert[],
  mode?: HealthResponse['mode']
): ActionTarget {
  const labels = alerts.find((a) => incident.alertIds.includes(a.id))?.labels;
  return {
    kind: 'incident',
    id: incident.id,
    source: incident.source,
    status: incident.status,
    labels,
    title: incident.title,
    severity: incident.severity,
    service: incident.service,
    team: incident.team,
    demo: isDemoTarget(mode, incident.source, labels),
  };
}
