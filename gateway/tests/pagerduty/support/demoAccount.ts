/**
 * A PagerDuty account, in the fake, that the repository's catalog and escalation.yaml can be planned against: the
 * schedules and users escalation.yaml names (and enough other users that GET /users takes two pages), the services
 * the catalog ties by pagerdutyServiceId on a "Default" policy, and things nobody manages (a service, a policy and a
 * webhook subscription to another URL) that must come out untouched.
 */
import { PagerDutyFake } from '../../fakes/pagerduty';

export const OPERATOR_EMAIL = 'sre-bot@example.com';

export const CATALOG_SERVICE_IDS = ['PCHK001', 'PPAY002', 'PFRD003', 'PINV004', 'PSRC005', 'PIDN007', 'PNTF008'];

export function demoAccount(): PagerDutyFake {
  const pd = new PagerDutyFake();
  pd.users.push(
    { id: 'PUOPS', name: 'SRE bot', email: OPERATOR_EMAIL },
    { id: 'PUDEN', name: 'Dennis (lead)', email: 'dennis.payments@example.com' },
    { id: 'PUMAR', name: 'Margaret (lead)', email: 'margaret.catalog@example.com' },
    { id: 'PURAD', name: 'Radia (lead)', email: 'radia.platform@example.com' }
  );
  for (let i = 0; i < 130; i++) {
    pd.users.push({ id: `PUX${String(i).padStart(3, '0')}`, name: `Engineer ${i}`, email: `engineer${i}@example.com` });
  }
  pd.schedules.push({
    id: 'PSEM',
    name: 'engineering manager on duty',
    userIds: ['PUX002'],
    rotationStart: Date.UTC(2026, 0, 5),
    shiftHours: 168,
  });
  for (const team of ['payments', 'catalog', 'platform']) {
    pd.schedules.push({
      id: `PS${team.toUpperCase().slice(0, 3)}`,
      name: `${team} primary`,
      userIds: ['PUX000', 'PUX001'],
      rotationStart: Date.UTC(2026, 0, 5),
      shiftHours: 168,
    });
  }
  pd.escalationPolicies.push(
    {
      id: 'PDEFAULT',
      name: 'Default',
      serviceIds: [],
      rules: [{ delayMinutes: 30, targets: [{ type: 'user', id: 'PUOPS' }] }],
    },
    {
      id: 'PLEGACY',
      name: 'Legacy billing',
      serviceIds: [],
      numLoops: 2,
      description: 'hands off',
      rules: [{ delayMinutes: 10, targets: [{ type: 'user', id: 'PUX005' }] }],
    }
  );
  for (const id of CATALOG_SERVICE_IDS) {
    pd.services.push({ id, name: `${id} (imported)`, description: '', escalationPolicyId: 'PDEFAULT' });
  }
  pd.services.push({
    id: 'PLEGSVC',
    name: 'legacy-billing',
    description: 'not in the catalog',
    escalationPolicyId: 'PLEGACY',
  });
  pd.webhookSubscriptions.push({
    id: 'PWSOTHER',
    url: 'https://hooks.example.com/pagerduty',
    secret: 'other-secret',
    events: ['incident.triggered'],
    filter: { type: 'account_reference' },
    description: 'another tool',
    active: true,
  });
  return pd;
}
