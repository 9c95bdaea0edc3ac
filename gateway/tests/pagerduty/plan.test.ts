/** The planner on plain values, and its properties with fast-check: idempotence, and nothing unmanaged touched. */
import fc from 'fast-check';
import { ApplyError, applyPlan } from '../../src/pagerdutyAsCode/apply';
import type { DesiredState, PagerDutyState, Plan } from '../../src/pagerdutyAsCode/model';
import { planChanges } from '../../src/pagerdutyAsCode/plan';
import { renderPlan } from '../../src/pagerdutyAsCode/renderPlan';
import { memoryPagerDuty } from './support/memoryPagerDuty';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const URL = 'https://opsdeck.example.com/webhooks/pagerduty';
const origin = (field: string) => ({ file: 'escalation.yaml', field });

function desired(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    policies: [
      {
        team: 'payments',
        name: 'payments on-call',
        description: 'Payments',
        numLoops: 1,
        origin: origin('escalation[0]'),
        levels: [
          {
            delayMinutes: 15,
            targets: [
              {
                kind: 'schedule',
                name: 'payments primary',
                origin: origin('escalation[0].levels[0].targets[0].schedule'),
              },
            ],
          },
          {
            delayMinutes: 30,
            targets: [
              { kind: 'user', email: 'lead@example.com', origin: origin('escalation[0].levels[1].targets[0].user') },
            ],
          },
        ],
      },
    ],
    services: [
      {
        name: 'checkout-api',
        team: 'payments',
        pagerdutyServiceId: 'PCHK001',
        description: 'Checkout',
        origin: { file: 'services.yaml', field: 'services[0]' },
      },
      {
        name: 'payments-worker',
        team: 'payments',
        description: 'Worker',
        origin: { file: 'services.yaml', field: 'services[1]' },
      },
    ],
    webhook: {
      url: URL,
      description: 'Opsdeck gateway',
      events: ['incident.triggered', 'incident.resolved'],
      active: true,
      filter: 'account',
      origin: origin('webhook'),
    },
    unmanaged: [],
    ...overrides,
  };
}

function pagerDuty(overrides: Partial<PagerDutyState> = {}): PagerDutyState {
  return {
    services: [{ id: 'PCHK001', name: 'Checkout API', description: '', escalationPolicyId: 'PDEF' }],
    policies: [
      {
        id: 'PDEF',
        name: 'Default',
        description: '',
        numLoops: 0,
        rules: [{ delayMinutes: 30, targets: [{ type: 'user_reference', id: 'PU1' }] }],
      },
    ],
    schedules: [{ id: 'PS1', name: 'payments primary' }],
    users: [
      { id: 'PU1', name: 'Lead', email: 'lead@example.com' },
      { id: 'PU2', name: 'Other', email: 'other@example.com' },
    ],
    subscriptions: [],
    ...overrides,
  };
}

async function applied(state: PagerDutyState, plan: Plan) {
  const memory = memoryPagerDuty(state);
  const result = await applyPlan(plan, memory.writer);
  return { ...memory, result };
}

describe('planChanges', () => {
  it('creates the policy, the unmatched service and the subscription, and updates the matched service', () => {
    const plan = planChanges(pagerDuty(), desired());
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.resource}`)).toEqual([
      'create escalation_policy',
      'update service',
      'create service',
      'create webhook_subscription',
    ]);
    expect(renderPlan(plan)).toBe(
      [
        '+ create escalation_policy "payments on-call" (team payments)',
        '      description: "Payments"',
        '      num_loops: 1',
        '      level 1: schedule "payments primary", escalates after 15 min',
        '      level 2: user lead@example.com, escalates after 30 min',
        '~ update service "checkout-api" PCHK001',
        '      escalation_policy: "Default" (PDEF) → "payments on-call" (created by this plan)',
        '      description: "" → "Checkout"',
        '+ create service "payments-worker"',
        '      description: "Worker"',
        '      escalation_policy: "payments on-call" (created by this plan)',
        `+ create webhook_subscription ${URL}`,
        '      filter: whole account',
        '      events: incident.triggered, incident.resolved',
        '      description: "Opsdeck gateway"',
        '      active: true',
        '',
        'Plan: 3 to create, 1 to update, 0 unchanged, 0 to delete.',
        '',
      ].join('\n')
    );
  });

  it('applies in order, resolving what the plan creates, and a second plan is empty', async () => {
    const state = pagerDuty();
    const plan = planChanges(state, desired());
    const { state: after, result, writes } = await applied(state, plan);
    expect(writes).toEqual([
      'POST /escalation_policies payments on-call',
      'PUT /services/PCHK001',
      'POST /services payments-worker',
      `POST /webhook_subscriptions ${URL}`,
    ]);
    expect(result.secrets).toEqual([
      { subscriptionId: 'PWSNEW3', url: URL, service: undefined, secret: 'secret-of-PWSNEW3' },
    ]);
    const policyId = after.policies.find((p) => p.name === 'payments on-call')!.id;
    expect(after.services.map((s) => [s.name, s.escalationPolicyId])).toEqual([
      ['Checkout API', policyId],
      ['payments-worker', policyId],
    ]);
    const again = planChanges(after, desired());
    expect(again.changes).toEqual([]);
    expect(renderPlan(again)).toBe(
      [
        '= unchanged: 1 escalation policy, 2 services, 1 webhook subscription',
        '      escalation_policy "payments on-call" PEPNEW1',
        '      service "checkout-api" PCHK001, "payments-worker" PSVNEW2',
        `      webhook_subscription ${URL} (whole account) PWSNEW3`,
        '',
        'No changes: PagerDuty matches the catalog (4 resources unchanged).',
        '',
      ].join('\n')
    );
  });

  it('shows a drifted delay, target and loop count as ~ old → new', () => {
    const state = pagerDuty({
      policies: [
        {
          id: 'PEP1',
          name: 'Payments On-Call',
          description: 'Payments',
          numLoops: 0,
          rules: [
            { delayMinutes: 5, targets: [{ type: 'schedule_reference', id: 'PS1' }] },
            { delayMinutes: 30, targets: [{ type: 'user_reference', id: 'PU2' }] },
          ],
        },
      ],
      services: [
        { id: 'PCHK001', name: 'checkout-api', description: 'Checkout', escalationPolicyId: 'PEP1' },
        { id: 'PPAY', name: 'payments-worker', description: 'Worker', escalationPolicyId: 'PEP1' },
      ],
      subscriptions: [
        {
          id: 'PWS1',
          url: URL,
          description: 'Opsdeck gateway',
          events: ['incident.resolved', 'incident.triggered'],
          active: true,
          filter: { type: 'account_reference' },
        },
      ],
    });
    const plan = planChanges(state, desired());
    expect(renderPlan(plan)).toBe(
      [
        '~ update escalation_policy "payments on-call" PEP1',
        '      name: "Payments On-Call" → "payments on-call"',
        '      num_loops: 0 → 1',
        '      level 1 delay: 5 min → 15 min',
        '      level 2 targets: user other@example.com → user lead@example.com',
        '= unchanged: 2 services, 1 webhook subscription',
        '      service "checkout-api" PCHK001, "payments-worker" PPAY',
        `      webhook_subscription ${URL} (whole account) PWS1`,
        '',
        'Plan: 0 to create, 1 to update, 3 unchanged, 0 to delete.',
        '',
      ].join('\n')
    );
  });

  it('adds and removes levels, and changes the events of the subscription', () => {
    const state = pagerDuty({
      policies: [
        {
          id: 'PEP1',
          name: 'payments on-call',
          description: 'Payments',
          numLoops: 1,
          rules: [{ delayMinutes: 15, targets: [{ type: 'schedule_reference', id: 'PS1' }] }],
        },
      ],
      services: [
        { id: 'PCHK001', name: 'checkout-api', description: 'Checkout', escalationPolicyId: 'PEP1' },
        { id: 'PPAY', name: 'payments-worker', description: 'Worker', escalationPolicyId: 'PEP1' },
      ],
      subscriptions: [
        {
          id: 'PWS1',
          url: URL,
          description: 'Opsdeck gateway',
          events: ['incident.triggered', 'incident.acknowledged'],
          active: false,
          filter: { type: 'account_reference' },
        },
      ],
    });
    const text = renderPlan(planChanges(state, desired()));
    expect(text).toContain(
      '      levels: 1 → 2\n      level 2: (none) → user lead@example.com, escalates after 30 min\n'
    );
    expect(text).toContain(
      `~ update webhook_subscription ${URL} PWS1\n      events: 2 events → 2 events (+incident.resolved, -incident.acknowledged)\n      active: false → true\n`
    );
  });

  it('stops on a schedule or user PagerDuty does not have, naming the file and key, and plans nothing', () => {
    const plan = planChanges(pagerDuty({ schedules: [{ id: 'PS1', name: 'Payments Primary' }], users: [] }), desired());
    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual([
      'escalation.yaml: escalation[0].levels[0].targets[0].schedule: no PagerDuty schedule is named "payments primary" (did you mean "Payments Primary"?); create it in PagerDuty first',
      'escalation.yaml: escalation[0].levels[1].targets[0].user: no PagerDuty user has the email lead@example.com',
    ]);
    expect(renderPlan(plan)).toMatch(/^! 2 errors stop the plan; nothing will be changed:\n/);
  });

  it('stops on a pagerdutyServiceId PagerDuty does not have, on ambiguous names, and on two services claiming one', () => {
    expect(planChanges(pagerDuty({ services: [] }), desired()).errors).toEqual([
      'services.yaml: services[0].pagerdutyServiceId: no PagerDuty service has the id PCHK001 (remove it to create "checkout-api")',
    ]);
    const twins = pagerDuty({
      schedules: [
        { id: 'PS1', name: 'payments primary' },
        { id: 'PS2', name: 'payments primary' },
      ],
      services: [{ id: 'PCHK001', name: 'payments-worker', description: '', escalationPolicyId: 'PDEF' }],
    });
    expect(planChanges(twins, desired()).errors).toEqual([
      'escalation.yaml: escalation[0].levels[0].targets[0].schedule: 2 PagerDuty schedules are named "payments primary" (PS1, PS2): rename all but one',
      'services.yaml: services[1]: PagerDuty service PCHK001 is also "checkout-api" (services[0]) of the catalog',
    ]);
  });

  it('keeps per-service subscriptions apart, and notes other subscriptions to the same URL', async () => {
    const want = desired({ webhook: { ...desired().webhook!, filter: 'services' } });
    const state = pagerDuty({
      subscriptions: [
        {
          id: 'PWS0',
          url: URL,
          description: '',
          events: ['incident.triggered'],
          active: true,
          filter: { type: 'account_reference' },
        },
      ],
    });
    const plan = planChanges(state, want);
    const creates = plan.changes.filter((c) => c.resource === 'webhook_subscription');
    expect(creates.map((c) => c.action === 'create' && c.body.filter)).toEqual([
      { type: 'service_reference', service: { id: 'PCHK001' } },
      { type: 'service_reference', service: { service: 'payments-worker' } },
    ]);
    expect(plan.notes).toEqual([
      `webhook_subscription PWS0 also delivers to ${URL} (whole account): left alone; PagerDuty sends the events both cover twice (the gateway drops the second by its event id)`,
    ]);
    const { state: after, result } = await applied(state, plan);
    expect(result.secrets.map((s) => s.service)).toEqual(['checkout-api', 'payments-worker']);
    expect(after.subscriptions.map((s) => s.filter)).toEqual([
      { type: 'account_reference' },
      { type: 'service_reference', id: 'PCHK001' },
      { type: 'service_reference', id: after.services.find((s) => s.name === 'payments-worker')!.id },
    ]);
    expect(planChanges(after, want).changes).toEqual([]);
  });

  it('notes catalog services no policy covers', () => {
    const plan = planChanges(pagerDuty(), desired({ unmanaged: [{ name: 'catalog-ingest', team: 'catalog' }] }));
    expect(plan.notes).toContain(
      'catalog service "catalog-ingest" (team catalog) is left alone: no policy in the escalation file covers it'
    );
  });

  it('hands back the secrets of the subscriptions created before a failure', async () => {
    const want = desired({ webhook: { ...desired().webhook!, filter: 'services' } });
    const state = pagerDuty();
    const plan = planChanges(state, want);
    const memory = memoryPagerDuty(state);
    const create = memory.writer.createWebhookSubscription;
    let calls = 0;
    memory.writer.createWebhookSubscription = async (body) => {
      calls += 1;
      if (calls === 2) throw new Error('PagerDuty: 500 Internal Server Error');
      return create(body);
    };
    const failure = await applyPlan(plan, memory.writer).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplyError);
    const { result, message } = failure as ApplyError;
    expect(message).toBe(
      `create webhook_subscription ${URL} (service "payments-worker") failed after 4 change(s) applied: PagerDuty: 500 Internal Server Error`
    );
    expect(result.secrets.map((s) => [s.service, s.secret])).toEqual([['checkout-api', 'secret-of-PWSNEW3']]);
    expect(message).not.toContain('secret-of');
  });

  it('refuses to apply a plan with errors, before any write', async () => {
    const plan = planChanges(pagerDuty({ users: [] }), desired());
    const memory = memoryPagerDuty(pagerDuty());
    await expect(applyPlan(plan, memory.writer)).rejects.toThrow('the plan has 1 error(s); nothing was changed');
    expect(memory.writes).toEqual([]);
  });
});

// ---- properties ----

const SCHEDULES = ['alpha', 'Alpha', 'beta', 'gamma'];
const EMAILS = ['a@example.com', 'b@example.com', 'c@example.com'];
const TEAMS = ['t1', 't2', 't3'];
const SERVICE_NAMES = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
const EVENTS = ['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.escalated'];
const OTHER_URL = 'https://elsewhere.example.com/hook';
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const stateArb: fc.Arbitrary<PagerDutyState> = fc
  .record({
    // Mostly every schedule and user the desired side may name (else the plan stops on an error).
    schedules: fc.oneof(
      { arbitrary: fc.constant(SCHEDULES), weight: 4 },
      { arbitrary: fc.uniqueArray(fc.constantFrom(...SCHEDULES), { maxLength: 4 }), weight: 1 }
    ),
    users: fc.oneof(
      { arbitrary: fc.constant(EMAILS), weight: 4 },
      { arbitrary: fc.uniqueArray(fc.constantFrom(...EMAILS), { maxLength: 3 }), weight: 1 }
    ),
    policyNames: fc.uniqueArray(fc.constantFrom('t1 on-call', 'T2 ON-CALL', 'legacy', 'other'), { maxLength: 4 }),
    serviceNames: fc.uniqueArray(fc.constantFrom(...SERVICE_NAMES, 'SVC-B', 'unmanaged'), {
      minLength: 2,
      maxLength: 7,
    }),
    subscriptions: fc.array(
      fc.record({
        url: fc.constantFrom(URL, OTHER_URL),
        service: fc.option(fc.nat(5), { nil: undefined }),
        events: fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1 }),
        description: fc.constantFrom('', 'Opsdeck gateway'),
        active: fc.boolean(),
      }),
      { maxLength: 4 }
    ),
    ruleSeeds: fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.nat(10)), { minLength: 1, maxLength: 3 }),
  })
  .map((r) => {
    const schedules = r.schedules.map((name, i) => ({ id: `PS${i}`, name }));
    const users = r.users.map((email, i) => ({ id: `PU${i}`, name: email, email }));
    const targets = [
      ...schedules.map((s) => ({ type: 'schedule_reference' as const, id: s.id })),
      ...users.map((u) => ({ type: 'user_reference' as const, id: u.id })),
    ];
    const policies = r.policyNames.map((name, i) => ({
      id: `PEP${i}`,
      name,
      description: i % 2 === 0 ? '' : 'managed',
      numLoops: i % 3,
      rules:
        targets.length === 0
          ? []
          : r.ruleSeeds.map(([delay, t]) => ({ delayMinutes: delay, targets: [targets[t % targets.length]] })),
    }));
    const services = r.serviceNames.map((name, i) => ({
      id: `PSV${i}`,
      name,
      description: i % 2 === 0 ? '' : name,
      escalationPolicyId: policies.length === 0 ? 'PNONE' : policies[i % policies.length].id,
    }));
    const subscriptions = r.subscriptions.map((s, i) => ({
      id: `PWS${i}`,
      url: s.url,
      description: s.description,
      events: s.events,
      active: s.active,
      filter:
        s.service === undefined || services.length === 0
          ? ({ type: 'account_reference' } as const)
          : ({ type: 'service_reference', id: services[s.service % services.length].id } as const),
    }));
    return { schedules, users, policies, services, subscriptions };
  });

const desiredArb: fc.Arbitrary<DesiredState> = fc
  .record({
    teams: fc.uniqueArray(fc.constantFrom(...TEAMS), { minLength: 1 }),
    levels: fc.array(
      fc.record({
        delay: fc.integer({ min: 1, max: 60 }),
        targets: fc.uniqueArray(
          fc.oneof(
            fc.constantFrom(...SCHEDULES).map((n) => `s:${n}`),
            fc.constantFrom(...EMAILS).map((e) => `u:${e}`)
          ),
          { minLength: 1, maxLength: 3 }
        ),
      }),
      { minLength: 1, maxLength: 3 }
    ),
    numLoops: fc.integer({ min: 0, max: 9 }),
    services: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...SERVICE_NAMES),
        team: fc.constantFrom(...TEAMS),
        id: fc.option(fc.constantFrom(...ids('PSV', 4)), { nil: undefined, freq: 2 }),
      }),
      { selector: (s) => s.name, maxLength: 5 }
    ),
    webhook: fc.option(
      fc.record({
        filter: fc.constantFrom('account' as const, 'services' as const),
        events: fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1 }),
        active: fc.boolean(),
      }),
      { nil: undefined }
    ),
  })
  .map((r): DesiredState => {
    const policies = r.teams.map((team, p) => ({
      team,
      name: `${team} on-call`,
      description: `team ${team}`,
      numLoops: (r.numLoops + p) % 10,
      origin: origin(`escalation[${p}]`),
      levels: r.levels.map((level, l) => ({
        delayMinutes: level.delay + p,
        targets: level.targets.map((t, i) => {
          const field = origin(`escalation[${p}].levels[${l}].targets[${i}]`);
          return t.startsWith('s:')
            ? { kind: 'schedule' as const, name: t.slice(2), origin: field }
            : { kind: 'user' as const, email: t.slice(2), origin: field };
        }),
      })),
    }));
    const covered = new Set(r.teams);
    const services = r.services
      .filter((s) => covered.has(s.team))
      .map((s, i) => ({
        name: s.name,
        team: s.team,
        pagerdutyServiceId: s.id,
        description: `${s.name} service`,
        origin: { file: 'services.yaml', field: `services[${i}]` },
      }));
    const unmanaged = r.services.filter((s) => !covered.has(s.team)).map((s) => ({ name: s.name, team: s.team }));
    const webhook = r.webhook && {
      url: URL,
      description: 'Opsdeck gateway',
      events: r.webhook.events,
      active: r.webhook.active,
      filter: r.webhook.filter,
      origin: origin('webhook'),
    };
    return { policies, services, webhook, unmanaged };
  });

describe('planChanges, properties', () => {
  it('is idempotent: applying the plan gives a state whose plan is empty', async () => {
    let appliedPlans = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(stateArb, desiredArb, async (state, want) => {
        const plan = planChanges(state, want);
        if (plan.errors.length > 0) {
          expect(plan.changes).toEqual([]);
          return;
        }
        appliedPlans += 1;
        for (const change of plan.changes) seen.add(`${change.action} ${change.resource}`);
        const { state: after, writes } = await applied(state, plan);
        expect(writes).toHaveLength(plan.changes.length);
        const again = planChanges(after, want);
        expect(again.errors).toEqual([]);
        expect(again.changes).toEqual([]);
        expect(again.unchanged).toHaveLength(plan.changes.length + plan.unchanged.length);
      }),
      { numRuns: 400, seed }
    );
    // The generators must reach the interesting part, not only error plans.
    expect(appliedPlans).toBeGreaterThan(100);
    expect([...seen].sort()).toEqual([
      'create escalation_policy',
      'create service',
      'create webhook_subscription',
      'update escalation_policy',
      'update service',
      'update webhook_subscription',
    ]);
  });

  it('never deletes, and never touches what it does not manage', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, desiredArb, async (state, want) => {
        const plan = planChanges(state, want);
        if (plan.errors.length > 0) return;
        const { state: after } = await applied(state, plan);
        const touched = new Set(plan.changes.flatMap((c) => (c.action === 'update' ? [c.id] : [])));
        for (const kind of ['services', 'policies', 'schedules', 'users', 'subscriptions'] as const) {
          const afterById = new Map<string, unknown>(after[kind].map((item) => [item.id, item]));
          for (const item of state[kind]) {
            expect(afterById.has(item.id)).toBe(true);
            if (!touched.has(item.id)) expect(afterById.get(item.id)).toEqual(item);
          }
        }
      }),
      { numRuns: 300, seed }
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(stateArb, desiredArb, (state, want) => {
        expect(renderPlan(planChanges(state, want))).toBe(renderPlan(planChanges(structuredClone(state), want)));
      }),
      { numRuns: 200, seed }
    );
  });
});
