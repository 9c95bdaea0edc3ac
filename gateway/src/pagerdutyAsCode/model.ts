/**
 * The shapes "PagerDuty as code" works on: what PagerDuty has (read from its REST API, reduced to the fields that are
 * managed), what the catalog and escalation.yaml ask for, and the plan between them. Plain data, no I/O.
 */

export type TargetType = 'schedule_reference' | 'user_reference';

export interface TargetRef {
  type: TargetType;
  id: string;
}

export interface RuleState {
  delayMinutes: number;
  targets: TargetRef[];
}

export interface PolicyState {
  id: string;
  name: string;
  description: string;
  numLoops: number;
  rules: RuleState[];
}

export interface ServiceState {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
}

export interface ScheduleState {
  id: string;
  name: string;
}

export interface UserState {
  id: string;
  name: string;
  email: string;
}

export type SubscriptionFilter =
  { type: 'account_reference' } | { type: 'service_reference' | 'team_reference'; id: string };

export interface SubscriptionState {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  filter: SubscriptionFilter;
}

/** PagerDuty as read: every service, policy, schedule, user and webhook subscription of the account. */
export interface PagerDutyState {
  services: ServiceState[];
  policies: PolicyState[];
  schedules: ScheduleState[];
  users: UserState[];
  subscriptions: SubscriptionState[];
}

/** Where a desired value was written, for messages: `provisioning/opsdeck/escalation.yaml: escalation[0].team`. */
export interface Origin {
  file: string;
  field: string;
}

export type DesiredTarget = ({ kind: 'schedule'; name: string } | { kind: 'user'; email: string }) & {
  origin: Origin;
};

export interface DesiredLevel {
  delayMinutes: number;
  targets: DesiredTarget[];
}

export interface DesiredPolicy {
  team: string;
  name: string;
  description: string;
  numLoops: number;
  levels: DesiredLevel[];
  origin: Origin;
}

export interface DesiredService {
  /** The catalog name: PagerDuty's name on create, the match when there is no pagerdutyServiceId. */
  name: string;
  team: string;
  pagerdutyServiceId?: string;
  description: string;
  origin: Origin;
}

export type WebhookFilterMode = 'account' | 'services';

export interface DesiredWebhook {
  /** The gateway's POST /webhooks/pagerduty as PagerDuty reaches it. */
  url: string;
  description: string;
  events: string[];
  active: boolean;
  /** One subscription for the whole account, or one per managed service. */
  filter: WebhookFilterMode;
  origin: Origin;
}

export interface DesiredState {
  policies: DesiredPolicy[];
  /** The services the policies cover (each uses its team's policy). */
  services: DesiredService[];
  webhook?: DesiredWebhook;
  /** Catalog services no policy covers: left alone, said in the plan. */
  unmanaged: Array<{ name: string; team: string }>;
}

/** An escalation policy by id, or the one this plan creates for a team. */
export type PolicyRef = { id: string } | { team: string };
/** A service by id, or the one this plan creates for a catalog service. */
export type ServiceRef = { id: string } | { service: string };

export interface PolicyBody {
  name: string;
  description: string;
  numLoops: number;
  rules: RuleState[];
}

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export type Change =
  | { action: 'create'; resource: 'escalation_policy'; team: string; body: PolicyBody; summary: string[] }
  | {
      action: 'update';
      resource: 'escalation_policy';
      team: string;
      id: string;
      body: PolicyBody;
      fields: FieldChange[];
    }
  | {
      action: 'create';
      resource: 'service';
      service: string;
      body: { name: string; description: string; escalationPolicy: PolicyRef };
      summary: string[];
    }
  | {
      action: 'update';
      resource: 'service';
      service: string;
      id: string;
      body: { description: string; escalationPolicy: PolicyRef };
      fields: FieldChange[];
    }
  | {
      action: 'create';
      resource: 'webhook_subscription';
      /** The catalog service a per-service subscription filters on; undefined for the account. */
      service?: string;
      body: {
        url: string;
        description: string;
        events: string[];
        active: boolean;
        filter: { type: 'account_reference' } | { type: 'service_reference'; service: ServiceRef };
      };
      summary: string[];
    }
  | {
      action: 'update';
      resource: 'webhook_subscription';
      service?: string;
      id: string;
      url: string;
      body: { description: string; events: string[]; active: boolean };
      fields: FieldChange[];
    };

export type ResourceKind = Change['resource'];

export interface Unchanged {
  resource: ResourceKind;
  label: string;
  id: string;
}

export interface Plan {
  /** In the order they must be applied: policies, then services, then webhook subscriptions. */
  changes: Change[];
  unchanged: Unchanged[];
  /** Problems that stop the plan (a schedule or user PagerDuty does not have, an ambiguous match…): nothing applies. */
  errors: string[];
  /** Things worth knowing that change nothing (unmanaged services, other subscriptions to the same URL). */
  notes: string[];
}
