/**
 * The plan: what PagerDuty has + what the catalog and escalation.yaml ask for → the changes that make them agree, in
 * the order they can be applied (policies, then the services that use them, then the webhook subscriptions), and
 * what is already right. Pure: no I/O, no clock.
 *
 * Rules:
 * - Escalation policies are matched by name (case-insensitive, as PagerDuty keeps names unique); the plan sets
 *   their name, description, num_loops and rules (delay and targets of each level).
 * - Services are matched by the catalog's `pagerdutyServiceId` when it has one, else by the catalog name; the plan
 *   sets their description and escalation policy. A missing id is an error, never a create.
 * - Schedules and users are looked up (by name, by email), never created: a missing or ambiguous one is an error.
 * - Webhook subscriptions are matched by delivery URL and filter; the plan sets events, description and active.
 * - Nothing is ever deleted, and PagerDuty resources the desired state does not name are never touched.
 * Any error empties the plan: a half-resolved plan is never applied.
 */
import type {
  Change,
  DesiredPolicy,
  DesiredService,
  DesiredState,
  DesiredTarget,
  FieldChange,
  Origin,
  PagerDutyState,
  Plan,
  PolicyBody,
  PolicyRef,
  PolicyState,
  RuleState,
  ServiceRef,
  ServiceState,
  SubscriptionState,
  TargetRef,
  Unchanged,
} from './model';

export function planChanges(state: PagerDutyState, desired: DesiredState): Plan {
  const errors: string[] = [];
  const notes: string[] = [];
  const targets = resolveTargets(state, desired.policies, errors);
  const policyMatches = matchPolicies(state, desired.policies, errors);
  const serviceMatches = matchServices(state, desired.services, errors);
  if (errors.length > 0) return { changes: [], unchanged: [], errors, notes };

  const labels = new Labels(state);
  const changes: Change[] = [];
  const unchanged: Unchanged[] = [];

  const policyRefOf = new Map<string, PolicyRef>();
  const policyLabelOf = new Map<string, string>();
  for (const policy of desired.policies) {
    const body: PolicyBody = {
      name: policy.name,
      description: policy.description,
      numLoops: policy.numLoops,
      rules: policy.levels.map((level) => ({
        delayMinutes: level.delayMinutes,
        targets: level.targets.map((t) => targets.get(t)!),
      })),
    };
    const current = policyMatches.get(policy.team);
    if (!current) {
      policyRefOf.set(policy.team, { team: policy.team });
      policyLabelOf.set(policy.team, `"${policy.name}" (created by this plan)`);
      changes.push({
        action: 'create',
        resource: 'escalation_policy',
        team: policy.team,
        body,
        summary: [
          `description: ${quote(body.description)}`,
          `num_loops: ${body.numLoops}`,
          ...body.rules.map((rule, i) => `level ${i + 1}: ${labels.rule(rule)}`),
        ],
      });
      continue;
    }
    policyRefOf.set(policy.team, { id: current.id });
    policyLabelOf.set(policy.team, `"${policy.name}" (${current.id})`);
    const fields = policyFields(current, body, labels);
    if (fields.length === 0) {
      unchanged.push({ resource: 'escalation_policy', label: `"${current.name}"`, id: current.id });
    } else {
      changes.push({
        action: 'update',
        resource: 'escalation_policy',
        team: policy.team,
        id: current.id,
        body,
        fields,
      });
    }
  }

  const serviceIdOf = new Map<string, string>();
  for (const service of desired.services) {
    const escalationPolicy = policyRefOf.get(service.team)!;
    const policyLabel = policyLabelOf.get(service.team)!;
    const current = serviceMatches.get(service.name);
    if (!current) {
      changes.push({
        action: 'create',
        resource: 'service',
        service: service.name,
        body: { name: service.name, description: service.description, escalationPolicy },
        summary: [`description: ${quote(service.description)}`, `escalation_policy: ${policyLabel}`],
      });
      continue;
    }
    serviceIdOf.set(service.name, current.id);
    const fields: FieldChange[] = [];
    if (!('id' in escalationPolicy) || escalationPolicy.id !== current.escalationPolicyId) {
      fields.push({ field: 'escalation_policy', from: labels.policy(current.escalationPolicyId), to: policyLabel });
    }
    if (current.description !== service.description) {
      fields.push({ field: 'description', from: quote(current.description), to: quote(service.description) });
    }
    if (fields.length === 0) {
      unchanged.push({ resource: 'service', label: `"${service.name}"`, id: current.id });
    } else {
      changes.push({
        action: 'update',
        resource: 'service',
        service: service.name,
        id: current.id,
        body: { description: service.description, escalationPolicy },
        fields,
      });
    }
  }

  const webhook = desired.webhook;
  if (webhook) {
    const atUrl = state.subscriptions.filter((s) => s.url === webhook.url).sort((a, b) => compare(a.id, b.id));
    const managed = new Set<string>();
    const wanted: Array<{ service?: string; filter: SubscriptionFilterWanted }> =
      webhook.filter === 'account'
        ? [{ filter: { type: 'account_reference' } }]
        : desired.services.map((s) => {
            const id = serviceIdOf.get(s.name);
            return {
              service: s.name,
              filter: { type: 'service_reference', service: id ? { id } : { service: s.name } },
            };
          });
    for (const want of wanted) {
      const filterLabel = want.service === undefined ? 'whole account' : `service "${want.service}"`;
      const candidates = atUrl.filter((s) => sameFilter(s, want.filter));
      const [current, ...duplicates] = candidates;
      for (const duplicate of duplicates) {
        managed.add(duplicate.id);
        notes.push(
          `webhook_subscription ${duplicate.id} also delivers ${filterLabel} to ${webhook.url}: left alone ` +
            `(${current.id} is the managed one; the gateway drops the second delivery of an event by its id)`
        );
      }
      const body = { description: webhook.description, events: webhook.events, active: webhook.active };
      if (!current) {
        changes.push({
          action: 'create',
          resource: 'webhook_subscription',
          service: want.service,
          body: { url: webhook.url, ...body, filter: want.filter },
          summary: [
            `filter: ${filterLabel}`,
            `events: ${webhook.events.join(', ')}`,
            `description: ${quote(webhook.description)}`,
            `active: ${webhook.active}`,
          ],
        });
        continue;
      }
      managed.add(current.id);
      const fields: FieldChange[] = [];
      if (!sameSet(current.events, webhook.events)) fields.push(eventsChange(current.events, webhook.events));
      if (current.description !== webhook.description) {
        fields.push({ field: 'description', from: quote(current.description), to: quote(webhook.description) });
      }
      if (current.active !== webhook.active) {
        fields.push({ field: 'active', from: String(current.active), to: String(webhook.active) });
      }
      const label = `${webhook.url} (${filterLabel})`;
      if (fields.length === 0) {
        unchanged.push({ resource: 'webhook_subscription', label, id: current.id });
      } else {
        changes.push({
          action: 'update',
          resource: 'webhook_subscription',
          service: want.service,
          id: current.id,
          url: webhook.url,
          body,
          fields,
        });
      }
    }
    for (const other of atUrl) {
      if (managed.has(other.id)) continue;
      notes.push(
        `webhook_subscription ${other.id} also delivers to ${webhook.url} (${labels.filter(other)}): left alone; ` +
          'PagerDuty sends the events both cover twice (the gateway drops the second by its event id)'
      );
    }
  }

  for (const service of desired.unmanaged) {
    notes.push(
      `catalog service "${service.name}" (team ${service.team}) is left alone: no policy in the escalation file covers it`
    );
  }
  return { changes, unchanged, errors, notes };
}

type SubscriptionFilterWanted = { type: 'account_reference' } | { type: 'service_reference'; service: ServiceRef };

function sameFilter(current: SubscriptionState, wanted: SubscriptionFilterWanted): boolean {
  if (wanted.type === 'account_reference') return current.filter.type === 'account_reference';
  return (
    current.filter.type === 'service_reference' && 'id' in wanted.service && current.filter.id === wanted.service.id
  );
}

/** Each desired target → the PagerDuty schedule or user it names; errors for missing or ambiguous ones. */
function resolveTargets(
  state: PagerDutyState,
  policies: DesiredPolicy[],
  errors: string[]
): Map<DesiredTarget, TargetRef> {
  const resolved = new Map<DesiredTarget, TargetRef>();
  for (const target of policies.flatMap((p) => p.levels.flatMap((l) => l.targets))) {
    if (target.kind === 'schedule') {
      const found = state.schedules.filter((s) => s.name === target.name);
      if (found.length === 1) resolved.set(target, { type: 'schedule_reference', id: found[0].id });
      else if (found.length === 0) {
        const near = state.schedules.find((s) => s.name.toLowerCase() === target.name.toLowerCase());
        errors.push(
          at(
            target.origin,
            `no PagerDuty schedule is named "${target.name}"${near ? ` (did you mean "${near.name}"?)` : ''}; create it in PagerDuty first`
          )
        );
      } else
        errors.push(
          at(
            target.origin,
            `${found.length} PagerDuty schedules are named "${target.name}" (${ids(found)}): rename all but one`
          )
        );
    } else {
      const found = state.users.filter((u) => u.email.toLowerCase() === target.email);
      if (found.length === 1) resolved.set(target, { type: 'user_reference', id: found[0].id });
      else if (found.length === 0) errors.push(at(target.origin, `no PagerDuty user has the email ${target.email}`));
      else
        errors.push(
          at(target.origin, `${found.length} PagerDuty users have the email ${target.email} (${ids(found)})`)
        );
    }
  }
  return resolved;
}

function matchPolicies(state: PagerDutyState, policies: DesiredPolicy[], errors: string[]): Map<string, PolicyState> {
  const matches = new Map<string, PolicyState>();
  for (const policy of policies) {
    const found = state.policies.filter((p) => p.name.toLowerCase() === policy.name.toLowerCase());
    if (found.length === 1) matches.set(policy.team, found[0]);
    else if (found.length > 1) {
      errors.push(
        at(
          policy.origin,
          `${found.length} PagerDuty escalation policies are named "${policy.name}" (${ids(found)}): rename all but one`
        )
      );
    }
  }
  return matches;
}

function matchServices(state: PagerDutyState, services: DesiredService[], errors: string[]): Map<string, ServiceState> {
  const matches = new Map<string, ServiceState>();
  const claimedBy = new Map<string, DesiredService>();
  for (const service of services) {
    let found: ServiceState | undefined;
    if (service.pagerdutyServiceId !== undefined) {
      found = state.services.find((s) => s.id === service.pagerdutyServiceId);
      if (!found) {
        errors.push(
          at(
            { ...service.origin, field: `${service.origin.field}.pagerdutyServiceId` },
            `no PagerDuty service has the id ${service.pagerdutyServiceId} (remove it to create "${service.name}")`
          )
        );
        continue;
      }
    } else {
      const named = state.services.filter((s) => s.name.toLowerCase() === service.name.toLowerCase());
      if (named.length > 1) {
        errors.push(
          at(
            service.origin,
            `${named.length} PagerDuty services are named "${service.name}" (${ids(named)}): set pagerdutyServiceId`
          )
        );
        continue;
      }
      found = named[0];
    }
    if (!found) continue;
    const other = claimedBy.get(found.id);
    if (other) {
      errors.push(
        at(
          service.origin,
          `PagerDuty service ${found.id} is also "${other.name}" (${other.origin.field}) of the catalog`
        )
      );
      continue;
    }
    claimedBy.set(found.id, service);
    matches.set(service.name, found);
  }
  return matches;
}

function policyFields(current: PolicyState, body: PolicyBody, labels: Labels): FieldChange[] {
  const fields: FieldChange[] = [];
  if (current.name !== body.name) fields.push({ field: 'name', from: quote(current.name), to: quote(body.name) });
  if (current.description !== body.description) {
    fields.push({ field: 'description', from: quote(current.description), to: quote(body.description) });
  }
  if (current.numLoops !== body.numLoops) {
    fields.push({ field: 'num_loops', from: String(current.numLoops), to: String(body.numLoops) });
  }
  if (current.rules.length !== body.rules.length) {
    fields.push({ field: 'levels', from: String(current.rules.length), to: String(body.rules.length) });
  }
  const count = Math.max(current.rules.length, body.rules.length);
  for (let i = 0; i < count; i++) {
    const was = current.rules[i];
    const will = body.rules[i];
    const level = `level ${i + 1}`;
    if (!was || !will) {
      fields.push({ field: level, from: was ? labels.rule(was) : '(none)', to: will ? labels.rule(will) : '(none)' });
      continue;
    }
    if (was.delayMinutes !== will.delayMinutes) {
      fields.push({ field: `${level} delay`, from: `${was.delayMinutes} min`, to: `${will.delayMinutes} min` });
    }
    if (!sameSet(was.targets.map(targetKey), will.targets.map(targetKey))) {
      fields.push({ field: `${level} targets`, from: labels.targets(was.targets), to: labels.targets(will.targets) });
    }
  }
  return fields;
}

function eventsChange(from: string[], to: string[]): FieldChange {
  const added = to.filter((e) => !from.includes(e));
  const removed = from.filter((e) => !to.includes(e));
  const parts = [...added.map((e) => `+${e}`), ...removed.map((e) => `-${e}`)];
  return { field: 'events', from: `${from.length} events`, to: `${to.length} events (${parts.join(', ')})` };
}

/** Names for ids, from the state as read. */
class Labels {
  private readonly schedules: Map<string, string>;
  private readonly users: Map<string, string>;
  private readonly policies: Map<string, string>;
  private readonly services: Map<string, string>;

  constructor(state: PagerDutyState) {
    this.schedules = new Map(state.schedules.map((s) => [s.id, s.name]));
    this.users = new Map(state.users.map((u) => [u.id, u.email]));
    this.policies = new Map(state.policies.map((p) => [p.id, p.name]));
    this.services = new Map(state.services.map((s) => [s.id, s.name]));
  }

  target(target: TargetRef): string {
    if (target.type === 'schedule_reference') {
      const name = this.schedules.get(target.id);
      return name === undefined ? `schedule ${target.id}` : `schedule "${name}"`;
    }
    return `user ${this.users.get(target.id) ?? target.id}`;
  }

  targets(targets: TargetRef[]): string {
    return targets.map((t) => this.target(t)).join(', ');
  }

  rule(rule: RuleState): string {
    return `${this.targets(rule.targets)}, escalates after ${rule.delayMinutes} min`;
  }

  policy(id: string): string {
    const name = this.policies.get(id);
    return name === undefined ? id : `"${name}" (${id})`;
  }

  filter(subscription: SubscriptionState): string {
    const filter = subscription.filter;
    if (filter.type === 'account_reference') return 'whole account';
    if (filter.type === 'service_reference') return `service ${this.services.get(filter.id) ?? filter.id}`;
    return `team ${filter.id}`;
  }
}

function targetKey(target: TargetRef): string {
  return `${target.type}:${target.id}`;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function ids(items: Array<{ id: string }>): string {
  return items
    .map((i) => i.id)
    .sort(compare)
    .join(', ');
}

function at(origin: Origin, detail: string): string {
  return `${origin.file}: ${origin.field}: ${detail}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
