/**
 * @jest-environment node
 */
// The lint rule that keeps the rooms apart (scripts/lint/boundaries.mjs), run by the real ESLint CLI on probe files
// that are never written to disk: each forbidden direction is refused, and the allowed ones pass.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function boundaryErrors(filename: string, code: string): string[] {
  const run = spawnSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', filename], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === 'opsdeck/boundaries').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses browser code importing the gateway or Node built-ins', () => {
    const errors = boundaryErrors(
      'src/pages/Probe/probe.ts',
      "import { loadCatalog } from '../../../gateway/src/catalog/loadCatalog';\nimport fs from 'node:fs';\nexport const probe = [loadCatalog, fs];\n"
    );
    expect(errors).toEqual([
      expect.stringContaining('browser code never imports the gateway'),
      expect.stringContaining("browser code never imports Node's built-in modules"),
    ]);
  });

  it('refuses the gateway importing plugin code, by alias or by path', () => {
    const errors = boundaryErrors(
      'gateway/src/probe.ts',
      "import { ROUTES } from '../../src/constants';\nimport { testIds } from '@/components/testIds';\nexport const probe = [ROUTES, testIds];\n"
    );
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.includes('the gateway never imports browser code'))).toBe(true);
  });

  it('refuses any package in the contract', () => {
    expect(boundaryErrors('contract/src/probe.ts', "import { z } from 'zod';\nexport const probe = z;\n")).toEqual([
      expect.stringContaining('the contract depends on nothing'),
    ]);
  });

  it('refuses an upstream adapter importing a domain module', () => {
    const errors = boundaryErrors(
      'gateway/src/sources/probe/probe.ts',
      "import { AlertStore } from '../../alerts/alertStore';\nexport type Probe = AlertStore;\n"
    );
    expect(errors).toEqual([expect.stringContaining('upstream adapters never import domain modules')]);
  });

  it('lets the CDK app take from the gateway only its catalog parser, IAM actions, metric plans and burn-rate rules', () => {
    expect(
      boundaryErrors(
        'infra/lib/probe.ts',
        "import { buildApp } from '../../gateway/src/app';\nimport { testIds } from '../../src/components/testIds';\nexport const probe = [buildApp, testIds];\n"
      )
    ).toEqual([
      expect.stringContaining('the CDK app imports from the gateway only'),
      expect.stringContaining('the CDK app imports from the gateway only'),
    ]);
    expect(
      boundaryErrors(
        'infra/lib/probe.ts',
        [
          "import type { CatalogService } from '@opsdeck/contract';",
          "import { loadCatalog } from '../../gateway/src/catalog';",
          "import { AWS_READ_ACTIONS } from '../../gateway/src/sources/aws/permissions';",
          "import { planServiceMetric } from '../../gateway/src/sources/cloudwatch/serviceMetrics';",
          "import { BURN_RATE_ALERT_RULES } from '../../gateway/src/slo/burnRateAlerts';",
          'export type Probe = CatalogService;',
          'export const probe = [loadCatalog, AWS_READ_ACTIONS, planServiceMetric, BURN_RATE_ALERT_RULES];',
          '',
        ].join('\n')
      )
    ).toEqual([]);
  });

  it('refuses the gateway, the contract and browser code importing infra', () => {
    const probe = "import { buildOpsdeck } from '@opsdeck/infra/lib/app';\nexport const probe = buildOpsdeck;\n";
    expect(boundaryErrors('gateway/src/probe.ts', probe)).toEqual([
      expect.stringContaining('the gateway never imports'),
    ]);
    expect(boundaryErrors('contract/src/probe.ts', probe)).toEqual([
      expect.stringContaining('the contract depends on nothing'),
    ]);
    expect(boundaryErrors('src/pages/Probe/probe.ts', probe)).toEqual([
      expect.stringContaining('browser code never imports'),
    ]);
  });

  it('lets each room import the contract and its own modules', () => {
    expect(
      boundaryErrors(
        'src/pages/Probe/probe.ts',
        "import type { Alert } from '@opsdeck/contract';\nimport { testIds } from '@/components/testIds';\nexport type Probe = Alert;\nexport const ids = testIds;\n"
      )
    ).toEqual([]);
    expect(
      boundaryErrors(
        'gateway/src/sources/probe/probe.ts',
        "import type { Alert } from '@opsdeck/contract';\nimport fs from 'node:fs';\nexport type Probe = Alert;\nexport const f = fs;\n"
      )
    ).toEqual([]);
  });
});
