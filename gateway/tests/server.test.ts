// What an operator sees: the BUILT bundle (gateway/dist/server.js, rebuilt here when missing or stale) refusing bad
// settings with one line and exit code 1, and starting, serving and stopping cleanly with good ones.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureGatewayBuilt, GATEWAY_BUNDLE as BUNDLE } from './support/builtGateway';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...settings };
}

function runServer(settings: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: ROOT, env: cleanEnv(settings) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('gateway/dist/server.js', () => {
  let dir: string;

  beforeAll(() => ensureGatewayBuilt(), 120_000);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-server-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function expectRefusal(run: Run, ...mentions: string[]) {
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^opsdeck gateway: cannot start: /);
    for (const mention of mentions) expect(lines[0]).toContain(mention);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }

  it('refuses a non-numeric port, naming the variable and the environment', async () => {
    const run = await runServer({ OPSDECK_PORT: 'http', OPSDECK_DATA_DIR: dir });
    expectRefusal(run, 'environment: OPSDECK_PORT: expected a port number');
  });

  it('refuses an unknown OPSDECK_ variable', async () => {
    expectRefusal(await runServer({ OPSDECK_DATA_DIRECTORY: dir }), 'OPSDECK_DATA_DIRECTORY', 'unknown setting');
  });

  it('refuses malformed YAML and unknown YAML keys, naming the file', async () => {
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'port: [1\n');
    expectRefusal(await runServer({ OPSDECK_CONFIG: broken }), broken, 'not valid YAML');

    const unknown = path.join(dir, 'unknown.yaml');
    fs.writeFileSync(unknown, 'dataDir: x\nprot: 80\n');
    expectRefusal(await runServer({ OPSDECK_CONFIG: unknown }), `${unknown}: prot: unknown setting`);
  });

  it('refuses a bad catalog, naming the file and the field', async () => {
    const catalog = path.join(dir, 'services.yaml');
    fs.writeFileSync(catalog, 'services:\n  - name: a\n    team: t\n    tier: 5\n    owners: [x]\n');
    expectRefusal(
      await runServer({ OPSDECK_CATALOG: catalog, OPSDECK_DATA_DIR: dir }),
      'services.yaml: services[0].tier: expected 1, 2 or 3'
    );
  });

  it('refuses an unreachable database without printing its password', async () => {
    const run = await runServer({
      OPSDECK_DATABASE: 'postgres://postgres:s3cret@127.0.0.1:1/none',
      OPSDECK_DATA_DIR: dir,
    });
    expectRefusal(run, 'cannot prepare the database postgres://postgres:***@127.0.0.1:1/none');
    expect(run.stderr).not.toContain('s3cret');
  });

  it('starts with the demo fleet, keeps the generated token in the data dir without printing it, and stops on SIGTERM', async () => {
    const dataDir = path.join(dir, 'data');
    const child = spawn(process.execPath, [BUNDLE], {
      cwd: ROOT,
      env: cleanEnv({
        OPSDECK_PORT: '0',
        OPSDECK_HOST: '127.0.0.1',
        OPSDECK_DATA_DIR: dataDir,
        OPSDECK_LOG_LEVEL: 'warn',
      }),
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line in: ${stdout}`)), 20_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+?),/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const tokenFile = path.join(dataDir, 'api-token');
      expect(stdout).toContain(`API token: generated and saved to ${tokenFile}`);
      expect(stdout).toContain('serving the demo fleet');
      const token = fs.readFileSync(tokenFile, 'utf8').trim();
      expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(stdout).not.toContain(token);

      const health = await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(await health.json()).toMatchObject({
        status: 'ok',
        mode: 'demo',
        authenticated: true,
        store: { driver: 'sqlite' },
      });
      expect(fs.existsSync(path.join(dataDir, 'opsdeck.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
