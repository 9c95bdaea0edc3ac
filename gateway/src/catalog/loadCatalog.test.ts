import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogError } from './CatalogError';
import { loadCatalog, parseCatalog } from './loadCatalog';

const REPO_CATALOG = path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml');

const valid = (overrides: Record<string, unknown> = {}) => ({
  name: 'svc-a',
  team: 'core',
  tier: 1,
  owners: ['a@example.com'],
  ...overrides,
});

function messageOf(document: unknown): string {
  try {
    parseCatalog(document, 'services.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('expected the catalog to be refused');
}

describe('the service catalog', () => {
  it('loads the repository catalog with its teams and regions', () => {
    const catalog = loadCatalog(REPO_CATALOG);
    expect(catalog.services.length).toBeGreaterThanOrEqual(8);
    expect(catalog.teams).toEqual(['catalog', 'payments', 'platform']);
    expect(catalog.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(catalog.find('checkout-api')?.aws.rdsInstance).toBe('checkout-db');
    expect(catalog.find('nope')).toBeUndefined();
    expect(catalog.timeZoneOf('payments')).toBe('Europe/Berlin');
    expect(catalog.timeZoneOf('no-such-team')).toBe('UTC');
  });

  it('takes a runbook as an http(s) URL or as a path of the Grafana the app runs in', () => {
    for (const runbookUrl of ['https://runbooks.example/checkout', '/a/opsdeck-sre-app/playbooks#checkout-api']) {
      expect(parseCatalog({ services: [valid({ runbookUrl })] }, 'services.yaml')[0].runbookUrl).toBe(runbookUrl);
    }
    // The demo catalog links each service to its section of the app's bundled playbook index.
    expect(loadCatalog(REPO_CATALOG).find('checkout-api')?.runbookUrl).toBe(
      '/a/opsdeck-sre-app/playbooks#checkout-api'
    );
  });

  it('refuses a team setting with a time zone the runtime does not know, or for a team no service has', () => {
    expect(messageOf({ services: [valid()], teams: [{ name: 'core', timeZone: 'Mars/Olympus' }] })).toMatch(
      /teams\[0\]\.timeZone.*IANA time zone/
    );
    expect(messageOf({ services: [valid()], teams: [{ name: 'ghosts', timeZone: 'UTC' }] })).toMatch(
      /teams\[0\]\.name.*no service belongs to a team named "ghosts"/
    );
    expect(
      messageOf({
        services: [valid()],
        teams: [
          { name: 'core', timeZone: 'UTC' },
          { name: 'core', timeZone: 'UTC' },
        ],
      })
    ).toMatch(/teams\[1\]\.name.*listed twice/);
  });

  it('defaults aws and slo to empty objects, and the objectives to the default availability one', () => {
    const [service] = parseCatalog({ services: [valid()] }, 'services.yaml');
    expect(service).toEqual({
      ...valid(),
      aws: {},
      slo: {},
      objectives: [{ id: 'availability', sli: { kind: 'availability' }, target: 0.995, windowDays: 30 }],
    });
  });

  it('expands the shorthand targets into objectives', () => {
    const [service] = parseCatalog(
      { services: [valid({ slo: { availability: 0.999, latencyP99Ms: 400 } })] },
      'services.yaml'
    );
    expect(service.slo).toEqual({ availability: 0.999, latencyP99Ms: 400 });
    expect(service.objectives).toEqual([
      { id: 'availability', sli: { kind: 'availability' }, target: 0.999, windowDays: 30 },
      { id: 'latency', sli: { kind: 'latency-percentile', thresholdMs: 400 }, target: 0.99, windowDays: 30 },
    ]);
  });

  it('reads a list of objectives, with the shorthand status uses derived from it', () => {
    const objectives = [
      { id: 'checkout', sli: { kind: 'availability' }, target: 0.9995, windowDays: 28 },
      { id: 'fast', sli: { kind: 'latency', thresholdMs: 300 }, target: 0.95 },
    ];
    const [service] = parseCatalog({ services: [valid({ slo: { objectives } })] }, 'services.yaml');
    expect(service.objectives).toEqual([objectives[0], { ...objectives[1], windowDays: 30 }]);
    expect(service.slo).toEqual({ availability: 0.9995, latencyP99Ms: 300 });
  });

  it.each([
    [
      'services.yaml: services[0].slo.objectives[0].windowDays: expected 7, 28, 30 days',
      { objectives: [{ id: 'a', sli: { kind: 'availability' }, target: 0.99, windowDays: 14 }] },
    ],
    [
      'services.yaml: services[0].slo.objectives[0].sli.thresholdMs: expected milliseconds',
      { objectives: [{ id: 'a', sli: { kind: 'latency' }, target: 0.99 }] },
    ],
    [
      'services.yaml: services[0].slo.objectives[1].id: duplicate id "a" (also objectives[0])',
      {
        objectives: [
          { id: 'a', sli: { kind: 'availability' }, target: 0.99 },
          { id: 'a', sli: { kind: 'availability' }, target: 0.9 },
        ],
      },
    ],
    [
      'services.yaml: services[0].slo.availability: give either the shorthand targets or objectives, not both',
      { availability: 0.99, objectives: [{ id: 'a', sli: { kind: 'availability' }, target: 0.99 }] },
    ],
    [
      'services.yaml: services[0].slo.objectives[0].windowDay: unknown field',
      { objectives: [{ id: 'a', sli: { kind: 'availability' }, target: 0.99, windowDay: 7 }] },
    ],
  ])('refuses a bad objective: %s', (message, slo) => {
    expect(messageOf({ services: [valid({ slo })] })).toBe(message);
  });

  it.each([
    [
      'services.yaml: services[2].tier: expected 1, 2 or 3',
      { services: [valid(), valid({ name: 'b' }), valid({ name: 'c', tier: 4 })] },
    ],
    ['services.yaml: services[0].team: required', { services: [valid({ team: undefined })] }],
    ['services.yaml: services[0].owners: expected at least one owner', { services: [valid({ owners: [] })] }],
    [
      'services.yaml: services[0].aws.rdsInstanse: unknown field',
      { services: [valid({ aws: { rdsInstanse: 'db' } })] },
    ],
    [
      'services.yaml: services[0].aws.account: expected a 12-digit AWS account id (quote it in YAML)',
      { services: [valid({ aws: { account: 111 } })] },
    ],
    [
      'services.yaml: services[0].slo.availability: expected a number between 0 and 1, e.g. 0.999',
      { services: [valid({ slo: { availability: 99.9 } })] },
    ],
    [
      'services.yaml: services[0].runbookUrl: expected an http(s) URL or a Grafana path starting with /',
      { services: [valid({ runbookUrl: 'ftp://x' })] },
    ],
    [
      'services.yaml: services[0].runbookUrl: expected an http(s) URL or a Grafana path starting with /',
      { services: [valid({ runbookUrl: '//runbooks.example/checkout' })] },
    ],
    [
      'services.yaml: services[0].runbookUrl: expected an http(s) URL or a Grafana path starting with /',
      { services: [valid({ runbookUrl: 'docs/playbooks/README.md' })] },
    ],
    [
      'services.yaml: services[0].name: expected a lower-case name of letters, digits and dashes',
      { services: [valid({ name: 'Bad Name' })] },
    ],
    ['services.yaml: services[1].name: duplicate name "svc-a" (also services[0])', { services: [valid(), valid()] }],
    [
      'services.yaml: services[0].dependsOn[0]: no service named "ghost" in the catalog',
      { services: [valid({ dependsOn: ['ghost'] })] },
    ],
    [
      'services.yaml: services[0].dependsOn[0]: a service cannot depend on itself',
      { services: [valid({ dependsOn: ['svc-a'] })] },
    ],
    ['services.yaml: services: expected at least one service', { services: [] }],
    ['services.yaml: services: expected a list of services', { servics: [] }],
    ['services.yaml: expected a mapping with a "services" list', null],
  ])('refuses it with "%s"', (message, document) => {
    expect(messageOf(document)).toBe(message);
  });

  it('names the file when it is missing or not YAML', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-catalog-'));
    try {
      const broken = path.join(dir, 'services.yaml');
      fs.writeFileSync(broken, 'services:\n  - name: [unclosed\n');
      expect(() => loadCatalog(broken)).toThrow(new RegExp(`^${broken}: not valid YAML`));
      expect(() => loadCatalog(path.join(dir, 'missing.yaml'))).toThrow(
        /missing\.yaml: cannot read the service catalog \(ENOENT\)/
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
