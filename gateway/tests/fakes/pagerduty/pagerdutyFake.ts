/**
 * A stateful fake of PagerDuty REST API v2, shaped like the documented API (research/incident-apis.md §1):
 * `Authorization: Token token=…`, classic offset/limit/more pagination, the `From` header required on writes
 * (400 without it), 429 with ratelimit-* headers on demand. PUT /incidents/{id} takes a status, an escalation level,
 * an urgency (high|low) or assignments to known users (400 "Assignee User Not Found" otherwise), and the incident
 * answers its assignments. Every call is recorded for the tests to inspect.
 *
 * The configuration side (research/incident-analytics.md §4): GET/POST /services, GET/PUT /services/{id}, the same
 * for /escalation_policies and /webhook_subscriptions, GET /users; bodies wrapped in their singular key, 400 on a
 * missing required field or a reference to nothing, names of services and policies unique. `From` is not required
 * there (the API reference makes it optional; POST /escalation_policies takes it), only recorded. A webhook
 * subscription's signing secret is in the create answer only; reads answer `secret: null`.
 */
import { randomBytes } from 'node:crypto';
import { pageOf, RestFakeServer, type RestRequest, type RestResponse } from '../rest/restFakeServer';

export interface FakePdUser {
  id: string;
  name: string;
  email: string;
  phone?: string;
}

export interface FakePdIncident {
  id: string;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  serviceId: string;
  escalationPolicyId?: string;
  escalationLevel: number;
  createdAt: string;
  updatedAt: string;
  incidentKey?: string;
  snoozedUntil?: string;
  /** PagerDuty user ids the incident is assigned to. */
  assigneeIds: string[];
  notes: Array<{ id: string; content: string; userEmail: string; createdAt: string }>;
}

/** A schedule with one layer rotating through `userIds`, `shiftHours` each, from `rotationStart` (epoch ms). */
export interface FakePdSchedule {
  id: string;
  name: string;
  userIds: string[];
  rotationStart: number;
  shiftHours: number;
}

export interface FakePdEscalationPolicy {
  id: string;
  name: string;
  /** Service ids the policy lists besides the fake's `services` that reference it (set directly by older tests). */
  serviceIds: string[];
  rules: Array<{ delayMinutes: number; targets: Array<{ type: 'schedule' | 'user'; id: string }> }>;
  numLoops?: number;
  description?: string;
}

export interface FakePdService {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
}

export interface FakePdWebhookSubscription {
  id: string;
  url: string;
  /** Shown in the create answer only. */
  secret: string;
  events: string[];
  filter: { type: 'account_reference' | 'service_reference' | 'team_reference'; id?: string };
  description: string;
  active: boolean;
}

export interface FakePdMaintenanceWindow {
  id: string;
  startTime: string;
  endTime: string;
  description: string;
  serviceIds: string[];
  createdBy: string;
  deleted: boolean;
}

export interface PagerDutyFakeOptions {
  token?: string;
  now?: () => number;
  /** ratelimit-reset seconds sent with a 429. */
  rateLimitResetSeconds?: number;
}

const HOUR_MS = 3_600_000;

export class PagerDutyFake extends RestFakeServer {
  readonly token: string;
  readonly users: FakePdUser[] = [];
  readonly incidents = new Map<string, FakePdIncident>();
  readonly schedules: FakePdSchedule[] = [];
  readonly escalationPolicies: FakePdEscalationPolicy[] = [];
  readonly services: FakePdService[] = [];
  readonly webhookSubscriptions: FakePdWebhookSubscription[] = [];
  readonly maintenanceWindows = new Map<string, FakePdMaintenanceWindow>();
  /** Incident ids whose writes answer 403, as if the token's user lacked the permission. */
  readonly forbiddenIncidents = new Set<string>();
  private readonly now: () => number;
  private readonly rateLimitResetSeconds: number;
  private sequence = 0;

  constructor(options: PagerDutyFakeOptions = {}) {
    super();
    this.token = options.token ?? 'pd-test-token';
    this.now = options.now ?? Date.now;
    this.rateLimitResetSeconds = options.rateLimitResetSeconds ?? 1;
  }

  addIncident(incident: Partial<FakePdIncident> & Pick<FakePdIncident, 'id' | 'serviceId'>): FakePdIncident {
    const at = new Date(this.now()).toISOString();
    const full: FakePdIncident = {
      title: `Incident ${incident.id}`,
      status: 'triggered',
      urgency: 'high',
      escalationLevel: 1,
      createdAt: at,
      updatedAt: at,
      assigneeIds: [],
      notes: [],
      ...incident,
    };
    this.incidents.set(full.id, full);
    return full;
  }

  /** Every call that is not a read (POST, PUT, DELETE…), in order. */
  get writes() {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  /** The From header of every write, in order. */
  get fromHeaders(): Array<string | undefined> {
    return this.calls
      .filter((c) => c.method !== 'GET')
      .map((c) => (typeof c.headers.from === 'string' ? c.headers.from : undefined));
  }

  protected rateLimited(): RestResponse {
    return {
      status: 429,
      headers: {
        'ratelimit-limit': '960',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(this.rateLimitResetSeconds),
      },
      body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
    };
  }

  protected unauthorised(request: RestRequest): RestResponse | undefined {
    return request.headers.authorization === `Token token=${this.token}`
      ? undefined
      : { status: 401, body: { error: { message: 'Unauthorized', code: 2006 } } };
  }

  protected handle(request: RestRequest): RestResponse {
    const { method, path } = request;
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/incidents') return this.listIncidents(request);
    if (parts[0] === 'incidents' && parts.length >= 2) {
      const incident = this.incidents.get(parts[1]);
      if (!incident) return notFound();
      if (method === 'GET' && parts.length === 2)
        return { status: 200, body: { incident: this.wireIncident(incident) } };
      const writer = this.requireFrom(request);
      if ('status' in writer) return writer;
      if (this.forbiddenIncidents.has(incident.id)) {
        return { status: 403, body: { error: { message: 'Access Denied', code: 2010 } } };
      }
      if (method === 'PUT' && parts.length === 2) return this.updateIncident(incident, request.body);
      if (method === 'POST' && parts[2] === 'notes') return this.addNote(incident, request.body, writer.email);
      if (method === 'POST' && parts[2] === 'snooze') return this.snooze(incident, request.body);
    }
    if (method === 'GET' && path === '/oncalls') return this.listOnCalls(request);
    if (method === 'GET' && path === '/schedules')
      return this.paged(
        request,
        'schedules',
        this.schedules.map((s) => this.wireSchedule(s))
      );
    if (method === 'GET' && path === '/escalation_policies') {
      return this.paged(
        request,
        'escalation_policies',
        this.escalationPolicies.map((p) => this.wirePolicy(p))
      );
    }
    if (parts[0] === 'escalation_policies') return this.policyRoute(request, parts[1]);
    if (parts[0] === 'services') return this.serviceRoute(request, parts[1]);
    if (method === 'GET' && path === '/users') {
      return this.paged(
        request,
        'users',
        this.users.map((u) => this.wireUser(u))
      );
    }
    if (parts[0] === 'webhook_subscriptions') return this.subscriptionRoute(request, parts[1], parts[2]);
    if (parts[0] === 'maintenance_windows') return this.maintenance(request, parts[1]);
    return notFound();
  }

  private serviceRoute(request: RestRequest, id: string | undefined): RestResponse {
    if (request.method === 'GET' && !id) {
      return this.paged(
        request,
        'services',
        this.services.map((s) => this.wireService(s))
      );
    }
    const body = wrapped(request.body, 'service');
    if (request.method === 'POST' && !id) {
      if (!body) return invalid('service is required');
      if (body.type !== 'service') return invalid('service.type must be service');
      if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('Name is required');
      if (this.services.some((s) => s.name.toLowerCase() === (body.name as string).toLowerCase())) {
        return invalid('Name has already been taken');
      }
      const policyId = this.policyReference(body.escalation_policy);
      if (typeof policyId !== 'string') return policyId;
      if (body.description !== undefined && typeof body.description !== 'string') {
        return invalid('Description must be a string');
      }
      const service: FakePdService = {
        id: this.nextId('PSV'),
        name: body.name,
        description: typeof body.description === 'string' ? body.description : '',
        escalationPolicyId: policyId,
      };
      this.services.push(service);
      return { status: 201, body: { service: this.wireService(service) } };
    }
    const service = id ? this.services.find((s) => s.id === id) : undefined;
    if (!service) return notFound();
    if (request.method === 'GET') return { status: 200, body: { service: this.wireService(service) } };
    if (request.method !== 'PUT') return notFound();
    if (!body) return invalid('service is required');
    if (body.type !== undefined && body.type !== 'service') return invalid('service.type must be service');
    if (body.name !== undefined) {
      if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('Name is required');
      const taken = this.services.some(
        (s) => s.id !== service.id && s.name.toLowerCase() === (body.name as string).toLowerCase()
      );
      if (taken) return invalid('Name has already been taken');
    }
    if (body.description !== undefined && typeof body.description !== 'string') {
      return invalid('Description must be a string');
    }
    let policyId: string | undefined;
    if (body.escalation_policy !== undefined) {
      const found = this.policyReference(body.escalation_policy);
      if (typeof found !== 'string') return found;
      policyId = found;
    }
    if (typeof body.name === 'string') service.name = body.name;
    if (typeof body.description === 'string') service.description = body.description;
    if (policyId !== undefined) service.escalationPolicyId = policyId;
    return { status: 200, body: { service: this.wireService(service) } };
  }

  /** The id of an existing escalation policy named by a reference, or the 400 PagerDuty answers. */
  private policyReference(reference: unknown): string | RestResponse {
    const ref = reference as { id?: unknown; type?: unknown } | undefined;
    if (!ref || typeof ref !== 'object' || typeof ref.id !== 'string') return invalid('Escalation policy is required');
    if (ref.type !== 'escalation_policy_reference' && ref.type !== 'escalation_policy') {
      return invalid('escalation_policy.type must be escalation_policy_reference');
    }
    return this.escalationPolicies.some((p) => p.id === ref.id) ? ref.id : invalid('Escalation policy not found');
  }

  private policyRoute(request: RestRequest, id: string | undefined): RestResponse {
    const body = wrapped(request.body, 'escalation_policy');
    if (request.method === 'POST' && !id) {
      if (!body) return invalid('escalation_policy is required');
      if (body.type !== 'escalation_policy') return invalid('escalation_policy.type must be escalation_policy');
      if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('Name is required');
      if (this.escalationPolicies.some((p) => p.name.toLowerCase() === (body.name as string).toLowerCase())) {
        return invalid('Name has already been taken');
      }
      const rules = this.escalationRules(body.escalation_rules);
      if (!Array.isArray(rules)) return rules;
      const extras = policyExtras(body);
      if ('status' in extras) return extras;
      const policy: FakePdEscalationPolicy = {
        id: this.nextId('PEP'),
        name: body.name,
        serviceIds: [],
        rules,
        numLoops: extras.numLoops ?? 0,
        description: extras.description ?? '',
      };
      this.escalationPolicies.push(policy);
      return { status: 201, body: { escalation_policy: this.wirePolicy(policy) } };
    }
    const policy = id ? this.escalationPolicies.find((p) => p.id === id) : undefined;
    if (!policy) return notFound();
    if (request.method === 'GET') return { status: 200, body: { escalation_policy: this.wirePolicy(policy) } };
    if (request.method !== 'PUT') return notFound();
    if (!body) return invalid('escalation_policy is required');
    if (body.type !== undefined && body.type !== 'escalation_policy') {
      return invalid('escalation_policy.type must be escalation_policy');
    }
    if (body.name !== undefined) {
      if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('Name is required');
      const taken = this.escalationPolicies.some(
        (p) => p.id !== policy.id && p.name.toLowerCase() === (body.name as string).toLowerCase()
      );
      if (taken) return invalid('Name has already been taken');
    }
    const rules = body.escalation_rules === undefined ? undefined : this.escalationRules(body.escalation_rules);
    if (rules !== undefined && !Array.isArray(rules)) return rules;
    const extras = policyExtras(body);
    if ('status' in extras) return extras;
    if (typeof body.name === 'string') policy.name = body.name;
    if (rules) policy.rules = rules;
    if (extras.numLoops !== undefined) policy.numLoops = extras.numLoops;
    if (extras.description !== undefined) policy.description = extras.description;
    return { status: 200, body: { escalation_policy: this.wirePolicy(policy) } };
  }

  /** escalation_rules as PagerDuty requires them: at least one, each a delay and 1–10 existing targets. */
  private escalationRules(value: unknown): FakePdEscalationPolicy['rules'] | RestResponse {
    if (!Array.isArray(value) || value.length === 0) return invalid('Escalation rules must have at least one rule');
    const rules: FakePdEscalationPolicy['rules'] = [];
    for (const raw of value as Array<{ escalation_delay_in_minutes?: unknown; targets?: unknown }>) {
      const delay = raw?.escalation_delay_in_minutes;
      if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 1) {
        return invalid('Escalation rule escalation_delay_in_minutes is required');
      }
      const targets = raw.targets;
      if (!Array.isArray(targets) || targets.length < 1 || targets.length > 10) {
        return invalid('Escalation rule must have between 1 and 10 targets');
      }
      const parsed: FakePdEscalationPolicy['rules'][number]['targets'] = [];
      for (const target of targets as Array<{ id?: unknown; type?: unknown }>) {
        const type =
          target?.type === 'user_reference' ? 'user' : target?.type === 'schedule_reference' ? 'schedule' : undefined;
        if (!type || typeof target.id !== 'string') {
          return invalid('Escalation rule targets must be user_reference or schedule_reference with an id');
        }
        const exists =
          type === 'user' ? this.users.some((u) => u.id === target.id) : this.schedules.some((s) => s.id === target.id);
        if (!exists) return invalid(`Escalation rule target ${target.id} not found`);
        parsed.push({ type, id: target.id });
      }
      rules.push({ delayMinutes: delay, targets: parsed });
    }
    return rules;
  }

  private subscriptionRoute(request: RestRequest, id: string | undefined, action: string | undefined): RestResponse {
    if (action !== undefined) return notFound();
    if (request.method === 'GET' && !id) {
      const filterType = request.query.get('filter_type');
      const filterId = request.query.get('filter_id');
      const items = this.webhookSubscriptions
        .filter((s) => !filterType || s.filter.type === filterType)
        .filter((s) => !filterId || s.filter.id === filterId)
        .map((s) => wireSubscription(s, false));
      return this.paged(request, 'webhook_subscriptions', items);
    }
    const body = wrapped(request.body, 'webhook_subscription');
    if (request.method === 'POST' && !id) {
      if (!body) return invalid('webhook_subscription is required');
      if (body.type !== 'webhook_subscription')
        return invalid('webhook_subscription.type must be webhook_subscription');
      const delivery = body.delivery_method as { type?: unknown; url?: unknown } | undefined;
      if (!delivery || delivery.type !== 'http_delivery_method') {
        return invalid('delivery_method.type must be http_delivery_method');
      }
      if (typeof delivery.url !== 'string' || !/^https?:\/\/\S+$/.test(delivery.url)) {
        return invalid('delivery_method.url must be a URL');
      }
      const events = subscriptionEvents(body.events);
      if (!Array.isArray(events)) return events;
      const filter = this.subscriptionFilter(body.filter);
      if ('status' in filter) return filter;
      const extras = subscriptionExtras(body);
      if ('status' in extras) return extras;
      const subscription: FakePdWebhookSubscription = {
        id: this.nextId('PWS'),
        url: delivery.url,
        secret: randomBytes(32).toString('base64url'),
        events,
        filter,
        description: extras.description ?? '',
        active: extras.active ?? true,
      };
      this.webhookSubscriptions.push(subscription);
      return { status: 201, body: { webhook_subscription: wireSubscription(subscription, true) } };
    }
    const subscription = id ? this.webhookSubscriptions.find((s) => s.id === id) : undefined;
    if (!subscription) return notFound();
    if (request.method === 'GET') {
      return { status: 200, body: { webhook_subscription: wireSubscription(subscription, false) } };
    }
    if (request.method !== 'PUT') return notFound();
    if (!body) return invalid('webhook_subscription is required');
    if (body.delivery_method !== undefined) return invalid('delivery_method cannot be updated');
    const events = body.events === undefined ? undefined : subscriptionEvents(body.events);
    if (events !== undefined && !Array.isArray(events)) return events;
    const filter = body.filter === undefined ? undefined : this.subscriptionFilter(body.filter);
    if (filter !== undefined && 'status' in filter) return filter;
    const extras = subscriptionExtras(body);
    if ('status' in extras) return extras;
    if (events) subscription.events = events;
    if (filter) subscription.filter = filter;
    if (extras.description !== undefined) subscription.description = extras.description;
    if (extras.active !== undefined) subscription.active = extras.active;
    return { status: 200, body: { webhook_subscription: wireSubscription(subscription, false) } };
  }

  private subscriptionFilter(value: unknown): FakePdWebhookSubscription['filter'] | RestResponse {
    const filter = value as { type?: unknown; id?: unknown } | undefined;
    if (!filter || typeof filter !== 'object') return invalid('filter is required');
    if (filter.type === 'account_reference') return { type: 'account_reference' };
    if (filter.type !== 'service_reference' && filter.type !== 'team_reference') {
      return invalid('filter.type must be account_reference, service_reference or team_reference');
    }
    if (typeof filter.id !== 'string' || filter.id === '') return invalid('filter.id is required');
    if (filter.type === 'service_reference' && !this.services.some((s) => s.id === filter.id)) {
      return invalid('Service not found');
    }
    return { type: filter.type, id: filter.id };
  }

  private requireFrom(request: RestRequest): { email: string } | RestResponse {
    const from = request.headers.from;
    if (typeof from !== 'string' || from === '') {
      return invalid('You must specify a user\'s email address in the "From" header to perform this action');
    }
    if (!this.users.some((u) => u.email === from)) return invalid('Requester User Not Found');
    return { email: from };
  }

  private listIncidents(request: RestRequest): RestResponse {
    const statuses = request.query.getAll('statuses[]');
    const since = request.query.get('since');
    const items = [...this.incidents.values()]
      .filter((i) => statuses.length === 0 || statuses.includes(i.status))
      .filter((i) => !since || Date.parse(i.updatedAt) >= Date.parse(since))
      .map((i) => this.wireIncident(i));
    return this.paged(request, 'incidents', items);
  }

  private updateIncident(incident: FakePdIncident, body: unknown): RestResponse {
    const update = (body as { incident?: IncidentUpdate })?.incident;
    if (!update || (update.type !== 'incident_reference' && update.type !== 'incident')) {
      return invalid('incident.type must be incident_reference');
    }
    if (update.urgency !== undefined) {
      if (update.urgency !== 'high' && update.urgency !== 'low') return invalid('Urgency must be high or low');
      incident.urgency = update.urgency;
    }
    if (update.assignments !== undefined) {
      const refs = Array.isArray(update.assignments) ? update.assignments.map((a) => a?.assignee) : [];
      if (refs.length === 0 || refs.some((r) => r?.type !== 'user_reference')) {
        return invalid('assignments must be a list of user references');
      }
      if (refs.some((r) => !this.users.some((u) => u.id === r?.id))) return invalid('Assignee User Not Found');
      incident.assigneeIds = refs.map((r) => r!.id!);
    }
    if (update.status !== undefined) {
      if (update.status !== 'acknowledged' && update.status !== 'resolved') return invalid('Invalid status');
      incident.status = update.status;
    }
    if (update.escalation_level !== undefined) {
      const policy = this.escalationPolicies.find((p) => p.id === incident.escalationPolicyId);
      const levels = policy?.rules.length ?? 1;
      if (
        !Number.isInteger(update.escalation_level) ||
        update.escalation_level < 1 ||
        update.escalation_level > levels
      ) {
        return invalid('Escalation level is out of range');
      }
      incident.escalationLevel = update.escalation_level;
      incident.status = 'triggered';
    }
    incident.updatedAt = new Date(this.now()).toISOString();
    return { status: 200, body: { incident: this.wireIncident(incident) } };
  }

  private addNote(incident: FakePdIncident, body: unknown, email: string): RestResponse {
    const content = (body as { note?: { content?: unknown } })?.note?.content;
    if (typeof content !== 'string' || content === '') return invalid('note.content is required');
    const note = { id: this.nextId('N'), content, userEmail: email, createdAt: new Date(this.now()).toISOString() };
    incident.notes.push(note);
    const user = this.users.find((u) => u.email === email)!;
    return {
      status: 201,
      body: { note: { id: note.id, content, created_at: note.createdAt, user: userReference(user) } },
    };
  }

  private snooze(incident: FakePdIncident, body: unknown): RestResponse {
    const duration = (body as { duration?: unknown })?.duration;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) {
      return invalid('duration must be a positive number of seconds');
    }
    if (incident.status !== 'acknowledged') return invalid('Incident must be acknowledged to be snoozed');
    incident.snoozedUntil = new Date(this.now() + duration * 1000).toISOString();
    return { status: 201, body: { incident: this.wireIncident(incident) } };
  }

  private listOnCalls(request: RestRequest): RestResponse {
    const now = this.now();
    const since = Date.parse(request.query.get('since') ?? '') || now;
    const until = Date.parse(request.query.get('until') ?? '') || since;
    const policyIds = request.query.getAll('escalation_policy_ids[]');
    const includeUsers = request.query.getAll('include[]').includes('users');
    const entries: unknown[] = [];
    for (const policy of this.escalationPolicies) {
      if (policyIds.length > 0 && !policyIds.includes(policy.id)) continue;
      policy.rules.forEach((rule, index) => {
        for (const target of rule.targets) {
          const shifts =
            target.type === 'user'
              ? [{ userId: target.id, start: undefined, end: undefined }]
              : this.shiftsOf(target.id, since, until);
          for (const shift of shifts) {
            const user = this.users.find((u) => u.id === shift.userId)!;
            const schedule = target.type === 'schedule' ? this.schedules.find((s) => s.id === target.id) : undefined;
            entries.push({
              escalation_policy: { id: policy.id, type: 'escalation_policy_reference', summary: policy.name },
              escalation_level: index + 1,
              schedule: schedule ? { id: schedule.id, type: 'schedule_reference', summary: schedule.name } : null,
              user: includeUsers ? this.wireUser(user) : userReference(user),
              start: shift.start === undefined ? null : new Date(shift.start).toISOString(),
              end: shift.end === undefined ? null : new Date(shift.end).toISOString(),
            });
          }
        }
      });
    }
    return this.paged(request, 'oncalls', entries);
  }

  /**
   * Shifts of a rotation schedule overlapping [since, until) (the one holding the instant when equal), whole: each
   * with its own start and end, as PagerDuty lists the on-call periods that overlap the range. An on-call is "a
   * contiguous unit of time", so one user's back-to-back turns (a one-person rotation) are one entry.
   */
  private shiftsOf(scheduleId: string, since: number, until: number) {
    const schedule = this.schedules.find((s) => s.id === scheduleId);
    if (!schedule || schedule.userIds.length === 0) return [];
    const shiftMs = schedule.shiftHours * HOUR_MS;
    const first = Math.floor((since - schedule.rotationStart) / shiftMs);
    const shifts: Array<{ userId: string; start: number; end: number }> = [];
    const overlaps = (start: number) => (since === until ? start <= until : start < until);
    for (let n = first; overlaps(schedule.rotationStart + n * shiftMs); n++) {
      const start = schedule.rotationStart + n * shiftMs;
      const userIndex = ((n % schedule.userIds.length) + schedule.userIds.length) % schedule.userIds.length;
      const last = shifts.at(-1);
      if (last && last.userId === schedule.userIds[userIndex]) {
        last.end = start + shiftMs;
        continue;
      }
      shifts.push({ userId: schedule.userIds[userIndex], start, end: start + shiftMs });
      if (shifts.length > 500) break;
    }
    return shifts;
  }

  private maintenance(request: RestRequest, id: string | undefined): RestResponse {
    if (request.method === 'GET' && !id) {
      const live = [...this.maintenanceWindows.values()].filter((w) => !w.deleted).map((w) => wireWindow(w));
      return this.paged(request, 'maintenance_windows', live);
    }
    const writer = this.requireFrom(request);
    if ('status' in writer) return writer;
    const body = (request.body as { maintenance_window?: Record<string, unknown> })?.maintenance_window;
    if (request.method === 'POST' && !id) {
      const services = body?.services;
      if (
        !body ||
        typeof body.start_time !== 'string' ||
        typeof body.end_time !== 'string' ||
        !Array.isArray(services) ||
        services.length === 0
      ) {
        return invalid('maintenance_window needs start_time, end_time and services');
      }
      const window: FakePdMaintenanceWindow = {
        id: this.nextId('PW'),
        startTime: body.start_time,
        endTime: body.end_time,
        description: typeof body.description === 'string' ? body.description : '',
        serviceIds: services.map((s) => String((s as { id?: unknown }).id)),
        createdBy: writer.email,
        deleted: false,
      };
      this.maintenanceWindows.set(window.id, window);
      return { status: 201, body: { maintenance_window: wireWindow(window) } };
    }
    const window = id ? this.maintenanceWindows.get(id) : undefined;
    if (!window || window.deleted) return notFound();
    if (request.method === 'PUT') {
      if (typeof body?.end_time === 'string') window.endTime = body.end_time;
      return { status: 200, body: { maintenance_window: wireWindow(window) } };
    }
    if (request.method === 'DELETE') {
      // PagerDuty deletes a future window and ends one in progress.
      if (Date.parse(window.startTime) <= this.now()) window.endTime = new Date(this.now()).toISOString();
      window.deleted = true;
      return { status: 204 };
    }
    return notFound();
  }

  private paged(request: RestRequest, key: string, items: unknown[]): RestResponse {
    const result = pageOf(items, request.query);
    if ('error' in result) return invalid(result.error);
    const { page, ...meta } = result;
    return { status: 200, body: { [key]: page, ...meta } };
  }

  private wireIncident(i: FakePdIncident) {
    return {
      id: i.id,
      type: 'incident',
      summary: i.title,
      title: i.title,
      status: i.status,
      urgency: i.urgency,
      incident_key: i.incidentKey ?? i.id,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      html_url: `https://example.pagerduty.com/incidents/${i.id}`,
      service: { id: i.serviceId, type: 'service_reference', summary: i.serviceId },
      escalation_policy: i.escalationPolicyId
        ? { id: i.escalationPolicyId, type: 'escalation_policy_reference' }
        : null,
      last_status_change_at: i.updatedAt,
      assignments:
        i.status === 'resolved'
          ? []
          : i.assigneeIds.map((id) => ({
              at: i.updatedAt,
              assignee: userReference(this.users.find((u) => u.id === id)!),
            })),
    };
  }

  private wireUser(user: FakePdUser) {
    const contacts: unknown[] = [{ type: 'email_contact_method', address: user.email, label: 'Default' }];
    if (user.phone)
      contacts.push({ type: 'phone_contact_method', address: user.phone, country_code: 1, label: 'Mobile' });
    return { ...userReference(user), type: 'user', name: user.name, email: user.email, contact_methods: contacts };
  }

  private wireSchedule(s: FakePdSchedule) {
    return {
      id: s.id,
      type: 'schedule',
      summary: s.name,
      name: s.name,
      time_zone: 'UTC',
      users: s.userIds.map((id) => userReference(this.users.find((u) => u.id === id)!)),
      escalation_policies: this.escalationPolicies
        .filter((p) => p.rules.some((r) => r.targets.some((t) => t.type === 'schedule' && t.id === s.id)))
        .map((p) => ({ id: p.id, type: 'escalation_policy_reference', summary: p.name })),
    };
  }

  private wirePolicy(p: FakePdEscalationPolicy) {
    return {
      id: p.id,
      type: 'escalation_policy',
      summary: p.name,
      name: p.name,
      description: p.description ?? '',
      num_loops: p.numLoops ?? 0,
      services: [
        ...new Set([...p.serviceIds, ...this.services.filter((s) => s.escalationPolicyId === p.id).map((s) => s.id)]),
      ].map((id) => ({ id, type: 'service_reference', summary: this.services.find((s) => s.id === id)?.name ?? id })),
      escalation_rules: p.rules.map((rule, index) => ({
        id: `${p.id}-R${index + 1}`,
        escalation_delay_in_minutes: rule.delayMinutes,
        targets: rule.targets.map((t) => ({
          id: t.id,
          type: `${t.type}_reference`,
          summary:
            t.type === 'user'
              ? this.users.find((u) => u.id === t.id)?.name
              : this.schedules.find((s) => s.id === t.id)?.name,
        })),
      })),
    };
  }

  private wireService(s: FakePdService) {
    const policy = this.escalationPolicies.find((p) => p.id === s.escalationPolicyId);
    return {
      id: s.id,
      type: 'service',
      summary: s.name,
      name: s.name,
      description: s.description,
      status: 'active',
      html_url: `https://example.pagerduty.com/service-directory/${s.id}`,
      escalation_policy: { id: s.escalationPolicyId, type: 'escalation_policy_reference', summary: policy?.name },
    };
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(6, '0')}`;
  }
}

/** The fields of PUT /incidents/{id} the fake reads. */
interface IncidentUpdate {
  type?: string;
  status?: string;
  escalation_level?: number;
  urgency?: string;
  assignments?: Array<{ assignee?: { id?: string; type?: string } }>;
}

/** The object under a write's singular key (`{"service": {...}}`), or undefined when there is none. */
function wrapped(body: unknown, key: string): Record<string, unknown> | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function policyExtras(body: Record<string, unknown>): { numLoops?: number; description?: string } | RestResponse {
  const loops = body.num_loops;
  if (loops !== undefined && (typeof loops !== 'number' || !Number.isInteger(loops) || loops < 0 || loops > 9)) {
    return invalid('num_loops must be a whole number from 0 to 9');
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
    return invalid('Description must be a string');
  }
  return { numLoops: loops, description: typeof body.description === 'string' ? body.description : undefined };
}

function subscriptionEvents(value: unknown): string[] | RestResponse {
  if (!Array.isArray(value) || value.length === 0 || value.some((e) => typeof e !== 'string')) {
    return invalid('events must be a list of at least one event type');
  }
  if (new Set(value).size !== value.length) return invalid('events must be unique');
  return [...(value as string[])];
}

function subscriptionExtras(body: Record<string, unknown>): { description?: string; active?: boolean } | RestResponse {
  if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
    return invalid('description must be a string');
  }
  if (body.active !== undefined && typeof body.active !== 'boolean') return invalid('active must be true or false');
  return {
    description: typeof body.description === 'string' ? body.description : undefined,
    active: body.active as boolean | undefined,
  };
}

function wireSubscription(s: FakePdWebhookSubscription, withSecret: boolean) {
  return {
    id: s.id,
    type: 'webhook_subscription',
    active: s.active,
    description: s.description,
    events: [...s.events],
    filter: s.filter.type === 'account_reference' ? { type: 'account_reference' } : { ...s.filter },
    delivery_method: {
      type: 'http_delivery_method',
      url: s.url,
      temporarily_disabled: false,
      custom_headers: [],
      secret: withSecret ? s.secret : null,
    },
  };
}

function userReference(user: FakePdUser) {
  return { id: user.id, type: 'user_reference', summary: user.name };
}

function wireWindow(w: FakePdMaintenanceWindow) {
  return {
    id: w.id,
    type: 'maintenance_window',
    start_time: w.startTime,
    end_time: w.endTime,
    description: w.description,
    services: w.serviceIds.map((id) => ({ id, type: 'service_reference' })),
  };
}

function notFound(): RestResponse {
  return { status: 404, body: { error: { message: 'Not Found', code: 2100 } } };
}

function invalid(reason: string): RestResponse {
  return { status: 400, body: { error: { message: 'Invalid Input Provided', code: 2001, errors: [reason] } } };
}
