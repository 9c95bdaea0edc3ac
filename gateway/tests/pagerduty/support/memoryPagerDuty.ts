/**
 * PagerDuty as plain data, for the planner's properties: a PagerDutyWriter that applies changes to a copy of a
 * PagerDutyState the way the API does (new ids on create, rules replaced on update, names unique, references that
 * must exist), so "apply the plan, plan again" can run thousands of times without HTTP.
 */
import type { PagerDutyWriter } from '../../../src/pagerdutyAsCode/apply';
import type { PagerDutyState } from '../../../src/pagerdutyAsCode/model';

export function memoryPagerDuty(initial: PagerDutyState): {
  state: PagerDutyState;
  writer: PagerDutyWriter;
  writes: string[];
} {
  const state: PagerDutyState = structuredClone(initial);
  const writes: string[] = [];
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}NEW${++sequence}`;
  const policy = (id: string) => {
    const found = state.policies.find((p) => p.id === id);
    if (!found) throw new Error(`escalation policy ${id} not found`);
    return found;
  };
  const checkTargets = (rules: PagerDutyState['policies'][number]['rules']) => {
    for (const target of rules.flatMap((r) => r.targets)) {
      const known =
        target.type === 'schedule_reference'
          ? state.schedules.some((s) => s.id === target.id)
          : state.users.some((u) => u.id === target.id);
      if (!known) throw new Error(`target ${target.id} not found`);
    }
  };
  const writer: PagerDutyWriter = {
    async createEscalationPolicy(body) {
      writes.push(`POST /escalation_policies ${body.name}`);
      if (state.policies.some((p) => p.name.toLowerCase() === body.name.toLowerCase())) {
        throw new Error(`policy name ${body.name} taken`);
      }
      checkTargets(body.rules);
      const id = nextId('PEP');
      state.policies.push({ id, ...structuredClone(body) });
      return { id };
    },
    async updateEscalationPolicy(id, body) {
      writes.push(`PUT /escalation_policies/${id}`);
      const current = policy(id);
      if (state.policies.some((p) => p.id !== id && p.name.toLowerCase() === body.name.toLowerCase())) {
        throw new Error(`policy name ${body.name} taken`);
      }
      checkTargets(body.rules);
      Object.assign(current, structuredClone(body));
    },
    async createService(body) {
      writes.push(`POST /services ${body.name}`);
      if (state.services.some((s) => s.name.toLowerCase() === body.name.toLowerCase())) {
        throw new Error(`service name ${body.name} taken`);
      }
      policy(body.escalationPolicyId);
      const id = nextId('PSV');
      state.services.push({ id, ...body });
      return { id };
    },
    async updateService(id, body) {
      writes.push(`PUT /services/${id}`);
      const service = state.services.find((s) => s.id === id);
      if (!service) throw new Error(`service ${id} not found`);
      policy(body.escalationPolicyId);
      Object.assign(service, body);
    },
    async createWebhookSubscription(body) {
      writes.push(`POST /webhook_subscriptions ${body.url}`);
      if (body.filter.type === 'service_reference') {
        const serviceId = body.filter.id;
        if (!state.services.some((s) => s.id === serviceId)) throw new Error(`service ${serviceId} not found`);
      }
      const id = nextId('PWS');
      state.subscriptions.push({ id, ...structuredClone(body) });
      return { id, secret: `secret-of-${id}` };
    },
    async updateWebhookSubscription(id, body) {
      writes.push(`PUT /webhook_subscriptions/${id}`);
      const subscription = state.subscriptions.find((s) => s.id === id);
      if (!subscription) throw new Error(`subscription ${id} not found`);
      Object.assign(subscription, structuredClone(body));
    },
  };
  return { state, writer, writes };
}
