/**
 * Applies a plan through a writer (the PagerDuty REST API, or an in-memory model in tests), one change at a time in
 * plan order. References to what the plan creates (a team's new policy, a new service for a per-service webhook
 * filter) are resolved to the ids PagerDuty answered. A plan with errors is refused before any write.
 *
 * The signing secret of each webhook subscription created comes back in the result, for the caller to show once;
 * it is in no message, and an ApplyError carries the secrets of the subscriptions created before the failure.
 */
import type { Change, Plan, PolicyBody, PolicyRef, ServiceRef } from './model';
import { changeTitle } from './renderPlan';

export interface PagerDutyWriter {
  createEscalationPolicy(body: PolicyBody): Promise<{ id: string }>;
  updateEscalationPolicy(id: string, body: PolicyBody): Promise<unknown>;
  createService(body: { name: string; description: string; escalationPolicyId: string }): Promise<{ id: string }>;
  updateService(id: string, body: { description: string; escalationPolicyId: string }): Promise<unknown>;
  createWebhookSubscription(body: {
    url: string;
    description: string;
    events: string[];
    active: boolean;
    filter: { type: 'account_reference' } | { type: 'service_reference'; id: string };
  }): Promise<{ id: string; secret?: string }>;
  updateWebhookSubscription(
    id: string,
    body: { description: string; events: string[]; active: boolean }
  ): Promise<unknown>;
}

export interface AppliedChange {
  change: Change;
  /** The id of the resource created or updated. */
  id: string;
}

export interface CreatedSecret {
  subscriptionId: string;
  url: string;
  /** The catalog service of a per-service subscription. */
  service?: string;
  secret: string;
}

export interface ApplyResult {
  applied: AppliedChange[];
  secrets: CreatedSecret[];
  /** Subscriptions PagerDuty created without handing a secret back (should not happen; said to the operator). */
  withoutSecret: string[];
}

export class ApplyError extends Error {
  override readonly name = 'ApplyError';
  constructor(
    readonly result: ApplyResult,
    readonly failed: Change,
    readonly reason: Error
  ) {
    super(
      `${failed.action} ${changeTitle(failed)} failed after ${result.applied.length} change(s) applied: ${reason.message}`
    );
  }
}

export async function applyPlan(
  plan: Plan,
  writer: PagerDutyWriter,
  onApplied: (applied: AppliedChange) => void = () => {}
): Promise<ApplyResult> {
  if (plan.errors.length > 0) {
    throw new Error(`the plan has ${plan.errors.length} error(s); nothing was changed`);
  }
  const result: ApplyResult = { applied: [], secrets: [], withoutSecret: [] };
  const policyIdOfTeam = new Map<string, string>();
  const serviceIdOf = new Map<string, string>();
  const policyId = (ref: PolicyRef): string => {
    if ('id' in ref) return ref.id;
    const id = policyIdOfTeam.get(ref.team);
    if (id === undefined) throw new Error(`no escalation policy was created for team ${ref.team}`);
    return id;
  };
  const serviceId = (ref: ServiceRef): string => {
    if ('id' in ref) return ref.id;
    const id = serviceIdOf.get(ref.service);
    if (id === undefined) throw new Error(`no PagerDuty service was created for ${ref.service}`);
    return id;
  };

  for (const change of plan.changes) {
    let id: string;
    try {
      id = await applyOne(change);
    } catch (error) {
      throw new ApplyError(result, change, error as Error);
    }
    const applied = { change, id };
    result.applied.push(applied);
    onApplied(applied);
  }
  return result;

  async function applyOne(change: Change): Promise<string> {
    switch (change.resource) {
      case 'escalation_policy': {
        if (change.action === 'update') {
          await writer.updateEscalationPolicy(change.id, change.body);
          return change.id;
        }
        const { id } = await writer.createEscalationPolicy(change.body);
        policyIdOfTeam.set(change.team, id);
        return id;
      }
      case 'service': {
        const escalationPolicyId = policyId(change.body.escalationPolicy);
        if (change.action === 'update') {
          await writer.updateService(change.id, { description: change.body.description, escalationPolicyId });
          return change.id;
        }
        const { id } = await writer.createService({
          name: change.body.name,
          description: change.body.description,
          escalationPolicyId,
        });
        serviceIdOf.set(change.service, id);
        return id;
      }
      case 'webhook_subscription': {
        if (change.action === 'update') {
          await writer.updateWebhookSubscription(change.id, change.body);
          return change.id;
        }
        const { filter, ...body } = change.body;
        const created = await writer.createWebhookSubscription({
          ...body,
          filter:
            filter.type === 'account_reference'
              ? { type: 'account_reference' }
              : { type: 'service_reference', id: serviceId(filter.service) },
        });
        if (created.secret) {
          result.secrets.push({
            subscriptionId: created.id,
            url: change.body.url,
            service: change.service,
            secret: created.secret,
          });
        } else {
          result.withoutSecret.push(created.id);
        }
        return created.id;
      }
    }
  }
}
