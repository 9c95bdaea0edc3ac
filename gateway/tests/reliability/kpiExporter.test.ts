// The SRE KPIs on /metrics: promtool's own lint, label sets bounded by the catalog, figures equal to the API's, and
// a real Prometheus (Debian's) scraping the gateway and answering them back through PromQL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SloResponse } from '@opsdeck/contract';
import { loadCatalog } from '../../src/catalog';
import { REPO_CATALOG, startTestGateway, type TestGateway } from '../support/gateway';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const RULES = path.resolve(__dirname, '../../../provisioning/prometheus/opsdeck-kpi-rules.yml');
if (!(fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL)) && process.env.CI) {
  throw new Error('CI must install Debian prometheus (prometheus and promtool); scripts/test-prerequisites.mjs does');
}
const describeWithPrometheus = fs.existsSync(PROMETHEUS) ? describe : describe.skip;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
  await gateway.refreshKpis();
});
afterAll(async () => {
  await gateway.close();
});

const metricsText = async () => (await fetch(`${gateway.url}/metrics`)).text();
const catalogServices = () =>
  loadCatalog(REPO_CATALOG)
    .services.map((s) => s.name)
    .sort();

describeWithPrometheus('KPI exporter', () => {
  it('passes promtool check metrics, and the example rules pass promtool check rules', async () => {
    const lint = spawnSync(PROMTOOL, ['check', 'metrics'], { input: await metricsText(), encoding: 'utf8' });
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
    const rules = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(rules.status).toBe(0);
  });

  it('labels only catalog services, and its figures are the API’s', async () => {
    const text = await metricsText();
    const kpiLines = text.split('\n').filter((l) => /^opsdeck_(slo|health|incident|open_incidents)/.test(l));
    const services = new Set(kpiLines.flatMap((l) => [...l.matchAll(/service="([^"]*)"/g)].map((m) => m[1])));
    expect([...services].sort()).toEqual(catalogServices());

    const slo = (await (
      await fetch(`${gateway.url}/api/slo`, { headers: { authorization: `Bearer ${gateway.token}` } })
    ).json()) as SloResponse;
    const checkout = slo.services.find((s) => s.service === 'checkout-api')!;
    expect(text).toContain(`opsdeck_health_score{service="checkout-api"} ${checkout.healthScore}\n`);
    const availability = checkout.objectives.find((o) => o.id === 'availability')!;
    expect(
      sample(text, `opsdeck_slo_error_budget_remaining_ratio{service="checkout-api",slo="availability"}`)
    ).toBeCloseTo(availability.errorBudget.remaining!, 12);
    expect(sample(text, `opsdeck_cost_per_1k_requests_usd{service="checkout-api"}`)).toBeGreaterThan(0);
    // The demo fleet backfills 30 days of incidents: every service has an MTTR.
    expect(sample(text, `opsdeck_incident_mttr_seconds{service="checkout-api",statistic="p90"}`)).toBeGreaterThan(0);
  });

  it('is scraped by a real Prometheus, which answers the same figures through PromQL', async () => {
    const prometheus = await startPrometheus(new URL(gateway.url).host);
    try {
      const query = 'opsdeck_health_score{service="checkout-api"}';
      const value = await prometheus.waitForValue(query);
      expect(value).toBe(sample(await metricsText(), `opsdeck_health_score{service="checkout-api"}`));
    } finally {
      await prometheus.stop();
    }
  }, 60_000);
});

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startPrometheus(target: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: [${JSON.stringify(RULES)}]`,
      'scrape_configs:',
      '  - job_name: opsdeck',
      `    static_configs: [{ targets: [${JSON.stringify(target)}] }]`,
    ].join('\n')
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const waitForValue = async (query: string): Promise<number> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}\n${output}`);
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(query)}`)
        .then((r) => r.json() as Promise<{ data?: { result?: Array<{ value: [number, string] }> } }>)
        .catch(() => undefined);
      const result = answer?.data?.result?.[0];
      if (result) return Number(result.value[1]);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`prometheus never answered ${query}\n${output}`);
  };
  return { stop, waitForValue };
}
