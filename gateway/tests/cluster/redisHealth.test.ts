// OPSDECK_REDIS_URL from the environment to GET /api/health, through the same start the server runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HealthResponse } from '@opsdeck/contract';
import { startGateway, type RunningGateway } from '../../src/startGateway';

const ROOT = path.resolve(__dirname, '../../..');
const TOKEN = 'redis-health-test-token-0123456789';
jest.setTimeout(30_000);

let dir: string;
let gateway: RunningGateway | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-redis-health-'));
});
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(redis: Record<string, string>): Promise<RunningGateway> {
  gateway = await startGateway(
    {
      OPSDECK_DATA_DIR: dir,
      OPSDECK_PORT: '0',
      OPSDECK_HOST: '127.0.0.1',
      OPSDECK_LOG_LEVEL: 'silent',
      OPSDECK_API_TOKEN: TOKEN,
      OPSDECK_INCIDENT_POLL_SECONDS: '0',
      OPSDECK_DEPLOY_POLL_SECONDS: '0',
      ...redis,
    },
    ROOT
  );
  return gateway;
}

async function health(running: RunningGateway, token?: string): Promise<HealthResponse> {
  const response = await fetch(`${running.address}/api/health`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  return (await response.json()) as HealthResponse;
}

describe('GET /api/health: redis', () => {
  it('is off without OPSDECK_REDIS_URL', async () => {
    const running = await start({});
    expect((await health(running, TOKEN)).redis).toEqual({ configured: false, state: 'off' });
  });

  it('is up with the machine’s Redis', async () => {
    const running = await start({ OPSDECK_REDIS_URL: 'redis://127.0.0.1:6379', OPSDECK_REDIS_PREFIX: 'opsdeck-test' });
    const deadline = Date.now() + 5_000;
    let answer = await health(running, TOKEN);
    while (answer.redis?.state !== 'up' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await health(running, TOKEN);
    }
    expect(answer.redis).toEqual({ configured: true, state: 'up' });
    expect(answer.status).toBe('ok');
  });

  it('says down with a notice when Redis is unreachable, the reason only with the token, never the password', async () => {
    const running = await start({ OPSDECK_REDIS_URL: 'redis://opsdeck:s3cret-pw@127.0.0.1:1' });
    const withToken = await health(running, TOKEN);
    expect(withToken.redis).toMatchObject({ configured: true, state: 'down' });
    expect(withToken.redis?.notice).toMatch(/own in-process cache/);
    expect(withToken.redis?.message).toContain('redis://opsdeck:***@127.0.0.1:1');
    // The answers are still right: Redis down does not degrade the gateway.
    expect(withToken.status).toBe('ok');
    const anonymous = await health(running);
    expect(anonymous.redis).toMatchObject({ configured: true, state: 'down', notice: withToken.redis?.notice });
    expect(anonymous.redis?.message).toBeUndefined();
    expect(JSON.stringify([withToken, anonymous])).not.toContain('s3cret');
  });
});
