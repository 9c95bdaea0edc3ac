/**
 * A gateway acting at the PagerDuty and Opsgenie protocol fakes: PagerDuty users Alice (the Grafana user alice's
 * From), Bob and the service identity; Opsgenie requests processed after two polls.
 */
import { OpsgenieFake } from '../../fakes/opsgenie';
import { PagerDutyFake } from '../../fakes/pagerduty';
import { startActionsGateway, START, type ActionsGateway } from './actionsGateway';

export interface VendorGateway {
  pd: PagerDutyFake;
  og: OpsgenieFake;
  gw: ActionsGateway;
  stop(): Promise<void>;
}

export async function startVendorGateway(): Promise<VendorGateway> {
  const pd = new PagerDutyFake({ now: () => START, rateLimitResetSeconds: 1 });
  pd.users.push(
    { id: 'PALICE', name: 'Alice', email: 'alice@example.com' },
    { id: 'PBOB', name: 'Bob', email: 'bob@example.com' },
    { id: 'PBOT', name: 'Opsdeck', email: 'opsdeck@example.com' }
  );
  const og = new OpsgenieFake({ pollsBeforeDone: 2 });
  await pd.start();
  await og.start();
  const gw = await startActionsGateway({
    settings: {
      pagerdutyApiToken: pd.token,
      pagerdutyApiUrl: pd.url,
      pagerdutyFromEmail: 'opsdeck@example.com',
      pagerdutyFromByUser: 'alice=alice@example.com',
      opsgenieApiKey: og.apiKey,
      opsgenieApiUrl: og.url,
    },
  });
  return {
    pd,
    og,
    gw,
    stop: async () => {
      await gw.close();
      await pd.stop();
      await og.stop();
    },
  };
}

/** The same for one describe block: started before its tests, each test seeing fresh call logs, stopped after. */
export function useVendorGateway(): VendorGateway {
  const holder = {} as VendorGateway;
  beforeAll(async () => {
    Object.assign(holder, await startVendorGateway());
  });
  beforeEach(() => {
    holder.pd.calls.length = 0;
    holder.og.calls.length = 0;
  });
  afterAll(() => holder.stop());
  return holder;
}
