/**
 * PagerDuty's REST API on both sides of the plan: the state read through the admin client (every list paged), and
 * the writer that applies changes through it.
 */
import type { PagerDutyAdminClient } from '../sources/pagerduty/adminClient';
import type { PdReference } from '../sources/pagerduty/types';
import type { PagerDutyWriter } from './apply';
import type { PagerDutyState, SubscriptionFilter, TargetRef } from './model';

export async function readPagerDutyState(client: PagerDutyAdminClient): Promise<PagerDutyState> {
  const [services, policies, schedules, users, subscriptions] = await Promise.all([
    client.listServices(),
    client.listEscalationPolicies(),
    client.listSchedules(),
    client.listUsers(),
    client.listWebhookSubscriptions(),
  ]);
  return {
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description ?? '',
      escalationPolicyId: s.escalation_policy?.id ?? '',
    })),
    policies: policies.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description ?? '',
      numLoops: p.num_loops ?? 0,
      rules: (p.escalation_rules ?? []).map((rule) => ({
        delayMinutes: rule.escalation_delay_in_minutes,
        targets: rule.targets.map(targetRef),
      })),
    })),
    schedules: schedules.map((s) => ({ id: s.id, name: s.name })),
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email })),
    subscriptions: subscriptions
      .filter((s) => s.type === 'webhook_subscription' && s.delivery_method?.type === 'http_delivery_method')
      .map((s) => ({
        id: s.id,
        url: s.delivery_method.url,
        description: s.description ?? '',
        events: [...s.events],
        active: s.active ?? true,
        filter: subscriptionFilter(s.filter),
      })),
  };
}

export function pagerDutyWriter(client: PagerDutyAdminClient): PagerDutyWriter {
  return {
    createEscalationPolicy: async (body) => ({ id: (await client.createEscalationPolicy(body)).id }),
    updateEscalationPolicy: (id, body) => client.updateEscalationPolicy(id, body),
    createService: async (body) => ({ id: (await client.createService(body)).id }),
    updateService: (id, body) => client.updateService(id, body),
    createWebhookSubscription: async (body) => {
      const { subscription, secret } = await client.createWebhookSubscription(body);
      return { id: subscription.id, secret };
    },
    updateWebhookSubscription: (id, body) => client.updateWebhookSubscription(id, body),
  };
}

/** PagerDuty answers `user_reference` / `schedule_reference`; the bare types are read the same. */
function targetRef(target: PdReference): TargetRef {
  const type = target.type.replace(/_reference$/, '');
  return { type: type === 'schedule' ? 'schedule_reference' : 'user_reference', id: target.id };
}

function subscriptionFilter(filter: { type: string; id?: string | null }): SubscriptionFilter {
  if (filter.type === 'service_reference' || filter.type === 'team_reference') {
    return { type: filter.type, id: filter.id ?? '' };
  }
  return { type: 'account_reference' };
}
