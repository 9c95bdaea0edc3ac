/**
 * The configuration side of PagerDuty REST API v2 that "PagerDuty as code" needs: services, escalation policies,
 * schedules, users and webhook v3 subscriptions. Lists are paged like every other list of the client
 * (offset/limit/more); writes send the resource wrapped in its singular key, with the `From` header when a user email
 * is configured (POST /escalation_policies documents it; PagerDuty records the user in the audit trail).
 *
 * A webhook subscription's signing secret is in the create answer only; `createWebhookSubscription` hands it back to
 * the caller and nothing here logs or keeps it.
 */
import { PagerDutyClient, type PagerDutyClientOptions } from './client';
import type { PdEscalationPolicy, PdService, PdUserSummary, PdWebhookSubscription } from './types';

export interface PagerDutyAdminClientOptions extends PagerDutyClientOptions {
  /** Email of a PagerDuty user, sent as `From` on writes. */
  from?: string;
}

export type PdTargetType = 'schedule_reference' | 'user_reference';

export interface EscalationPolicyInput {
  name: string;
  description: string;
  numLoops: number;
  rules: Array<{ delayMinutes: number; targets: Array<{ type: PdTargetType; id: string }> }>;
}

export interface ServiceInput {
  name: string;
  description: string;
  escalationPolicyId: string;
}

export interface WebhookSubscriptionInput {
  url: string;
  description: string;
  events: string[];
  active: boolean;
  filter: { type: 'account_reference' } | { type: 'service_reference'; id: string };
}

export class PagerDutyAdminClient extends PagerDutyClient {
  private readonly from: string | undefined;

  constructor(options: PagerDutyAdminClientOptions) {
    super(options);
    this.from = options.from;
  }

  listServices(): Promise<PdService[]> {
    return this.listAll<PdService>('/services', 'services', {});
  }

  listUsers(): Promise<PdUserSummary[]> {
    return this.listAll<PdUserSummary>('/users', 'users', {});
  }

  listWebhookSubscriptions(): Promise<PdWebhookSubscription[]> {
    return this.listAll<PdWebhookSubscription>('/webhook_subscriptions', 'webhook_subscriptions', {});
  }

  async createEscalationPolicy(policy: EscalationPolicyInput): Promise<PdEscalationPolicy> {
    const body = await this.http.json<{ escalation_policy: PdEscalationPolicy }>({
      method: 'POST',
      path: '/escalation_policies',
      headers: this.fromHeader(),
      body: { escalation_policy: escalationPolicyBody(policy) },
    });
    return body.escalation_policy;
  }

  /** PUT replaces the rules with the ones sent. */
  async updateEscalationPolicy(id: string, policy: EscalationPolicyInput): Promise<PdEscalationPolicy> {
    const body = await this.http.json<{ escalation_policy: PdEscalationPolicy }>({
      method: 'PUT',
      path: `/escalation_policies/${encodeURIComponent(id)}`,
      headers: this.fromHeader(),
      body: { escalation_policy: escalationPolicyBody(policy) },
    });
    return body.escalation_policy;
  }

  async createService(service: ServiceInput): Promise<PdService> {
    const body = await this.http.json<{ service: PdService }>({
      method: 'POST',
      path: '/services',
      headers: this.fromHeader(),
      body: {
        service: {
          type: 'service',
          name: service.name,
          description: service.description,
          escalation_policy: { id: service.escalationPolicyId, type: 'escalation_policy_reference' },
        },
      },
    });
    return body.service;
  }

  /** Sets the description and the escalation policy; the name is left as PagerDuty has it. */
  async updateService(id: string, update: Omit<ServiceInput, 'name'>): Promise<PdService> {
    const body = await this.http.json<{ service: PdService }>({
      method: 'PUT',
      path: `/services/${encodeURIComponent(id)}`,
      headers: this.fromHeader(),
      body: {
        service: {
          type: 'service',
          description: update.description,
          escalation_policy: { id: update.escalationPolicyId, type: 'escalation_policy_reference' },
        },
      },
    });
    return body.service;
  }

  /** The subscription, and its signing secret: PagerDuty shows it in this answer and never again. */
  async createWebhookSubscription(
    input: WebhookSubscriptionInput
  ): Promise<{ subscription: PdWebhookSubscription; secret: string | undefined }> {
    const body = await this.http.json<{ webhook_subscription: PdWebhookSubscription }>({
      method: 'POST',
      path: '/webhook_subscriptions',
      headers: this.fromHeader(),
      body: {
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: { type: 'http_delivery_method', url: input.url },
          description: input.description,
          events: input.events,
          active: input.active,
          filter: input.filter,
        },
      },
    });
    const subscription = body.webhook_subscription;
    const secret = subscription.delivery_method?.secret ?? undefined;
    return { subscription, secret: typeof secret === 'string' && secret !== '' ? secret : undefined };
  }

  /** Events, description and active; PagerDuty does not update a subscription's delivery method. */
  async updateWebhookSubscription(
    id: string,
    update: Pick<WebhookSubscriptionInput, 'description' | 'events' | 'active'>
  ): Promise<PdWebhookSubscription> {
    const body = await this.http.json<{ webhook_subscription: PdWebhookSubscription }>({
      method: 'PUT',
      path: `/webhook_subscriptions/${encodeURIComponent(id)}`,
      headers: this.fromHeader(),
      body: {
        webhook_subscription: {
          type: 'webhook_subscription',
          description: update.description,
          events: update.events,
          active: update.active,
        },
      },
    });
    return body.webhook_subscription;
  }

  private fromHeader(): Record<string, string> | undefined {
    return this.from ? { from: this.from } : undefined;
  }
}

function escalationPolicyBody(policy: EscalationPolicyInput) {
  return {
    type: 'escalation_policy',
    name: policy.name,
    description: policy.description,
    num_loops: policy.numLoops,
    escalation_rules: policy.rules.map((rule) => ({
      escalation_delay_in_minutes: rule.delayMinutes,
      targets: rule.targets.map((t) => ({ id: t.id, type: t.type })),
    })),
  };
}
