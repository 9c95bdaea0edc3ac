/**
 * `npm run pagerduty -- …` end to end: the root script bundles and runs the CLI as a separate process against the
 * PagerDuty fake on loopback. plan writes nothing, apply creates and prints the signing secret once on standard
 * output, a second apply writes nothing, terraform --out writes the golden file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PagerDutyFake } from '../fakes/pagerduty';
import { demoAccount, OPERATOR_EMAIL } from './support/demoAccount';

const ROOT = path.resolve(__dirname, '../../..');

jest.setTimeout(60_000);

/** Asynchronous on purpose: the fake answers from this process's event loop while the CLI runs. */
function npmRun(pd: PagerDutyFake, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'pagerduty', '--', ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME ?? os.tmpdir(),
          OPSDECK_PAGERDUTY_API_TOKEN: pd.token,
          OPSDECK_PAGERDUTY_API_URL: pd.url,
          OPSDECK_PAGERDUTY_FROM_EMAIL: OPERATOR_EMAIL,
        },
        encoding: 'utf8',
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

describe('npm run pagerduty', () => {
  let pd: PagerDutyFake;

  beforeAll(async () => {
    pd = demoAccount();
    await pd.start();
  });

  afterAll(async () => {
    await pd.stop();
  });

  it('plan prints the diff and writes nothing', async () => {
    const { code, stdout, stderr } = await npmRun(pd, 'plan');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      `PagerDuty ${pd.url} against provisioning/opsdeck/services.yaml and provisioning/opsdeck/escalation.yaml`
    );
    expect(stdout).toContain('+ create escalation_policy "catalog on-call" (team catalog)');
    expect(stdout).toContain('Plan: 4 to create, 7 to update, 0 unchanged, 0 to delete.');
    expect(pd.calls.length).toBeGreaterThan(0);
    expect(pd.writes).toEqual([]);
  });

  it('apply makes the changes and shows the signing secret once, on standard output only', async () => {
    const { code, stdout, stderr } = await npmRun(pd, 'apply');
    expect(code).toBe(0);
    expect(pd.writes).toHaveLength(11);
    const [subscription] = pd.webhookSubscriptions.filter((s) => s.url.startsWith('https://opsdeck.example.com'));
    expect(stdout.split(subscription.secret)).toHaveLength(2);
    expect(stderr).not.toContain(subscription.secret);
    expect(stdout).toContain('Applied 11 change(s); PagerDuty now matches the catalog.');
  });

  it('a second apply changes nothing and writes nothing', async () => {
    const writes = pd.writes.length;
    const { code, stdout } = await npmRun(pd, 'apply');
    expect(code).toBe(0);
    expect(stdout).toContain('No changes: PagerDuty matches the catalog (11 resources unchanged).');
    expect(pd.writes).toHaveLength(writes);
  });

  it('terraform --out writes the HCL of the same catalog', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-tf-'));
    try {
      const out = path.join(dir, 'pagerduty.tf');
      const { code, stdout } = await npmRun(pd, 'terraform', '--out', out);
      expect(code).toBe(0);
      expect(stdout).toBe(`wrote ${out}\n`);
      expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(path.join(__dirname, 'golden/opsdeck.tf'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to use it when the command is wrong', async () => {
    const { code, stderr } = await npmRun(pd, 'destroy');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unknown command: destroy\n\nusage: npm run pagerduty -- <plan\|apply\|terraform>/);
  });
});
