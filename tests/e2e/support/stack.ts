/** A real gateway (demo mode unless given AWS endpoints) behind the test host: what every browser suite starts. */
import {
  GRAFANA_USER_HEADER,
  WRITE_ROLE_HEADER,
  type DataFrameJSON,
  type QueryRequest,
  type QueryResponse,
} from '@opsdeck/contract';
import { startHost, type HostOptions, type RunningHost } from '../../host/server';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../../../gateway/tests/support/gateway';

export interface Stack {
  gateway: { url: string; token: string };
  host: RunningHost;
  close(): Promise<void>;
}

export async function startStack(
  opts: Pick<HostOptions, 'role' | 'theme' | 'user' | 'reactMajor'> & {
    /**
     * Extra gateway options: webhook tokens so a test can post alerts; AWS endpoints (live mode, no demo fleet) and
     * incident tools pointed at the protocol fakes.
     */
    gateway?: Pick<TestGatewayOptions, 'webhooks' | 'aws' | 'awsDeps' | 'alertActions'>;
    /** The gateway's "now"; default: frozen at start. A test that moves it sees the demo roster hand over. */
    clock?: () => number;
  }
): Promise<Stack & { gateway: Pick<TestGateway, 'url' | 'token' | 'runPolls'> }> {
  // The demo fleet's "current state" is frozen at start, so the page and a later direct call see the same fleet.
  const startedAt = Date.now();
  const gateway = await startTestGateway({ clock: opts.clock ?? (() => startedAt), ...opts.gateway });
  try {
    const host = await startHost({
      gatewayUrl: gateway.url,
      apiToken: gateway.token,
      role: opts.role,
      theme: opts.theme,
      user: opts.user,
      reactMajor: opts.reactMajor,
    });
    return {
      gateway,
      host,
      close: async () => {
        await host.close();
        await gateway.close();
      },
    };
  } catch (err) {
    await gateway.close();
    throw err;
  }
}

/** Calls the gateway directly (not through the host), as the source of truth a test compares the page with. */
export async function gatewayJson<T>(stack: Stack, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const resp = await fetch(`${stack.gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.gateway.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!resp.ok) {
    throw new Error(`gateway ${method} ${path} answered ${resp.status}: ${await resp.text()}`);
  }
  return (await resp.json()) as T;
}

/** Writes to the gateway directly, as Grafana's write route would: with the write header and the acting user. */
export async function gatewayWrite<T>(stack: Stack, path: string, body: unknown, user: string): Promise<T> {
  const resp = await fetch(`${stack.gateway.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.gateway.token}`,
      [WRITE_ROLE_HEADER]: stack.gateway.token,
      [GRAFANA_USER_HEADER]: user,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!resp.ok) {
    throw new Error(`gateway POST ${path} answered ${resp.status}: ${await resp.text()}`);
  }
  return (await resp.json()) as T;
}

export function gatewayQuery(stack: Stack, request: QueryRequest): Promise<QueryResponse> {
  return gatewayJson<QueryResponse>(stack, 'POST', '/api/query', request);
}

/** A data-frame JSON as rows keyed by field name. */
export function frameRows(frame: DataFrameJSON): Array<Record<string, unknown>> {
  const names = frame.schema.fields.map((f) => f.name);
  const length = frame.data.values[0]?.length ?? 0;
  return Array.from({ length }, (_, row) =>
    Object.fromEntries(names.map((name, col) => [name, frame.data.values[col]?.[row]]))
  );
}
