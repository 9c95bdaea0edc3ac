// The live stream through the test host's Grafana-like data proxy: no buffering, and Last-Event-ID passes. It joins
// the plugin's routes (src/datasource/plugin.json), the host's proxy and the gateway, so it lives with the browser tests.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../../gateway/tests/support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../../gateway/tests/support/pagerDutyWebhook';
import { openSse, type SseStream } from '../../gateway/tests/support/sseClient';
import { DATA_PROXY_PREFIX, handleDataProxy, type ProxiedDatasource } from '../host/proxy/dataProxy';
import { parseRoutes } from '../host/proxy/pluginRoutes';

const streams: SseStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

describe('GET /api/events through the data proxy', () => {
  let gateway: TestGateway;
  let proxy: http.Server;
  let proxyUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
    const pluginJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/datasource/plugin.json'), 'utf8'));
    const datasource: ProxiedDatasource = {
      uid: 'opsdeck',
      routes: parseRoutes(pluginJson),
      jsonData: { gatewayUrl: gateway.url },
      secureJsonData: { apiToken: gateway.token },
    };
    proxy = http.createServer((req, res) =>
      handleDataProxy(req, res, new Map([['opsdeck', datasource]]), { login: 'vera', role: 'Viewer' })
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address() as { port: number };
    proxyUrl = `http://127.0.0.1:${address.port}${DATA_PROXY_PREFIX}opsdeck/read/api/events`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await gateway.close();
  }, 20_000);

  it('delivers each event as it is committed (the proxy does not buffer the stream)', async () => {
    const viaProxy = await openSse(proxyUrl);
    streams.push(viaProxy);
    expect(viaProxy.status).toBe(200);
    const started = Date.now();
    await postPagerDuty(gateway.url, pagerDutyBody(10), 'proxy-1');
    const [first] = await viaProxy.waitFor(1, 2000);
    expect(Date.now() - started).toBeLessThan(1000);
    await postPagerDuty(gateway.url, pagerDutyBody(11), 'proxy-2');
    await viaProxy.waitFor(4, 2000);

    // EventSource's reconnect carries Last-Event-ID as a header; it must survive the proxy.
    const resumed = await openSse(proxyUrl, { 'last-event-id': first.id as string });
    streams.push(resumed);
    expect((await resumed.waitFor(3, 2000)).map((m) => m.id)).toEqual(viaProxy.messages.slice(1, 4).map((m) => m.id));
  });
});
