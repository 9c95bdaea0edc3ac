/**
 * Which actions each alert source supports and what each one does there, in the words the pages show before the
 * user confirms ("Creates an Alertmanager silence for 1 h matching …"). Pure data, mirroring the gateway's action
 * providers (gateway/src/sources/<source>/actionProvider.ts, OpsdeckOnlyProvider in upstream/incidentActions.ts and,
 * in demo mode, sources/demo/demoActionProvider.ts): the gateway still decides, and answers 409 with its reason when
 * an action cannot be done.
 */
import type { AlertSeverity, AlertSource } from './alerts';
import type { ActionKind, ActionProvider } from './actionsApi';

/** What the escalate form asks for: a level (PagerDuty), an escalation's name (Opsgenie) or id (JSM), a policy. */
export type EscalateBy = 'level' | 'name' | 'id' | 'policy';

export interface ActionSupport {
  /** Where the action is applied. */
  at: ActionProvider;
  /** Present when the source cannot do the action: why not. */
  unsupported?: string;
  /** Escalate only. */
  escalateBy?: EscalateBy;
}

/** Where the target is acted on. `demo`: a demo alert (or its incident) on a gateway in demo mode. */
export interface ActionContext {
  demo?: boolean;
}

type SourceRow = Record<ActionKind, ActionSupport>;

const notHeld = (name: string) =>
  ({
    reassign: { at: 'opsdeck', unsupported: `Opsdeck cannot reassign ${name} alerts` },
    severity: { at: 'opsdeck', unsupported: `Opsdeck cannot change the severity of ${name} alerts` },
  }) satisfies Partial<SourceRow>;

const OPSDECK_ONLY = (name: string): SourceRow => ({
  acknowledge: { at: 'opsdeck' },
  note: { at: 'opsdeck' },
  resolve: { at: 'opsdeck', unsupported: `${name} alerts resolve at their source` },
  snooze: { at: 'opsdeck', unsupported: `${name} has no snooze Opsdeck can set` },
  escalate: { at: 'opsdeck', unsupported: `${name} has no escalation` },
  ...notHeld(name),
});

const VENDOR = (at: 'pagerduty' | 'opsgenie' | 'jsm'): SourceRow => ({
  acknowledge: { at },
  resolve: { at },
  snooze: { at },
  escalate: { at, escalateBy: at === 'pagerduty' ? 'level' : at === 'opsgenie' ? 'name' : 'id' },
  note: { at },
  reassign: { at },
  severity: { at },
});

/**
 * How an Opsdeck severity is set at a vendor, the same words in the sentence and in the gateway's request.
 * PagerDuty has two urgencies only; Opsgenie and JSM Operations have P1–P5, of which Opsdeck uses P1, P3 and P5.
 */
export const PAGERDUTY_URGENCY: Record<AlertSeverity, 'high' | 'low'> = {
  critical: 'high',
  warning: 'low',
  info: 'low',
};
export const VENDOR_PRIORITY: Record<AlertSeverity, 'P1' | 'P3' | 'P5'> = { critical: 'P1', warning: 'P3', info: 'P5' };

/** Per alert source and action, outside demo mode (and for the alerts demo mode does not own). */
export const ACTIONS_BY_SOURCE: Record<AlertSource, SourceRow> = {
  alertmanager: {
    acknowledge: { at: 'opsdeck' },
    resolve: { at: 'alertmanager' },
    snooze: { at: 'alertmanager' },
    escalate: {
      at: 'alertmanager',
      unsupported: 'Alertmanager has no escalation; route by severity in alertmanager.yml instead',
    },
    note: { at: 'opsdeck' },
    ...notHeld('Alertmanager'),
  },
  pagerduty: VENDOR('pagerduty'),
  opsgenie: VENDOR('opsgenie'),
  jsm: VENDOR('jsm'),
  grafana: OPSDECK_ONLY('Grafana Alerting'),
  sns: OPSDECK_ONLY('CloudWatch (SNS)'),
  opsdeck: OPSDECK_ONLY('Opsdeck burn-rate'),
};

/**
 * Demo alerts (Alertmanager alerts labelled demo="true" on a demo-mode gateway): resolve and snooze at the embedded
 * Alertmanager stand-in, escalation and reassignment on the demo on-call roster, severity and acks held by Opsdeck.
 */
export const DEMO_ACTIONS: SourceRow = {
  acknowledge: { at: 'opsdeck' },
  resolve: { at: 'alertmanager' },
  snooze: { at: 'alertmanager' },
  escalate: { at: 'opsdeck', escalateBy: 'policy' },
  note: { at: 'opsdeck' },
  reassign: { at: 'opsdeck' },
  severity: { at: 'opsdeck' },
};

/** The label the demo fleet puts on its alerts; the gateway's demo provider acts on alerts carrying it. */
export const DEMO_LABEL = 'demo';

/** Whether the gateway acts on this target as a demo one: its mode is demo and the alert is the demo fleet's. */
export function isDemoTarget(
  mode: 'demo' | 'live' | undefined,
  source: AlertSource,
  labels: Record<string, string> = {}
): boolean {
  return mode === 'demo' && source === 'alertmanager' && labels[DEMO_LABEL] === 'true';
}

const NOT_LISTED: ActionSupport = { at: 'opsdeck', unsupported: 'not available for this source' };

export function actionSupport(source: AlertSource, action: ActionKind, context: ActionContext = {}): ActionSupport {
  const row = context.demo && source === 'alertmanager' ? DEMO_ACTIONS : ACTIONS_BY_SOURCE[source];
  return row?.[action] ?? NOT_LISTED;
}

export function isActionSupported(source: AlertSource, action: ActionKind, context: ActionContext = {}): boolean {
  return actionSupport(source, action, context).unsupported === undefined;
}

const SOURCE_NAMES: Record<AlertSource, string> = {
  alertmanager: 'Alertmanager',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  jsm: 'JSM Operations',
  grafana: 'Grafana Alerting',
  sns: 'CloudWatch (SNS)',
  opsdeck: 'Opsdeck',
};

export const sourceName = (source: AlertSource) => SOURCE_NAMES[source] ?? source;

export interface ActionDescriptionInput extends ActionContext {
  source: AlertSource;
  action: ActionKind;
  target: 'alert' | 'incident';
  /** The alert's labels: an Alertmanager silence matches all of them. */
  labels?: Record<string, string>;
  /** Snooze: how long and until when, already in words ("for 1 h, until 04:00"). */
  snoozeText?: string;
  /** Escalate: the level (PagerDuty, or of the chosen demo policy) and the escalation (name, id or policy id). */
  level?: number;
  escalation?: string;
  /** Demo escalate: the chosen policy's name, and who is on call at the level. */
  policyName?: string;
  people?: string[];
  /** Reassign: the person's name. */
  assignee?: string;
  /** Severity: the new one. */
  severity?: AlertSeverity;
}

export interface ActionDescription {
  supported: boolean;
  at: ActionProvider;
  /** One sentence: what the action will do, and where; or why it is not available. */
  sentence: string;
}

/** `alertname=HighErrorRate, service=checkout-api`, the labels an Alertmanager silence matches. */
export function matcherText(labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? 'no labels' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Whether the action is supported for the source (in demo mode or not), and the sentence shown before confirming. */
export function describeAction(input: ActionDescriptionInput): ActionDescription {
  const support = actionSupport(input.source, input.action, input);
  const sentence = support.unsupported
    ? `Not available: ${support.unsupported}.`
    : input.demo && input.source === 'alertmanager'
      ? demoSentence(input)
      : input.source === 'alertmanager'
        ? alertmanagerSentence(input)
        : support.at === 'opsdeck'
          ? opsdeckSentence(input)
          : vendorSentence(input);
  return { supported: support.unsupported === undefined, at: support.at, sentence };
}

const HELD = 'held in Opsdeck (demo)';

function demoSentence(input: ActionDescriptionInput): string {
  const what = input.target === 'incident' ? "the incident's alert" : 'the alert';
  switch (input.action) {
    case 'acknowledge':
      return `Acknowledges ${what}, ${HELD}: Alertmanager has no acknowledge.`;
    case 'resolve':
      return `Resolves ${what} in the demo Alertmanager (posted back with its end time now); it fires again if the condition still holds.`;
    case 'snooze':
      return `Creates a silence in the demo Alertmanager ${input.snoozeText ?? 'for a while'} matching ${matcherText(input.labels)}; when it expires the alert fires again, unacknowledged.`;
    case 'note':
      return `Keeps the note, ${HELD}: Alertmanager has no notes.`;
    case 'escalate': {
      if (!input.escalation) return `Escalates to the next level of its on-call policy, ${HELD}.`;
      const who = input.people?.length ? `: pages ${input.people.join(', ')}` : '';
      return `Escalates to level ${input.level ?? 1} of ${input.policyName ?? input.escalation}, ${HELD}${who}.`;
    }
    case 'reassign':
      return `Reassigns to ${input.assignee ?? 'the person you choose'}, ${HELD}.`;
    case 'severity':
      return `Changes the severity to ${input.severity ?? '…'}, ${HELD}.`;
  }
}

function alertmanagerSentence(input: ActionDescriptionInput): string {
  switch (input.action) {
    case 'acknowledge':
      return 'Acknowledges in Opsdeck only: Alertmanager has no acknowledge.';
    case 'resolve':
      return 'Resolves the alert in Alertmanager (posted back with its end time now); it fires again if the condition returns.';
    case 'snooze':
      return `Creates a silence in Alertmanager ${input.snoozeText ?? 'for a while'} matching ${matcherText(input.labels)}.`;
    default:
      return 'Keeps the note in Opsdeck: Alertmanager has no notes.';
  }
}

function opsdeckSentence(input: ActionDescriptionInput): string {
  const name = sourceName(input.source);
  return input.action === 'acknowledge'
    ? `Acknowledges in Opsdeck only: ${name} has no acknowledge Opsdeck can call.`
    : `Keeps the note in Opsdeck: ${name} has no notes.`;
}

function vendorSentence(input: ActionDescriptionInput): string {
  const { source, target } = input;
  const name = sourceName(source);
  const thing = source === 'pagerduty' ? 'PagerDuty incident' : `${name} ${target}`;
  const snooze = input.snoozeText ?? 'for a while';
  switch (input.action) {
    case 'acknowledge':
      return `Acknowledges the ${thing}.`;
    case 'resolve':
      return source === 'pagerduty' ? `Resolves the ${thing}.` : `Closes the ${thing}.`;
    case 'snooze':
      return source === 'pagerduty'
        ? `Snoozes the ${thing} ${snooze} (acknowledging it first if it is triggered).`
        : `Snoozes the ${thing} ${snooze}.`;
    case 'escalate':
      if (source === 'pagerduty') return `Escalates the ${thing} to level ${input.level ?? 2}.`;
      return input.escalation
        ? `Escalates the ${thing} to the escalation ${input.escalation}.`
        : `Escalates the ${thing}: name the escalation to escalate to.`;
    case 'note':
      return `Adds the note to the ${thing}.`;
    case 'reassign':
      return `Reassigns the ${thing} to ${input.assignee ?? 'the person you choose'}.`;
    case 'severity':
      return severitySentence(source, name, input.severity);
  }
}

function severitySentence(source: AlertSource, name: string, severity: AlertSeverity | undefined): string {
  if (source === 'pagerduty') {
    const urgency = severity ? PAGERDUTY_URGENCY[severity] : 'high or low';
    return `Sets PagerDuty urgency to ${urgency} (critical is high; warning and info are low).`;
  }
  return severity
    ? `Sets the ${name} priority to ${VENDOR_PRIORITY[severity]} (${severity}).`
    : `Sets the ${name} priority: P1 for critical, P3 for warning, P5 for info.`;
}
