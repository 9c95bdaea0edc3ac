/**
 * Turns an adapter's decision (or its failure to read) into the preview the user confirms. Pure apart from the
 * adapter call: computing a preview never writes upstream.
 */
import type { Deployment, RollbackPreview } from '@opsdeck/contract';
import type { ParsedDeployTarget } from '../../upstream/deployTarget';
import { UpstreamAccessDenied } from '../../upstream/upstreamCall';
import type { RollbackAdapter, RollbackDecision, RollbackPlan, TargetOf } from '../../upstream/rollbackAdapter';

export interface PreviewWithPlan {
  preview: RollbackPreview;
  /** Present only when the rollback can run: a plan, and no missing permission. */
  plan?: RollbackPlan;
}

/**
 * `grantedActions`: when the config lists the rollback actions the role has, anything else is reported missing
 * up front rather than failing at the last step. Undefined means "not configured; assume granted".
 */
export function previewFromDecision(
  service: string,
  target: ParsedDeployTarget,
  decision: RollbackDecision,
  grantedActions: ReadonlySet<string> | undefined,
  now: number
): PreviewWithPlan {
  const base = { service, targetKind: target.kind, targetName: target.name, computedAt: now };
  if (decision.kind === 'blocked') {
    return { preview: { ...base, from: decision.from, missingPermissions: [], blockedReason: decision.reason } };
  }
  const { plan } = decision;
  const missing = grantedActions && !grantedActions.has(plan.action.iamAction) ? [plan.action.iamAction] : [];
  const preview: RollbackPreview = {
    ...base,
    from: plan.from,
    to: plan.to,
    action: plan.action,
    missingPermissions: missing,
    blockedReason:
      missing.length > 0
        ? `the gateway's AWS role is not granted ${missing.join(', ')} (see docs/aws-setup.md, RollbackOptional)`
        : undefined,
  };
  return { preview, plan: missing.length === 0 ? plan : undefined };
}

export function previewFromReadFailure(
  service: string,
  target: ParsedDeployTarget,
  err: unknown,
  now: number
): PreviewWithPlan {
  const base = { service, targetKind: target.kind, targetName: target.name, computedAt: now };
  if (err instanceof UpstreamAccessDenied) {
    return {
      preview: {
        ...base,
        missingPermissions: [err.iamAction],
        blockedReason: `cannot read the current state: the gateway's AWS role may not call ${err.iamAction}`,
      },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { preview: { ...base, missingPermissions: [], blockedReason: `cannot read the current state: ${message}` } };
}

/** Asks the adapter for a decision and wraps it; never throws for upstream trouble. */
export async function computePreview(
  service: string,
  target: ParsedDeployTarget,
  adapter: RollbackAdapter,
  history: readonly Deployment[],
  grantedActions: ReadonlySet<string> | undefined,
  now: () => number
): Promise<PreviewWithPlan> {
  try {
    const decision = await adapter.decide(target as TargetOf<typeof adapter.kind>, history);
    return previewFromDecision(service, target, decision, grantedActions, now());
  } catch (err) {
    return previewFromReadFailure(service, target, err, now());
  }
}
