/**
 * The Terraform export of the repository's catalog and escalation.yaml: byte for byte the golden file (regenerate
 * with UPDATE_GOLDEN=1), every reference declared, and `terraform fmt -check` clean when terraform is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { desiredState, loadDesiredState } from '../../src/pagerdutyAsCode/escalationFile';
import { hclString, renderTerraform } from '../../src/pagerdutyAsCode/terraform';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOG = 'provisioning/opsdeck/services.yaml';
const ESCALATION = 'provisioning/opsdeck/escalation.yaml';
const GOLDEN = path.join(__dirname, 'golden/opsdeck.tf');

const catalog = loadCatalog(path.join(ROOT, CATALOG));
const desired = loadDesiredState(path.join(ROOT, ESCALATION), catalog);
const hcl = renderTerraform(desired, { catalog: CATALOG, escalation: ESCALATION });

/** The HCL without comments and string contents, so only expressions are left to scan. */
function code(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

function declared(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^(resource|data) "([a-z_]+)" "([A-Za-z0-9_-]+)" \{$/gm)) {
    names.add(match[1] === 'data' ? `data.${match[2]}.${match[3]}` : `${match[2]}.${match[3]}`);
  }
  return names;
}

function referenced(text: string): string[] {
  return [...code(text).matchAll(/\b((?:data\.)?pagerduty_[a-z_]+\.[A-Za-z0-9_-]+)(?:\.id)?\b/g)].map((m) => m[1]);
}

describe('terraform export', () => {
  it('is the golden file for the repository catalog', () => {
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, hcl);
    expect(hcl).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic', () => {
    expect(renderTerraform(structuredClone(desired), { catalog: CATALOG, escalation: ESCALATION })).toBe(hcl);
  });

  it('declares every resource and data source it references, and references every data source it declares', () => {
    const names = declared(hcl);
    const refs = referenced(hcl);
    expect(refs.filter((ref) => !names.has(ref))).toEqual([]);
    const dataSources = [...names].filter((n) => n.startsWith('data.'));
    expect(dataSources.filter((d) => !refs.includes(d))).toEqual([]);
    // The check sees a dangling reference.
    const broken = hcl.replace('pagerduty_escalation_policy.payments.id', 'pagerduty_escalation_policy.nope.id');
    expect(referenced(broken).filter((ref) => !declared(broken).has(ref))).toEqual([
      'pagerduty_escalation_policy.nope',
    ]);
  });

  it('has one resource per policy, service and subscription, each service on its team policy, imports by id', () => {
    const names = [...declared(hcl)];
    expect(names.filter((n) => n.startsWith('pagerduty_escalation_policy.'))).toHaveLength(desired.policies.length);
    expect(names.filter((n) => n.startsWith('pagerduty_service.'))).toHaveLength(desired.services.length);
    expect(names.filter((n) => n.startsWith('pagerduty_webhook_subscription.'))).toEqual([
      'pagerduty_webhook_subscription.opsdeck',
    ]);
    expect(hcl).toContain(
      [
        'resource "pagerduty_service" "checkout_api" {',
        '  name              = "checkout-api"',
        '  description       = "Takes orders and payments from the web and mobile shops."',
        '  escalation_policy = pagerduty_escalation_policy.payments.id',
        '}',
        '',
        'import {',
        '  to = pagerduty_service.checkout_api',
        '  id = "PCHK001"',
        '}',
      ].join('\n')
    );
    const imports = [...hcl.matchAll(/^import \{$/gm)].length;
    expect(imports).toBe(desired.services.filter((s) => s.pagerdutyServiceId !== undefined).length);
    expect(hcl).toMatch(/# .*the provider keeps no signing secret/);
  });

  it('writes one subscription per service with the services filter', () => {
    const document = {
      escalation: [{ team: 'payments', levels: [{ delayMinutes: 5, targets: [{ user: 'a@example.com' }] }] }],
      webhook: { gatewayUrl: 'https://gw.example.com', filter: 'services', events: ['incident.triggered'] },
    };
    const perService = renderTerraform(desiredState(document, 'e.yaml', catalog), {
      catalog: 'c.yaml',
      escalation: 'e.yaml',
    });
    expect([...declared(perService)].filter((n) => n.startsWith('pagerduty_webhook_subscription.'))).toEqual([
      'pagerduty_webhook_subscription.opsdeck_checkout_api',
      'pagerduty_webhook_subscription.opsdeck_payments_worker',
      'pagerduty_webhook_subscription.opsdeck_fraud_scoring',
    ]);
    expect(perService).toContain(
      '  filter {\n    type = "service_reference"\n    id   = pagerduty_service.fraud_scoring.id\n  }'
    );
    expect(referenced(perService).filter((ref) => !declared(perService).has(ref))).toEqual([]);
  });

  it('quotes strings so that nothing is read as a template or escape', () => {
    expect(hclString('a "b" \\ c\nd ${var.x} %{ if } $5')).toBe('"a \\"b\\" \\\\ c\\nd $${var.x} %%{ if } $5"');
  });

  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const fmtIt = terraform.status === 0 ? it : it.skip;
  fmtIt('is formatted as terraform fmt writes it (terraform on PATH)', () => {
    const fmt = spawnSync('terraform', ['fmt', '-check', '-no-color', '-'], { input: hcl, encoding: 'utf8' });
    expect(fmt.stdout).toBe('');
    expect(fmt.status).toBe(0);
  });
});
