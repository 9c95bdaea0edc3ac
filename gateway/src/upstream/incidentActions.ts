/**
 * The action pipeline's own vocabulary (API shapes are in contract/src/actionsApi.ts): what an upstream's action
 * provider implements, and the Opsdeck-only providers for upstreams without an incident API.
 */
import type { ActionKind, ActionProvider, AlertSeverity, AlertSource, AlertStatus } from '@opsdeck/contract';

/** The actions every provider applies. */
export type ActionSpec =
  | { action: 'acknowledge'; comment?: string }
  | { action: 'resolve'; comment?: string }
  | { action: 'snooze'; until: number }
  | { action: 'escalate'; level?: number; escalation?: string; reason?: string }
  | { action: 'note'; text: string };

/**
 * Reassign and severity: only providers with `change` support them (PagerDuty, Opsgenie, JSM Operations at the
 * vendor; the demo fleet held in Opsdeck). The assignee is the provider's own user id, as GET /api/oncall lists it.
 */
export type HeldChangeSpec =
  | { action: 'reassign'; assignee: string; reason?: string }
  | { action: 'severity'; severity: AlertSeverity; reason?: string };

export type AnyActionSpec = ActionSpec | HeldChangeSpec;

export function isHeldChange(spec: AnyActionSpec): spec is HeldChangeSpec {
  return spec.action === 'reassign' || spec.action === 'severity';
}

/** What a provider needs to find the thing upstream. */
export interface UpstreamTarget {
  /** Opsdeck's id of the alert or incident acted upon. */
  id: string;
  source: AlertSource;
  /** PagerDuty incident id, Opsgenie alert id; the dedup key for other sources. */
  externalId: string;
  /** Alertmanager/Grafana label set (silences match on it). */
  labels: Record<string, string>;
  summary: string;
  /** Opsdeck ids of the alerts acted on: the alert itself, or the incident's alerts. */
  alertIds: string[];
}

export interface ActionActor {
  /** Grafana login. */
  user: string;
  now: number;
}

export interface UpstreamOutcome {
  provider: ActionProvider;
  upstreamRef?: string;
  message?: string;
  /**
   * The status the target's alerts now have at the source, when the source says so in its answer (the demo's
   * Alertmanager stand-in: `suppressed` once silenced). A real upstream's webhook tells later instead.
   */
  alertStatus?: AlertStatus;
  /**
   * Where an escalation went and who moved it, when the provider knows more than the request said: the demo roster
   * names the policy it chose and acts as "demo", so the timeline reads "Escalated to payments on-call, level 2 (demo)".
   */
  escalatedTo?: { policy: string; level: number; by: string };
}

/**
 * One place where actions are applied: PagerDuty, Opsgenie, Alertmanager, or Opsdeck itself (for sources without
 * the concept). A team can switch provider without losing history, because history lives in Opsdeck's store.
 * `apply` resolves only once the upstream confirmed; any failure throws (UpstreamError for vendor answers).
 */
export interface IncidentProvider {
  readonly name: ActionProvider;
  /** Undefined when supported; otherwise why not (answered as 409). */
  unsupported(action: ActionKind): string | undefined;
  apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome>;
  /** Reassign and severity; absent = answered 409 "… not supported by <source>". */
  change?(target: UpstreamTarget, spec: HeldChangeSpec, actor: ActionActor): Promise<UpstreamOutcome>;
}

/** The action cannot be done with this provider or configuration (answered 409, audited as denied). */
export class ActionNotSupportedError extends Error {
  override readonly name = 'ActionNotSupportedError';
}

/** The request names something that does not exist at the provider (a person, a policy): answered 400. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

/** Acknowledgements Opsdeck holds itself, for upstreams that have no acknowledge of their own. */
export interface HeldAcks {
  hold(alertId: string, ack: { user: string; at: number }): Promise<void>;
  release(alertId: string): Promise<void>;
}

/** For sources with no incident API (Grafana, SNS, a team with no incident tool): ack held by Opsdeck, notes kept. */
export class OpsdeckOnlyProvider implements IncidentProvider {
  readonly name = 'opsdeck' as const;

  constructor(
    private readonly acks: HeldAcks,
    /** Why actions that need an upstream cannot be done (names the missing setting). */
    private readonly why: string
  ) {}

  unsupported(action: ActionKind): string | undefined {
    return action === 'acknowledge' || action === 'note' ? undefined : `cannot ${action}: ${this.why}`;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    if (spec.action === 'acknowledge') {
      await this.acks.hold(target.id, { user: actor.user, at: actor.now });
      return { provider: this.name, message: 'acknowledged in Opsdeck' };
    }
    return { provider: this.name, message: 'note kept in Opsdeck' };
  }
}

/** A vendor whose alerts are acted on at the vendor, without its key: acting is refused, never faked locally. */
export class UnconfiguredProvider implements IncidentProvider {
  constructor(
    readonly name: 'pagerduty' | 'opsgenie' | 'jsm',
    private readonly why: string
  ) {}

  unsupported(action: ActionKind): string {
    return `cannot ${action} at ${this.name}: ${this.why}`;
  }

  apply(): never {
    throw new Error(this.why);
  }
}
