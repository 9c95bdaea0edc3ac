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
