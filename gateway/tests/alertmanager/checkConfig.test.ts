import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { CatalogService } from '@opsdeck/contract';
import { AMTOOL, alertmanagerConfigPath, describeWithAlertmanager, repoRoot } from './support/paths';
import { buildTestVariant, receiverNames } from './support/testVariant';

const configText = readFileSync(alertmanagerConfigPath, 'utf8');
const catalog = (
  parse(readFileSync(path.join(repoRoot, 'provisioning/opsdeck/services.yaml'), 'utf8')) as {
    services: CatalogService[];
  }
).services;

/** Receivers the routing tree picks for a label set, as amtool computes them from the file alone. */
function routesFor(labels: Record<string, string>): string[] {
  const args = [
    'config',
    'routes',
    'test',
    `--config.file=${alertmanagerConfigPath}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ];
  return execFileSync(AMTOOL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim()
    .split(',');
}

describeWithAlertmanager('provisioning/alertmanager/alertmanager.yml', () => {
  it('passes amtool check-config', () => {
    const result = spawnSync(AMTOOL, ['check-config', alertmanagerConfigPath], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1 inhibit rules/);
  });

  it.each([
    [
      { service: 'checkout-api', team: 'payments', severity: 'critical' },
      ['opsdeck-history', 'pagerduty-checkout-api', 'slack-payments'],
    ],
    [
      { service: 'identity-api', team: 'platform', severity: 'critical' },
      ['opsdeck-history', 'pagerduty-identity-api', 'slack-platform'],
    ],
    [
      { service: 'catalog-ingest', team: 'catalog', severity: 'critical' },
      ['opsdeck-history', 'sms-oncall', 'slack-catalog'],
    ],
    [{ service: 'search-api', team: 'catalog', severity: 'warning' }, ['opsdeck-history', 'slack-catalog']],
    [{ service: 'notifications', team: 'platform', severity: 'info' }, ['opsdeck-history', 'email-platform']],
    [{ service: 'unknown', severity: 'warning' }, ['opsdeck-history']],
  ])('routes %j to %j', (labels, receivers) => {
    expect(routesFor(labels)).toEqual(receivers);
  });

  it('pages through one PagerDuty receiver per catalog service that has a PagerDuty service', () => {
    const paged = catalog.filter((s) => s.pagerdutyServiceId);
    expect(paged.length).toBeGreaterThan(0);
    for (const service of paged) {
      expect(routesFor({ service: service.name, team: service.team, severity: 'critical' })).toContain(
        `pagerduty-${service.name}`
      );
      expect(configText).toContain(
        `# PagerDuty service ${service.pagerdutyServiceId}\n  - name: pagerduty-${service.name}`
      );
    }
  });

  it('holds only clearly fake secrets and sends history to the gateway with a bearer token from a file', () => {
    const config = parse(configText) as {
      global: Record<string, string>;
      receivers: Array<Record<string, Array<Record<string, unknown>>>>;
    };
    const routingKeys = config.receivers.flatMap((r) =>
      (r.pagerduty_configs ?? []).map((c) => c.routing_key as string)
    );
    expect(routingKeys).toHaveLength(catalog.filter((s) => s.pagerdutyServiceId).length);
    for (const key of routingKeys) {
      expect(key).toMatch(/^FAKE[A-Z0-9]{28}$/);
    }
    expect(new Set(routingKeys).size).toBe(routingKeys.length);
    expect(config.global.smtp_auth_password).toContain('FAKE');
    expect(config.global.slack_api_url).toContain('FAKE');
    const history = config.receivers.find((r) => r.name === ('opsdeck-history' as unknown))!;
    expect(history.webhook_configs[0]).toMatchObject({
      url: 'http://gateway:8080/webhooks/alertmanager',
      http_config: { authorization: { type: 'Bearer', credentials_file: expect.any(String) } },
    });
  });

  it('yields a test variant that Alertmanager also accepts', () => {
    const names = receiverNames(configText);
    const variant = buildTestVariant(configText, {
      receiverUrls: Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:9/${n}`])),
      timeIntervals: { 'weekly-maintenance': 'never', 'catalog-nightly-reindex': 'always' },
      credentials: 'test-token',
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-am-variant-'));
    try {
      writeFileSync(path.join(dir, 'alertmanager.yml'), variant);
      const result = spawnSync(AMTOOL, ['check-config', path.join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
      expect(result.stdout).toContain(`${names.length} receivers`);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
