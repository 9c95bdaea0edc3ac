/** escalation.yaml: the repository's file against the demo catalog, and errors that name the file and the key. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import {
  DEFAULT_WEBHOOK_EVENTS,
  defaultEscalationFile,
  desiredState,
  loadDesiredState,
} from '../../src/pagerdutyAsCode/escalationFile';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOG = path.join(ROOT, 'provisioning/opsdeck/services.yaml');
const catalog = loadCatalog(CATALOG);

const valid = () => ({
  escalation: [
    {
      team: 'payments',
      levels: [{ delayMinutes: 15, targets: [{ schedule: 'payments primary' }, { user: 'Lead@Example.com' }] }],
    },
  ],
});

function errorOf(document: unknown): string {
  try {
    desiredState(document, 'escalation.yaml', catalog);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('escalation file', () => {
  it('is read beside the catalog, and the repository one covers every team of the demo catalog', () => {
    expect(defaultEscalationFile(CATALOG)).toBe(path.join(ROOT, 'provisioning/opsdeck/escalation.yaml'));
    const desired = loadDesiredState(defaultEscalationFile(CATALOG), catalog);
    expect(desired.policies.map((p) => p.team).sort()).toEqual([...catalog.teams].sort());
    // Every service with a pagerdutyServiceId; catalog-ingest (tier 3) is left out on purpose.
    expect(desired.services.map((s) => s.name)).toEqual(
      ['payments', 'catalog', 'platform'].flatMap((team) =>
        catalog.services.filter((s) => s.team === team && s.pagerdutyServiceId).map((s) => s.name)
      )
    );
    expect(desired.unmanaged).toEqual([{ name: 'catalog-ingest', team: 'catalog' }]);
    expect(desired.policies.map((p) => [p.numLoops, p.levels.map((l) => l.delayMinutes)])).toEqual([
      [2, [5, 10, 15]],
      [2, [5, 10, 15]],
      [2, [5, 10, 15]],
    ]);
    expect(desired.webhook).toMatchObject({
      url: 'https://opsdeck.example.com/webhooks/pagerduty',
      filter: 'account',
      active: true,
      events: [...DEFAULT_WEBHOOK_EVENTS],
    });
  });

  it('fills the defaults: name, description, loops; services of the team; emails in lower case', () => {
    const desired = desiredState(valid(), 'escalation.yaml', catalog);
    expect(desired.policies).toEqual([
      {
        team: 'payments',
        name: 'payments on-call',
        description: 'Escalation of team payments, managed by Opsdeck (escalation.yaml)',
        numLoops: 0,
        origin: { file: 'escalation.yaml', field: 'escalation[0]' },
        levels: [
          {
            delayMinutes: 15,
            targets: [
              {
                kind: 'schedule',
                name: 'payments primary',
                origin: { file: 'escalation.yaml', field: 'escalation[0].levels[0].targets[0].schedule' },
              },
              {
                kind: 'user',
                email: 'lead@example.com',
                origin: { file: 'escalation.yaml', field: 'escalation[0].levels[0].targets[1].user' },
              },
            ],
          },
        ],
      },
    ]);
    expect(desired.services.map((s) => [s.name, s.pagerdutyServiceId, s.description, s.origin.field])).toEqual([
      ['checkout-api', 'PCHK001', 'Takes orders and payments from the web and mobile shops.', 'services[0]'],
      ['payments-worker', 'PPAY002', 'Settles card payments with the acquirer; retries with backoff.', 'services[1]'],
      ['fraud-scoring', 'PFRD003', 'Fraud scoring', 'services[2]'],
    ]);
    expect(desired.unmanaged.map((s) => s.team)).toEqual(['catalog', 'catalog', 'catalog', 'platform', 'platform']);
    expect(desired.webhook).toBeUndefined();
  });

  it('limits a policy to the services it lists', () => {
    const document = valid();
    Object.assign(document.escalation[0], { services: ['fraud-scoring'] });
    const desired = desiredState(document, 'escalation.yaml', catalog);
    expect(desired.services.map((s) => s.name)).toEqual(['fraud-scoring']);
    expect(desired.unmanaged.map((s) => s.name)).toContain('checkout-api');
  });

  it.each([
    [{ escalation: [] }, 'escalation.yaml: escalation: expected at least one escalation policy'],
    [{}, 'escalation.yaml: escalation: required'],
    [{ ...valid(), extra: 1 }, 'escalation.yaml: extra: unknown field'],
    [
      { escalation: [{ team: 'nobody', levels: valid().escalation[0].levels }] },
      'escalation.yaml: escalation[0].team: no catalog service belongs to a team named "nobody"',
    ],
    [{ escalation: [{ team: 'payments' }] }, 'escalation.yaml: escalation[0].levels: required'],
    [{ escalation: [{ levels: valid().escalation[0].levels }] }, 'escalation.yaml: escalation[0].team: required'],
    [
      { escalation: [{ team: 'payments', levels: [{ targets: [{ schedule: 'x' }] }] }] },
      'escalation.yaml: escalation[0].levels[0].delayMinutes: required',
    ],
    [
      { escalation: [{ team: 'payments', levels: [{ delayMinutes: 0, targets: [{ schedule: 'x' }] }] }] },
      'escalation.yaml: escalation[0].levels[0].delayMinutes: expected at least 1 minute',
    ],
    [
      { escalation: [{ team: 'payments', levels: [{ delayMinutes: 5, targets: [] }] }] },
      'escalation.yaml: escalation[0].levels[0].targets: expected at least one target',
    ],
    [
      {
        escalation: [
          { team: 'payments', levels: [{ delayMinutes: 5, targets: [{ schedule: 'x', user: 'a@example.com' }] }] },
        ],
      },
      'escalation.yaml: escalation[0].levels[0].targets[0]: expected exactly one of schedule (a name) or user (an email)',
    ],
    [
      { escalation: [{ team: 'payments', levels: [{ delayMinutes: 5, targets: [{ user: 'not-an-email' }] }] }] },
      'escalation.yaml: escalation[0].levels[0].targets[0].user: expected the email of a PagerDuty user',
    ],
    [
      { escalation: [{ team: 'payments', levels: [{ delayMinutes: 5, targets: [{ team: 'x' }] }] }] },
      'escalation.yaml: escalation[0].levels[0].targets[0].team: unknown field',
    ],
    [
      { escalation: [{ ...valid().escalation[0], numLoops: 10 }] },
      'escalation.yaml: escalation[0].numLoops: expected how many times the policy repeats, 0 to 9',
    ],
    [
      { escalation: [valid().escalation[0], valid().escalation[0]] },
      'escalation.yaml: escalation[1].team: team "payments" has escalation[0] already',
    ],
    [
      { escalation: [valid().escalation[0], { ...valid().escalation[0], team: 'catalog', name: 'PAYMENTS ON-CALL' }] },
      'escalation.yaml: escalation[1].name: the name "PAYMENTS ON-CALL" is taken by escalation[0] already',
    ],
    [
      { escalation: [{ ...valid().escalation[0], services: ['search-api'] }] },
      'escalation.yaml: escalation[0].services[0]: no service named "search-api" in team payments of the catalog',
    ],
    [
      { ...valid(), webhook: { gatewayUrl: 'ftp://x' } },
      'escalation.yaml: webhook.gatewayUrl: expected the http(s) URL PagerDuty reaches the gateway at',
    ],
    [
      { ...valid(), webhook: { gatewayUrl: 'https://x.example.com', filter: 'team' } },
      'escalation.yaml: webhook.filter: expected account or services',
    ],
    [
      {
        ...valid(),
        webhook: { gatewayUrl: 'https://x.example.com', events: ['incident.triggered', 'incident.triggered'] },
      },
      'escalation.yaml: webhook.events: an event type is listed twice',
    ],
    [
      { ...valid(), webhook: { gatewayUrl: 'https://x.example.com', events: ['Triggered'] } },
      'escalation.yaml: webhook.events[0]: expected an event type such as incident.triggered',
    ],
  ])('refuses %j', (document, message) => {
    expect(errorOf(document)).toBe(message);
  });

  it('names the file when it cannot be read or is not YAML', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-escalation-'));
    try {
      const file = path.join(dir, 'escalation.yaml');
      expect(() => loadDesiredState(file, catalog)).toThrow(`${file}: cannot read the escalation file (ENOENT)`);
      fs.writeFileSync(file, 'escalation: [\n');
      expect(() => loadDesiredState(file, catalog)).toThrow(new RegExp(`^${file}: not valid YAML: `));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('joins the gateway URL and the webhook path without a double slash', () => {
    const desired = desiredState(
      { ...valid(), webhook: { gatewayUrl: 'https://api.example.com/opsdeck/', filter: 'services' } },
      'e.yaml',
      catalog
    );
    expect(desired.webhook?.url).toBe('https://api.example.com/opsdeck/webhooks/pagerduty');
  });
});
