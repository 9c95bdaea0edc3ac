/**
 * A live gateway (CloudWatch through the AWS fakes, so no demo fleet) whose incident tools point at the PagerDuty,
 * Opsgenie and JSM Operations protocol fakes, and the authenticated webhooks that bring each vendor's alert in.
 */
import '../../../gateway/tests/aws/fakeCredentials';
import os from 'node:os';
import path from 'node:path';
import { awsConfigFor, SimulatedClock, startAwsFakes, type AwsFakes } from '../../../gateway/tests/aws/harness';
import { JsmFake } from '../../../gateway/tests/fakes/jsm';
import { OpsgenieFake } from '../../../gateway/tests/fakes/opsgenie';
import { PagerDutyFake } from '../../../gateway/tests/fakes/pagerduty';
import { opsgenieDelivery } from '../../../gateway/tests/support/opsgenieDelivery';
import { PAGERDUTY_TEST_SECRET } from '../../../gateway/tests/support/pagerDutyWebhook';
import type { TestGatewayOptions } from '../../../gateway/tests/support/gateway';

const OPSGENIE_HOOK_TOKEN = 'e2e-opsgenie-hook-token';
const JSM_HOOK_TOKEN = 'e2e-jsm-hook-token';
/**
 * The PagerDuty escalation policy of checkout-api (PCHK001): two levels, so escalating to level 2 is in range; Frank
 * at the second, so GET /api/oncall (PagerDuty's roster here) offers him to reassign to.
 */
export const PD_POLICY = 'PEP1';
export const PD_SECOND = { id: 'PFRANK', name: 'Frank', email: 'frank@example.com' };

export interface UpstreamFakes {
  pagerduty: PagerDutyFake;
  opsgenie: OpsgenieFake;
  jsm: JsmFake;
  /** For startStack's `gateway`. */
  gateway: Pick<TestGatewayOptions, 'webhooks' | 'aws' | 'awsDeps' | 'alertActions'>;
  stop(): Promise<void>;
}

/** The Grafana user of the browser, and who PagerDuty knows them as (its `From` header). */
export const EDITOR = { login: 'erin', email: 'erin@example.com' };

export async function startUpstreamFakes(): Promise<UpstreamFakes> {
  const clock = new SimulatedClock(Date.now());
  const aws: AwsFakes = await startAwsFakes(clock);
  const pagerduty = new PagerDutyFake();
  pagerduty.users.push({ id: 'PERIN', name: 'Erin', email: EDITOR.email }, PD_SECOND);
  pagerduty.escalationPolicies.push({
    id: PD_POLICY,
    name: 'Payments',
    serviceIds: ['PCHK001'],
    rules: [
      { delayMinutes: 15, targets: [] },
      { delayMinutes: 30, targets: [{ type: 'user', id: PD_SECOND.id }] },
    ],
  });
  const opsgenie = new OpsgenieFake({ pollsBeforeDone: 1 });
  const jsm = new JsmFake({ pollsBeforeDone: 1 });
  await Promise.all([pagerduty.start(), opsgenie.start(), jsm.start()]);
  return {
    pagerduty,
    opsgenie,
    jsm,
    gateway: {
      aws: awsConfigFor(aws, path.join(os.tmpdir(), 'opsdeck-e2e-upstreams')),
      awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
      webhooks: {
        pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET,
        opsgenieWebhookToken: OPSGENIE_HOOK_TOKEN,
        jsmWebhookToken: JSM_HOOK_TOKEN,
      },
      alertActions: {
        // No pollers or on-call rounds: the only calls the fakes see are the ones the page's actions make.
        timers: false,
        clientOverrides: { opsgeniePollIntervalMs: 20, jsmPollIntervalMs: 20 },
        settings: {
          pagerdutyApiToken: pagerduty.token,
          pagerdutyApiUrl: pagerduty.url,
          pagerdutyFromByUser: `${EDITOR.login}=${EDITOR.email}`,
          opsgenieApiKey: opsgenie.apiKey,
          opsgenieApiUrl: opsgenie.url,
          jsmCloudId: jsm.cloudId,
          jsmEmail: jsm.email,
          jsmApiToken: jsm.apiToken,
          jsmApiUrl: jsm.url,
        },
      },
    },
    stop: async () => {
      await Promise.all([pagerduty.stop(), opsgenie.stop(), jsm.stop(), aws.stop()]);
    },
  };
}

/** Creates the alert at the fake and in Opsdeck through the vendor's webhook, with the shared header value. */
export async function postVendorAlert(
  gatewayUrl: string,
  fakes: UpstreamFakes,
  source: 'opsgenie' | 'jsm',
  id: string,
  message: string,
  service: string
): Promise<void> {
  (source === 'opsgenie' ? fakes.opsgenie : fakes.jsm).addAlert({ id, alias: `alias-${id}`, message });
  const response = await fetch(`${gatewayUrl}/webhooks/${source}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-opsdeck-token': source === 'opsgenie' ? OPSGENIE_HOOK_TOKEN : JSM_HOOK_TOKEN,
    },
    body: JSON.stringify(
      opsgenieDelivery('Create', id, Date.now(), { message, tags: [`service:${service}`], teams: [], priority: 'P1' })
    ),
  });
  if (!response.ok) throw new Error(`${source} webhook answered ${response.status}: ${await response.text()}`);
}
