/**
 * A stack whose gateway a test can stop and start again, as an operator restarts it: same port, same database file
 * (so the event log and the alert store survive), same token. The test host keeps running in front of it and answers
 * 502 while the gateway is down, as Grafana's data proxy does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type HostOptions } from '../../host/server';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../../../gateway/tests/support/gateway';
import type { Stack } from './stack';

export interface RestartableStack extends Stack {
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
}

export async function startRestartableStack(
  opts: Pick<HostOptions, 'role' | 'theme' | 'user' | 'reactMajor'> & { gateway?: Pick<TestGatewayOptions, 'webhooks'> }
): Promise<RestartableStack> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-restartable-'));
  // The demo fleet's "current state" is frozen at start, as in startStack, and stays frozen across restarts.
  const startedAt = Date.now();
  const options: TestGatewayOptions = {
    token: `test-${randomBytes(16).toString('hex')}`,
    database: join(dir, 'opsdeck.sqlite'),
    clock: () => startedAt,
    ...opts.gateway,
  };
  let running: TestGateway | undefined = await startTestGateway(options);
  const url = running.url;
  const port = Number(new URL(url).port);
  const token = options.token as string;
  try {
    const host = await startHost({
      gatewayUrl: url,
      apiToken: token,
      role: opts.role,
      theme: opts.theme,
      user: opts.user,
      reactMajor: opts.reactMajor,
    });
    return {
      gateway: { url, token },
      host,
      async stopGateway() {
        await running?.close();
        running = undefined;
      },
      async startGateway() {
        running ??= await startTestGateway({ ...options, port });
      },
      async close() {
        await host.close();
        await running?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
