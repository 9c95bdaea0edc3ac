/**
 * The BUILT gateway (gateway/dist/server.js) as a child process, for tests that need a real process to kill:
 * rebuilt first when missing or older than its sources (same rule as gateway/tests/server.test.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
export const GATEWAY_BUNDLE = path.join(ROOT, 'gateway/dist/server.js');
/** The SQLite writer thread, built with the gateway. */
export const BUNDLED_WORKER = path.join(ROOT, 'gateway/dist/groupWriterWorker.js');
const INPUTS = ['gateway/src', 'contract/src', 'gateway/package.json', 'gateway/scripts/build.mjs'];

function newestInput(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestInput(path.join(entry, name))));
}

export function ensureGatewayBuilt(): void {
  const builtAt = fs.existsSync(GATEWAY_BUNDLE) ? fs.statSync(GATEWAY_BUNDLE).mtimeMs : 0;
  if (builtAt > Math.max(...INPUTS.map((input) => newestInput(path.join(ROOT, input))))) return;
  const build = spawnSync(process.execPath, ['gateway/scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gateway build failed:\n${build.stderr}`);
}

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  output(): string;
}

/** Starts the bundle with exactly `settings` as OPSDECK_* environment and resolves once it listens. */
export function spawnGateway(settings: Record<string, string>, timeoutMs = 20_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [GATEWAY_BUNDLE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...settings },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s,]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, exited, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening:\n${output}`));
    });
  });
}

export interface BuiltGateway extends GatewayProcess {
  dataDir: string;
  /** Ends the process (SIGTERM) and removes its data dir. */
  stop(): Promise<void>;
}

/**
 * The built gateway on a loopback port: demo fleet, a temp data dir with its SQLite file, quiet log. `settings` add
 * to or override that (a Postgres database, webhook secrets, a log level).
 */
export async function startBuiltGateway(token: string, settings: Record<string, string> = {}): Promise<BuiltGateway> {
  ensureGatewayBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-built-'));
  const gateway = await spawnGateway({
    OPSDECK_DATA_DIR: dataDir,
    OPSDECK_DATABASE: path.join(dataDir, 'opsdeck.sqlite'),
    OPSDECK_HOST: '127.0.0.1',
    OPSDECK_PORT: '0',
    OPSDECK_API_TOKEN: token,
    OPSDECK_LOG_LEVEL: 'silent',
    ...settings,
  });
  return {
    ...gateway,
    dataDir,
    async stop() {
      if (gateway.child.exitCode === null) {
        gateway.child.kill('SIGTERM');
        await gateway.exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Built gateways as replicas on one Postgres schema (`databaseUrl` points at it), each named by its id: the first
 * migrates the empty schema, the others start together and find it migrated.
 */
export async function startBuiltReplicas(
  token: string,
  ids: readonly string[],
  databaseUrl: string,
  settings: Record<string, string> = {}
): Promise<Map<string, BuiltGateway>> {
  const start = (id: string) =>
    startBuiltGateway(token, { OPSDECK_DATABASE: databaseUrl, OPSDECK_REPLICA_ID: id, ...settings });
  const [first, ...rest] = ids;
  const replicas = new Map([[first, await start(first)]]);
  for (const [id, gateway] of await Promise.all(rest.map(async (id) => [id, await start(id)] as const)))
    replicas.set(id, gateway);
  return replicas;
}
