/** The action pipeline's own vocabulary (API shapes are in contract/src/actionsApi.ts). */
import type { ActionKind, ActionProvider, AlertSource } from '@opsdeck/contract';

export type ActionSpec =
  | { action: 'acknowledge'; comment?: string }
  | { action: 'resolve'; comment?: string }
  | { action: 'snooze'; until: number }
  | { action: 'escalate'; level?: number; escalation?: string; reason?: string }
  | { action: 'note'; text: string };

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
}

/** The action cannot be done with this provider or configuration (answered 409, audited as denied). */
export class ActionNotSupportedError extends Error {
  override readonly name = 'ActionNotSupportedError';
}
