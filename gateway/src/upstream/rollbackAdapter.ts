/** What each deploy target's rollback adapter provides to the generic planner and executor. */
import type { Deployment, RollbackAction, RollbackSide, RollbackTargetKind } from '@opsdeck/contract';
import type { ParsedDeployTarget } from './deployTarget';

/** A decided rollback: what runs now, and what it changes. */
export interface RollbackPlan {
  from: RollbackSide;
  to: RollbackSide;
  action: RollbackAction;
}

/** The outcome of the pure decision: a plan, or why there is none (with what is running, when known). */
export type RollbackDecision =
  { kind: 'plan'; plan: RollbackPlan } | { kind: 'blocked'; reason: string; from?: RollbackSide };

export type ProgressState = 'in_progress' | 'succeeded' | 'failed';

export interface RollbackProgress {
  state: ProgressState;
  detail: string;
}

export type TargetOf<K extends RollbackTargetKind> = Extract<ParsedDeployTarget, { kind: K }>;

export interface RollbackAdapter<K extends RollbackTargetKind = RollbackTargetKind> {
  readonly kind: K;
  /**
   * Reads the upstream (read-only calls) and decides. `history` is what the gateway already recorded for the
   * service, newest first; adapters use it where the upstream no longer remembers the previous version.
   */
  decide(target: TargetOf<K>, history: readonly Deployment[]): Promise<RollbackDecision>;
  /** Makes the one write call; answers the upstream id that carries the rollback. */
  execute(target: TargetOf<K>, plan: RollbackPlan): Promise<string>;
  /** One look at how the rollback is going. */
  progress(target: TargetOf<K>, plan: RollbackPlan, upstreamId: string): Promise<RollbackProgress>;
}
