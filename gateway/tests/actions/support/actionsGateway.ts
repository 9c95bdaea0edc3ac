/**
 * A real gateway (buildApp, SQLite temp file, loopback port) with the incident tools pointed at the fakes, timers
 * off so tests drive maintenance ticks and polls themselves, and a movable clock. Exposes the store and the app's
 * alert store to seed alerts through the real persist path and to read the audit and event logs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  GRAFANA_USER_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  WRITE_ROLE_HEADER,
  type Alert,
  type AlertSource,
} from '@opsdeck/contract';
import { buildApp, type GatewayDeps } from '../../../src/app';
import { alertId, incidentId } from '../../../src/upstream/alertIngest';
import { loadCatalog } from '../../../src/catalog';
import { buildSources } from '../../../src/sources';
import { openStore, type Store } from '../../../src/store';
import { REPO_CATALOG } from '../../support/gateway';

/** A response body as the tests navigate it (the assertions check its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON navigated by expectations
export type JsonBody = any;

export const START = Date.parse('2026-11-27T12:00:00Z');

export interface ActionsGateway {
  url: string;
  token: string;
  app: FastifyInstance;
  store: Store;
  clock: { now: number };
  /** POST through the "write route": bearer + write header + Grafana user. */
  write(
    path: string,
    body?: unknown,
    options?: { user?: string; idempotencyKey?: string; viewer?: boolean }
  ): Promise<{ status: number; body: JsonBody }>;
  read(path: string): Promise<{ status: number; body: JsonBody }>;
  /** Persists an alert (and, for incident sources, its incident) through the alert store's persist path. */
  seedAlert(alert: Partial<Alert> & Pick<Alert, 'source' | 'dedupKey'>): Promise<Alert>;
  close(): Promise<void>;
}

export async function startActionsGateway(
  alertActions: GatewayDeps['alertActions'] = {},
  demo = false,
  /** Inbound webhook settings; absent = every webhook refuses (401). */
  webhooks?: GatewayDeps['webhooks']
): Promise<ActionsGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-actions-'));
  const token = `test-${crypto.randomBytes(16).toString('hex')}`;
  const catalog = loadCatalog(REPO_CATALOG);
  const store = openStore(path.join(dataDir, 'opsdeck.sqlite'));
  await store.migrate();
  const clock = { now: START };
  const sources = demo ? buildSources({ demoSeed: 42 }, catalog) : [];
  const app = await buildApp({
    config: { apiToken: token, logLevel: 'silent' },
    catalog,
    store,
    sources,
    webhooks,
    clock: () => clock.now,
    alertActions: { timers: false, clientOverrides: { opsgeniePollIntervalMs: 20 }, ...alertActions },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  const call = async (method: string, p: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${url}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  let sequence = 0;
  return {
    url,
    token,
    app,
    store,
    clock,
    write: (p, body, options = {}) =>
      call(
        'POST',
        p,
        {
          ...(options.viewer ? {} : { [WRITE_ROLE_HEADER]: token }),
          [GRAFANA_USER_HEADER]: options.user ?? 'alice',
          ...(options.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey } : {}),
        },
        body ?? {}
      ),
    read: (p) => call('GET', p, {}),
    async seedAlert(partial) {
      const alert: Alert = {
        id: alertId(partial.source, partial.dedupKey),
        severity: 'critical',
        status: 'firing',
        startsAt: clock.now - 60_000,
        updatedAt: clock.now - 60_000,
        summary: `Alert ${partial.dedupKey}`,
        labels: {},
        links: [],
        ...partial,
      };
      const hasIncident = partial.source === 'pagerduty' || partial.source === 'opsgenie';
      sequence += 1;
      await app.alertStore.persist({
        source: partial.source as AlertSource,
        deliveryId: `seed-${sequence}`,
        receivedAt: alert.updatedAt,
        batch: {
          alerts: [alert],
          incidents: hasIncident
            ? [
                {
                  id: incidentId(partial.source, partial.dedupKey),
                  source: partial.source,
                  externalId: partial.dedupKey,
                  title: alert.summary,
                  service: alert.service,
                  team: alert.team,
                  severity: alert.severity,
                  status: 'triggered',
                  createdAt: alert.startsAt,
                  alertIds: [alert.id],
                  links: [],
                  entry: { kind: 'triggered', at: alert.startsAt },
                },
              ]
            : [],
        },
      });
      return (await app.alertStore.getAlert(alert.id))!.alert;
    },
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
