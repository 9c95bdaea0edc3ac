/**
 * plan and apply against the PagerDuty protocol fake, with the repository's catalog and escalation.yaml, through the
 * CLI's own code (runCli) and the real admin client: plan shows the diff and writes nothing, apply creates and
 * updates, a second plan/apply is a no-op with zero writes, drift shows as ~ and apply fixes it, a missing schedule
 * stops everything, and what nobody manages stays as it was.
 */
import path from 'node:path';
import { runCli } from '../../src/pagerdutyAsCode/cli';
import type { PdWebhookSubscription } from '../../src/sources/pagerduty/types';
import type { PagerDutyFake } from '../fakes/pagerduty';
import { CATALOG_SERVICE_IDS, demoAccount, OPERATOR_EMAIL } from './support/demoAccount';

const ROOT = path.resolve(__dirname, '../../..');

async function cli(pd: PagerDutyFake, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: {
      OPSDECK_PAGERDUTY_API_TOKEN: pd.token,
      OPSDECK_PAGERDUTY_API_URL: pd.url,
      OPSDECK_PAGERDUTY_FROM_EMAIL: OPERATOR_EMAIL,
    },
    cwd: ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Everything a write could have changed, to compare before and after. */
function snapshot(pd: PagerDutyFake) {
  return structuredClone({
    services: pd.services,
    policies: pd.escalationPolicies,
    subscriptions: pd.webhookSubscriptions,
  });
}

describe('PagerDuty as code against the fake', () => {
  let pd: PagerDutyFake;

  beforeEach(async () => {
    pd = demoAccount();
    await pd.start();
  });

  afterEach(async () => {
    await pd.stop();
  });

  it('plan shows the diff, reads every list page by page, and writes nothing', async () => {
    const before = snapshot(pd);
    const { code, stdout, stderr } = await cli(pd, 'plan');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(pd.writes).toEqual([]);
    expect(snapshot(pd)).toEqual(before);
    expect(stdout).toContain(
      [
        '+ create escalation_policy "payments on-call" (team payments)',
        '      description: "Escalation of team payments, managed by Opsdeck (escalation.yaml)"',
        '      num_loops: 2',
        '      level 1: schedule "payments primary", escalates after 5 min',
        '      level 2: user dennis.payments@example.com, escalates after 10 min',
        '      level 3: schedule "engineering manager on duty", escalates after 15 min',
      ].join('\n')
    );
    expect(stdout).toContain(
      [
        '~ update service "checkout-api" PCHK001',
        '      escalation_policy: "Default" (PDEFAULT) → "payments on-call" (created by this plan)',
        '      description: "" → "Takes orders and payments from the web and mobile shops."',
      ].join('\n')
    );
    expect(stdout).not.toContain('+ create service');
    expect(stdout).toContain(
      '  note: catalog service "catalog-ingest" (team catalog) is left alone: no policy in the escalation file covers it\n'
    );
    expect(stdout).toContain('+ create webhook_subscription https://opsdeck.example.com/webhooks/pagerduty\n');
    expect(stdout).toContain('Plan: 4 to create, 7 to update, 0 unchanged, 0 to delete.');
    // 134 users at 100 a page.
    expect(pd.callsTo('GET', '/users').map((c) => c.query.get('offset'))).toEqual(['0', '100']);
    for (const list of ['/services', '/escalation_policies', '/schedules', '/webhook_subscriptions']) {
      expect(pd.callsTo('GET', list)).toHaveLength(1);
    }
  });

  it('plan --detailed-exitcode exits 2 while there are changes', async () => {
    expect((await cli(pd, 'plan', '--detailed-exitcode')).code).toBe(2);
    expect(pd.writes).toEqual([]);
  });

  it('apply creates and updates, prints the signing secret once, then plan and apply are no-ops', async () => {
    const { code, stdout, stderr } = await cli(pd, 'apply');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(pd.writes.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /escalation_policies',
      'POST /escalation_policies',
      'POST /escalation_policies',
      ...CATALOG_SERVICE_IDS.map((id) => `PUT /services/${id}`),
      'POST /webhook_subscriptions',
    ]);
    expect(pd.writes.every((c) => c.status < 300 && c.headers.from === OPERATOR_EMAIL)).toBe(true);

    const policies = new Map(pd.escalationPolicies.map((p) => [p.name, p]));
    expect(policies.get('payments on-call')).toMatchObject({
      numLoops: 2,
      rules: [
        { delayMinutes: 5, targets: [{ type: 'schedule', id: 'PSPAY' }] },
        { delayMinutes: 10, targets: [{ type: 'user', id: 'PUDEN' }] },
        { delayMinutes: 15, targets: [{ type: 'schedule', id: 'PSEM' }] },
      ],
    });
    expect(pd.services.find((s) => s.id === 'PSRC005')).toMatchObject({
      description: 'Search API',
      escalationPolicyId: policies.get('catalog on-call')!.id,
    });
    expect(pd.services.some((s) => s.name === 'catalog-ingest')).toBe(false);
    expect(pd.services.find((s) => s.id === 'PCHK001')).toMatchObject({
      name: 'PCHK001 (imported)',
      escalationPolicyId: policies.get('payments on-call')!.id,
    });
    const subscription = pd.webhookSubscriptions.find(
      (s) => s.url === 'https://opsdeck.example.com/webhooks/pagerduty'
    )!;
    expect(subscription).toMatchObject({
      filter: { type: 'account_reference' },
      description: 'Opsdeck gateway',
      active: true,
    });
    expect(subscription.events).toHaveLength(13);

    // The secret, once, on standard output, with what to do with it.
    expect(stdout.split(subscription.secret)).toHaveLength(2);
    expect(stdout).toContain(`Signing secret of webhook_subscription ${subscription.id}`);
    expect(stdout).toContain('Put it into OPSDECK_PAGERDUTY_WEBHOOK_SECRET');
    expect(stdout).toContain('Applied 11 change(s); PagerDuty now matches the catalog.');
    // PagerDuty's reads never carry it again.
    const listed = await fetch(`${pd.url}/webhook_subscriptions`, {
      headers: { authorization: `Token token=${pd.token}` },
    });
    expect(await listed.text()).not.toContain(subscription.secret);

    const writes = pd.writes.length;
    const plan = await cli(pd, 'plan', '--detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes: PagerDuty matches the catalog (11 resources unchanged).');
    const again = await cli(pd, 'apply');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(again.stdout).not.toContain('Signing secret');
    expect(pd.writes).toHaveLength(writes);
  });

  it('shows a delay someone changed in PagerDuty as ~, and apply puts it back', async () => {
    await cli(pd, 'apply');
    const policy = pd.escalationPolicies.find((p) => p.name === 'platform on-call')!;
    policy.rules[0].delayMinutes = 20;
    const writes = pd.writes.length;

    const plan = await cli(pd, 'plan');
    expect(plan.stdout).toContain(
      `~ update escalation_policy "platform on-call" ${policy.id}\n      level 1 delay: 20 min → 5 min\n`
    );
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 10 unchanged, 0 to delete.');
    expect(pd.writes).toHaveLength(writes);

    const apply = await cli(pd, 'apply');
    expect(apply.code).toBe(0);
    expect(pd.writes.slice(writes).map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /escalation_policies/${policy.id}`,
    ]);
    expect(policy.rules.map((r) => r.delayMinutes)).toEqual([5, 10, 15]);
    expect((await cli(pd, 'plan')).stdout).toContain('No changes');
  });

  it('stops on a schedule PagerDuty does not have, naming the key, and writes nothing', async () => {
    pd.schedules.splice(
      pd.schedules.findIndex((s) => s.name === 'catalog primary'),
      1
    );
    for (const command of ['plan', 'apply']) {
      const { code, stdout } = await cli(pd, command);
      expect(code).toBe(1);
      expect(stdout).toContain('! An error stops the plan; nothing will be changed:');
      expect(stdout).toContain(
        'provisioning/opsdeck/escalation.yaml: escalation[1].levels[0].targets[0].schedule: no PagerDuty schedule is named "catalog primary"; create it in PagerDuty first'
      );
    }
    expect(pd.writes).toEqual([]);
  });

  it('leaves what nobody manages as it was', async () => {
    const legacy = structuredClone(pd.services.find((s) => s.id === 'PLEGSVC'));
    const legacyPolicy = structuredClone(pd.escalationPolicies.find((p) => p.id === 'PLEGACY'));
    const other = structuredClone(pd.webhookSubscriptions.find((s) => s.id === 'PWSOTHER'));
    const { code } = await cli(pd, 'apply');
    expect(code).toBe(0);
    expect(pd.services.find((s) => s.id === 'PLEGSVC')).toEqual(legacy);
    expect(pd.escalationPolicies.find((p) => p.id === 'PLEGACY')).toEqual(legacyPolicy);
    expect(pd.webhookSubscriptions.find((s) => s.id === 'PWSOTHER')).toEqual(other);
    expect(pd.escalationPolicies.find((p) => p.id === 'PDEFAULT')).toBeDefined();
    expect(pd.writes.some((c) => c.method === 'DELETE')).toBe(false);
  });

  it('says what is wrong when the token is missing or refused', async () => {
    const missing = await runCli(['plan'], {
      env: {},
      cwd: ROOT,
      stdout: () => {},
      stderr: (t) => expect(t).toContain('OPSDECK_PAGERDUTY_API_TOKEN is not set'),
    });
    expect(missing).toBe(1);
    let stderr = '';
    const refused = await runCli(['plan'], {
      env: { OPSDECK_PAGERDUTY_API_TOKEN: 'wrong', OPSDECK_PAGERDUTY_API_URL: pd.url },
      cwd: ROOT,
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    expect(refused).toBe(1);
    expect(stderr).toBe('PagerDuty: 401 Unauthorized\n');
  });

  it('refuses a misspelt escalation file before reading PagerDuty', async () => {
    let stderr = '';
    const code = await runCli(['plan', '--escalation', 'provisioning/opsdeck/services.yaml'], {
      env: { OPSDECK_PAGERDUTY_API_TOKEN: pd.token, OPSDECK_PAGERDUTY_API_URL: pd.url },
      cwd: ROOT,
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(1);
    expect(stderr).toBe('provisioning/opsdeck/services.yaml: escalation: required\n');
    expect(pd.calls).toEqual([]);
  });
});

interface FakeAnswer {
  error?: { message: string; code: number; errors: string[] };
  webhook_subscription?: PdWebhookSubscription;
  webhook_subscriptions?: PdWebhookSubscription[];
}

describe('the PagerDuty fake, configuration endpoints', () => {
  let pd: PagerDutyFake;
  const send = (method: string, route: string, body?: unknown) =>
    fetch(`${pd.url}${route}`, {
      method,
      headers: { authorization: `Token token=${pd.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as FakeAnswer,
    }));

  beforeAll(async () => {
    pd = demoAccount();
    await pd.start();
  });

  afterAll(async () => {
    await pd.stop();
  });

  it.each([
    ['POST', '/services', { service: { type: 'service', name: 'x' } }, 'Escalation policy is required'],
    ['POST', '/services', { name: 'x' }, 'service is required'],
    [
      'POST',
      '/services',
      {
        service: {
          type: 'service',
          name: 'legacy-billing',
          escalation_policy: { id: 'PDEFAULT', type: 'escalation_policy_reference' },
        },
      },
      'Name has already been taken',
    ],
    [
      'POST',
      '/services',
      {
        service: {
          type: 'service',
          name: 'y',
          escalation_policy: { id: 'PNOPE', type: 'escalation_policy_reference' },
        },
      },
      'Escalation policy not found',
    ],
    [
      'POST',
      '/escalation_policies',
      { escalation_policy: { type: 'escalation_policy', name: 'x', escalation_rules: [] } },
      'Escalation rules must have at least one rule',
    ],
    [
      'POST',
      '/escalation_policies',
      {
        escalation_policy: {
          type: 'escalation_policy',
          name: 'x',
          escalation_rules: [{ escalation_delay_in_minutes: 5, targets: [{ id: 'PNOPE', type: 'user_reference' }] }],
        },
      },
      'Escalation rule target PNOPE not found',
    ],
    [
      'POST',
      '/escalation_policies',
      { escalation_policy: { name: 'x' } },
      'escalation_policy.type must be escalation_policy',
    ],
    [
      'POST',
      '/webhook_subscriptions',
      {
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: { type: 'http_delivery_method', url: 'https://x.example.com' },
          events: [],
          filter: { type: 'account_reference' },
        },
      },
      'events must be a list of at least one event type',
    ],
    [
      'POST',
      '/webhook_subscriptions',
      {
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: { type: 'http_delivery_method', url: 'https://x.example.com' },
          events: ['incident.triggered'],
          filter: { type: 'service_reference' },
        },
      },
      'filter.id is required',
    ],
    [
      'PUT',
      '/webhook_subscriptions/PWSOTHER',
      { webhook_subscription: { delivery_method: { type: 'http_delivery_method', url: 'https://y.example.com' } } },
      'delivery_method cannot be updated',
    ],
  ])('%s %s answers 400 to %j', async (method, route, body, reason) => {
    const answer = await send(method, route, body);
    expect(answer).toEqual({
      status: 400,
      body: { error: { message: 'Invalid Input Provided', code: 2001, errors: [reason] } },
    });
  });

  it('answers the signing secret on create only', async () => {
    const created = await send('POST', '/webhook_subscriptions', {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url: 'https://x.example.com/webhooks/pagerduty' },
        events: ['incident.triggered'],
        filter: { type: 'service_reference', id: 'PCHK001' },
      },
    });
    expect(created.status).toBe(201);
    const { id, delivery_method: delivery } = created.body.webhook_subscription!;
    expect(delivery.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const read = await send('GET', `/webhook_subscriptions/${id}`);
    expect(read.body.webhook_subscription!.delivery_method.secret).toBeNull();
    const listed = await send('GET', '/webhook_subscriptions?filter_type=service_reference&filter_id=PCHK001');
    expect(listed.body.webhook_subscriptions!.map((s) => s.id)).toEqual([id]);
  });
});
