/**
 * @jest-environment node
 */
// Our machines have no Docker engine, so the two stacks are checked statically: docker-compose.yaml (one gateway,
// Grafana, Alertmanager, Prometheus) and docker-compose.ha.yaml (three gateways on Postgres and Redis behind HAProxy).
// Debian's docker-compose accepts both (its `config` validates without a daemon); they use official images pinned to
// a version, mount files that exist, and wire what Opsdeck depends on. The configs they mount are checked by the
// programs that will read them: the gateway's own config loader, `promtool check config` and `promtool test rules`,
// and `haproxy -c` (alertmanager.yml: `amtool check-config` in gateway/tests/alertmanager/checkConfig.test.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { EVENTS_HEARTBEAT_MS } from '@opsdeck/contract';
import { loadConfig } from '../../gateway/src/config/loadConfig';

const root = path.resolve(__dirname, '../..');
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

const PROMTOOL = '/usr/bin/promtool';
const HAPROXY = '/usr/sbin/haproxy';
for (const tool of [PROMTOOL, HAPROXY]) {
  if (!fs.existsSync(tool) && process.env.CI) {
    throw new Error(`CI must install ${tool}; scripts/test-prerequisites.mjs does`);
  }
}
const itWith = (tool: string) => (fs.existsSync(tool) ? it : it.skip);

type Service = {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { aliases?: string[] } | null>;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

// Merge keys (`<<: *gateway`) as compose reads them.
const readCompose = (file: string): Compose =>
  YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'), { merge: true }) as Compose;
const base = readCompose('docker-compose.yaml');
const ha = readCompose('docker-compose.ha.yaml');

/** `${NAME:-default}` as compose resolves it with nothing set: the demo defaults. */
const demo = (value: string) => value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
const environment = (service: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, demo(String(v))]));

const gateways = (compose: Compose) =>
  Object.entries(compose.services).filter(([, service]) => service.build?.target === 'gateway');

/** The host path (relative to the repository) mounted at `target`, if any. */
function mountAt(service: Service, target: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, at] = volume.split(':');
    if (at === target) return source;
  }
  return undefined;
}

/** The services a host name reaches on the compose network: by service name or network alias. */
function servicesAt(compose: Compose, host: string): string[] {
  return Object.entries(compose.services)
    .filter(
      ([name, service]) =>
        name === host || Object.values(service.networks ?? {}).some((n) => n?.aliases?.includes(host))
    )
    .map(([name]) => name);
}

const flag = (service: Service, name: string) =>
  service.command?.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

function composeConfig(file: string) {
  // A clean environment and an empty env file: what a fresh checkout resolves, whatever .env says.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-compose-'));
  try {
    fs.writeFileSync(path.join(dir, 'empty.env'), '');
    return spawnSync('docker-compose', ['--env-file', path.join(dir, 'empty.env'), '-f', file, 'config', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function hasPinnedImage(service: Service, repository: string) {
  // A release (postgres:18.4, haproxy:3.2.21, prom/prometheus:v3.14.0), never `latest` or a bare major.
  expect(service.image).toMatch(new RegExp(`^${repository.replace('/', '\\/')}:v?\\d+(\\.\\d+)+$`));
}

const STACKS: Array<[string, Compose]> = [
  ['docker-compose.yaml', base],
  ['docker-compose.ha.yaml', ha],
];

describe.each(STACKS)('%s', (file, compose) => {
  const { services } = compose;

  it('is accepted by docker-compose config', () => {
    const check = composeConfig(file);
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('builds the gateways and plugins from Dockerfile targets that exist', () => {
    expect(gateways(compose).length).toBeGreaterThan(0);
    for (const service of [...gateways(compose).map(([, s]) => s), services.plugins]) {
      expect(dockerfile).toMatch(new RegExp(`^FROM .+ AS ${service.build?.target}$`, 'm'));
    }
  });

  it('bind-mounts only paths that exist and declares every named volume', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source.startsWith('.')) {
          expect({ service: name, source, exists: fs.existsSync(path.join(root, source)) }).toEqual({
            service: name,
            source,
            exists: true,
          });
        } else {
          expect(Object.keys(compose.volumes ?? {})).toContain(source);
        }
      }
    }
  });

  it('runs the official Grafana image at the version the plugins are built against', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(services.grafana.image).toBe(`grafana/grafana:${pkg.devDependencies['@grafana/data']}`);
  });

  it('allows our unsigned plugins, sends the user header, and gives Grafana and every gateway the same token', () => {
    const env = environment(services.grafana);
    expect(env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',').sort()).toEqual([
      'opsdeck-sre-app',
      'opsdeck-sre-datasource',
    ]);
    expect(env.GF_DATAPROXY_SEND_USER_HEADER).toBe('true');
    for (const [, gateway] of gateways(compose)) {
      expect(env.OPSDECK_API_TOKEN).toBe(environment(gateway).OPSDECK_API_TOKEN);
    }
  });

  it('mounts every provisioning folder Grafana reads', () => {
    const targets = (services.grafana.volumes ?? []).map((v) => v.split(':')[1]);
    for (const folder of ['datasources', 'plugins', 'dashboards']) {
      expect(targets).toContain(`/etc/grafana/provisioning/${folder}`);
    }
    const provider = YAML.parse(fs.readFileSync(path.join(root, 'provisioning/dashboards/opsdeck.yaml'), 'utf8'));
    expect(targets).toContain(provider.providers[0].options.path);
  });

  it("gives every gateway an environment the gateway's own config loader accepts", () => {
    for (const [name, gateway] of gateways(compose)) {
      const env = environment(gateway);
      expect(Object.keys(env).every((key) => key.startsWith('OPSDECK_'))).toBe(true);
      // Throws a ConfigError naming the variable on anything the gateway would refuse to start with.
      const config = loadConfig(env, '/app');
      expect({ name, port: config.port }).toEqual({ name, port: 8080 });
    }
  });

  it("tells every gateway where Alertmanager is, and Alertmanager's token the gateways expect", () => {
    // Alertmanager listens on its default port.
    expect(flag(services.alertmanager, 'web.listen-address')).toBeUndefined();
    const listen = '9093';
    for (const [, gateway] of gateways(compose)) {
      const url = new URL(environment(gateway).OPSDECK_ALERTMANAGER_URL);
      expect(servicesAt(compose, url.hostname)).toEqual(['alertmanager']);
      expect(url.port).toBe(listen);
      expect(environment(gateway).OPSDECK_WEBHOOK_TOKEN).toBe(
        environment(services['alertmanager-secrets']).OPSDECK_WEBHOOK_TOKEN
      );
    }
  });

  it('runs Alertmanager pinned, with provisioning/alertmanager and its webhook token written where it reads it', () => {
    const alertmanager = services.alertmanager;
    hasPinnedImage(alertmanager, 'prom/alertmanager');
    const configFile = flag(alertmanager, 'config.file')!;
    expect(mountAt(alertmanager, configFile)).toBe('./provisioning/alertmanager/alertmanager.yml');
    expect(alertmanager.depends_on).toEqual({
      'alertmanager-secrets': { condition: 'service_completed_successfully' },
    });
    expect(alertmanager.healthcheck?.test.join(' ')).toContain('/-/healthy');

    const config = YAML.parse(fs.readFileSync(path.join(root, 'provisioning/alertmanager/alertmanager.yml'), 'utf8'));
    const history = config.receivers.find((r: { name: string }) => r.name === 'opsdeck-history').webhook_configs[0];
    const credentials: string = history.http_config.authorization.credentials_file;
    // The folder of the token file is the secrets volume, which the one-shot writes that file into.
    const volume = mountAt(alertmanager, path.posix.dirname(credentials))!;
    const writer = services['alertmanager-secrets'];
    const writtenTo = mountAt(writer, '/secrets');
    expect({ volume, writtenTo }).toEqual({ volume: 'alertmanager-secrets', writtenTo: 'alertmanager-secrets' });
    expect(writer.command?.join(' ')).toContain(`> /secrets/${path.posix.basename(credentials)}`);
    expect(writer.command?.join(' ')).toContain('"$$OPSDECK_WEBHOOK_TOKEN"');
  });

  it("posts Alertmanager's history webhook to the gateway's route (the load balancer when there are replicas)", () => {
    const config = YAML.parse(fs.readFileSync(path.join(root, 'provisioning/alertmanager/alertmanager.yml'), 'utf8'));
    const history = config.receivers.find((r: { name: string }) => r.name === 'opsdeck-history').webhook_configs[0];
    const url = new URL(history.url);
    expect(url.pathname).toBe('/webhooks/alertmanager');
    expect(url.port).toBe('8080');
    const [target] = servicesAt(compose, url.hostname);
    expect(servicesAt(compose, url.hostname)).toHaveLength(1);
    if (gateways(compose).length === 1) {
      expect(services[target].build?.target).toBe('gateway');
    } else {
      expect(target).toBe('lb');
    }
  });

  describe('Prometheus', () => {
    const prometheus = services.prometheus;
    const configSource = () => mountAt(prometheus, flag(prometheus, 'config.file')!)!;
    const config = () => YAML.parse(fs.readFileSync(path.join(root, configSource()), 'utf8'));
    /** The rule_files globs as host paths, through the folder mounted at their directory. */
    const ruleGlobs = () =>
      (config().rule_files as string[]).map((glob) => {
        const source = mountAt(prometheus, path.posix.dirname(glob));
        expect({ glob, mounted: source !== undefined }).toEqual({ glob, mounted: true });
        return path.join(root, source!, path.posix.basename(glob));
      });

    it('runs pinned, with its config from provisioning/prometheus/server and the rules of provisioning/prometheus', () => {
      hasPinnedImage(prometheus, 'prom/prometheus');
      expect(configSource()).toMatch(/^\.\/provisioning\/prometheus\/server\/[\w.-]+\.yml$/);
      const rules = ruleGlobs().flatMap((glob) => {
        const pattern = new RegExp(
          `^${path
            .basename(glob)
            .replace(/[.+?^$()|[\]{}]/g, '\\$&')
            .replace(/\*/g, '[^/]*')}$`
        );
        return fs.readdirSync(path.dirname(glob)).filter((f) => pattern.test(f));
      });
      expect(rules).toEqual(['opsdeck-kpi-rules.yml']);
    });

    it("scrapes every gateway on its own (the public /metrics, no token) and alerts to the stack's Alertmanager", () => {
      const jobs = config().scrape_configs as Array<{
        job_name: string;
        metrics_path?: string;
        authorization?: unknown;
        static_configs: Array<{ targets: string[] }>;
      }>;
      const job = jobs.find((j) => j.job_name === 'opsdeck-gateway')!;
      expect(job.metrics_path ?? '/metrics').toBe('/metrics');
      expect(job.authorization).toBeUndefined();
      const targets = job.static_configs.flatMap((c) => c.targets).sort();
      const expected = gateways(compose)
        .map(([name]) => `${name}:8080`)
        .sort();
      expect(targets).toEqual(expected);
      for (const target of targets) {
        expect(servicesAt(compose, target.split(':')[0])).toEqual([target.split(':')[0]]);
      }
      const alerting = config().alerting.alertmanagers.flatMap((a: { static_configs: Array<{ targets: string[] }> }) =>
        a.static_configs.flatMap((c) => c.targets)
      );
      expect(alerting).toEqual(['alertmanager:9093']);
    });

    itWith(PROMTOOL)('passes promtool check config, rules included', () => {
      // The same config, with rule_files pointing where the compose mount takes them from.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-prometheus-'));
      try {
        const copy = path.join(dir, 'prometheus.yml');
        fs.writeFileSync(copy, YAML.stringify({ ...config(), rule_files: ruleGlobs() }));
        const check = spawnSync(PROMTOOL, ['check', 'config', copy], { encoding: 'utf8' });
        expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
        expect(check.stdout).toContain('SUCCESS: 1 rule files found');
        expect(check.stdout).toMatch(/opsdeck-kpi-rules\.yml\n\s+SUCCESS: \d+ rules found/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('docker-compose.yaml (one gateway)', () => {
  const { services } = base;

  it('has grafana, the gateway, the plugin hand-over, Alertmanager with its token writer, and Prometheus', () => {
    expect(Object.keys(services).sort()).toEqual([
      'alertmanager',
      'alertmanager-secrets',
      'gateway',
      'grafana',
      'plugins',
      'prometheus',
    ]);
  });

  it('publishes Grafana on 3000, the gateway on 8080, Prometheus on 9090 and Alertmanager on 9093', () => {
    expect(services.grafana.ports).toContain('3000:3000');
    expect(services.gateway.ports).toContain('8080:8080');
    expect(services.prometheus.ports).toContain('9090:9090');
    expect(services.alertmanager.ports).toContain('9093:9093');
  });

  it('points Grafana at the gateway, on SQLite in its data volume', () => {
    expect(environment(services.grafana).OPSDECK_GATEWAY_URL).toBe('http://gateway:8080');
    expect(environment(services.gateway).OPSDECK_DATABASE).toBeUndefined();
    expect(mountAt(services.gateway, '/app/data')).toBe('gateway-data');
  });

  it('has healthchecks and starts Grafana only after the gateway is healthy and the plugins are copied', () => {
    expect(services.gateway.healthcheck?.test.join(' ')).toContain('/api/health/live');
    expect(services.grafana.healthcheck?.test.join(' ')).toContain('/api/health');
    expect(services.grafana.depends_on).toEqual({
      plugins: { condition: 'service_completed_successfully' },
      gateway: { condition: 'service_healthy' },
    });
  });
});

describe('docker-compose.ha.yaml (three gateways)', () => {
  const { services } = ha;
  const replicas = gateways(ha);

  it('runs three gateway replicas with distinct replica ids, their service names', () => {
    expect(replicas.map(([name]) => name)).toEqual(['gateway-1', 'gateway-2', 'gateway-3']);
    const ids = replicas.map(([, service]) => environment(service).OPSDECK_REPLICA_ID);
    expect(ids).toEqual(['gateway-1', 'gateway-2', 'gateway-3']);
    for (const [, service] of replicas) {
      expect(service.healthcheck?.test.join(' ')).toContain('/api/health/live');
      // Only the load balancer is published: every request goes through it.
      expect(service.ports).toBeUndefined();
    }
  });

  it('gives the replicas the same settings but their id: one Postgres, one Redis, one token, one Alertmanager', () => {
    const [first, ...others] = replicas.map(([, service]) => {
      const { OPSDECK_REPLICA_ID: _id, ...rest } = environment(service);
      return rest;
    });
    for (const other of others) expect(other).toEqual(first);
    const config = loadConfig(environment(replicas[0][1]), '/app');
    expect(config.database).toMatch(/^postgres:\/\//);
    expect(config.redis?.url).toMatch(/^redis:\/\//);
  });

  it('puts the replicas on the official Postgres image, pinned, healthy before they start', () => {
    const url = new URL(environment(replicas[0][1]).OPSDECK_DATABASE);
    expect(servicesAt(ha, url.hostname)).toEqual(['postgres']);
    const postgres = services.postgres;
    hasPinnedImage(postgres, 'postgres');
    const env = environment(postgres);
    expect({
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      port: url.port || '5432',
    }).toEqual({ user: env.POSTGRES_USER, password: env.POSTGRES_PASSWORD, database: env.POSTGRES_DB, port: '5432' });
    expect(postgres.healthcheck?.test).toContain('pg_isready');
    expect(mountAt(postgres, '/var/lib/postgresql')).toBe('postgres-data');
    for (const [, service] of replicas) {
      expect(service.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    }
  });

  it('shares one Redis (the official Valkey image, pinned), healthy before they start', () => {
    const url = new URL(environment(replicas[0][1]).OPSDECK_REDIS_URL);
    const [name] = servicesAt(ha, url.hostname);
    expect(servicesAt(ha, url.hostname)).toHaveLength(1);
    hasPinnedImage(services[name], 'valkey/valkey');
    expect(url.port || '6379').toBe('6379');
    expect(services[name].healthcheck?.test.join(' ')).toContain('ping');
    for (const [, service] of replicas) {
      expect(service.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('points Grafana at the load balancer, and starts it once every replica is healthy', () => {
    const url = new URL(environment(services.grafana).OPSDECK_GATEWAY_URL);
    expect(servicesAt(ha, url.hostname)).toEqual(['lb']);
    expect(url.port).toBe('8080');
    expect(services.grafana.depends_on).toEqual({
      plugins: { condition: 'service_completed_successfully' },
      'gateway-1': { condition: 'service_healthy' },
      'gateway-2': { condition: 'service_healthy' },
      'gateway-3': { condition: 'service_healthy' },
      lb: { condition: 'service_started' },
    });
  });

  it('publishes the load balancer on 8080 (and its status page on 8404), Grafana, Prometheus and Alertmanager', () => {
    expect(services.lb.ports).toEqual(['8080:8080', '8404:8404']);
    expect(services.grafana.ports).toContain('3000:3000');
    expect(services.prometheus.ports).toContain('9090:9090');
    expect(services.alertmanager.ports).toContain('9093:9093');
  });

  it('runs Grafana, Alertmanager and Prometheus as docker-compose.yaml does, but for where the gateways are', () => {
    for (const name of ['plugins', 'alertmanager-secrets', 'alertmanager']) {
      expect({ name, service: services[name] }).toEqual({ name, service: base.services[name] });
    }
    const withoutGateway = (service: Service) => {
      const { OPSDECK_GATEWAY_URL: _url, ...env } = environment(service);
      return { ...service, environment: env, depends_on: undefined };
    };
    expect(withoutGateway(services.grafana)).toEqual(withoutGateway(base.services.grafana));
    const withoutConfig = (service: Service) => ({
      ...service,
      volumes: service.volumes?.filter((v) => !v.endsWith(':/etc/prometheus/prometheus.yml:ro')),
    });
    expect(withoutConfig(services.prometheus)).toEqual(withoutConfig(base.services.prometheus));
  });

  describe('the load balancer (provisioning/haproxy/haproxy.cfg)', () => {
    const configFile = '/usr/local/etc/haproxy/haproxy.cfg';
    const source = mountAt(services.lb, configFile)!;
    /** The config as sections (`backend gateways` → its lines), comments dropped. */
    const sections = () => {
      const result = new Map<string, string[]>();
      let current: string[] = [];
      for (const raw of fs.readFileSync(path.join(root, source), 'utf8').split('\n')) {
        const line = raw.replace(/#.*$/, '').trimEnd();
        if (!line.trim()) continue;
        if (/^\S/.test(line)) result.set(line.trim().replace(/\s+/g, ' '), (current = []));
        else current.push(line.trim().replace(/\s+/g, ' '));
      }
      return result;
    };
    const seconds = (value: string) => Number(value.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[value.slice(-1)]!;
    const timeout = (lines: string[], name: string) => {
      const line = lines.find((l) => l.startsWith(`timeout ${name} `));
      return line ? seconds(line.split(' ')[2]) : undefined;
    };

    it('is the official HAProxy image, pinned, reading the file from provisioning/haproxy', () => {
      hasPinnedImage(services.lb, 'haproxy');
      expect(source).toBe('./provisioning/haproxy/haproxy.cfg');
    });

    it('listens on the port the stack reaches it on, and balances round robin over all three replicas', () => {
      const frontend = sections().get('frontend gateway')!;
      expect(frontend).toContain('bind :8080');
      const backendName = frontend.find((l) => l.startsWith('default_backend '))!.split(' ')[1];
      const backend = sections().get(`backend ${backendName}`)!;
      expect(backend).toContain('balance roundrobin');
      const servers = backend.filter((l) => l.startsWith('server ')).map((l) => l.split(' ')[2]);
      expect(servers).toEqual(replicas.map(([name]) => `${name}:8080`));
    });

    it('checks /api/health/live on every server, and cuts the streams of one taken out', () => {
      const backend = sections().get('backend gateways')!;
      expect(backend).toContain('option httpchk');
      expect(backend).toContain('http-check send meth GET uri /api/health/live');
      expect(backend).toContain('http-check expect status 200');
      const defaults = backend.find((l) => l.startsWith('default-server '))!.split(' ');
      expect(defaults).toEqual(expect.arrayContaining(['check', 'on-marked-down', 'shutdown-sessions']));
      // Names resolve only on the compose network, and again when a replica comes back with a new address.
      expect(defaults).toEqual(expect.arrayContaining(['resolvers', 'docker', 'init-addr', 'last,libc,none']));
      expect(sections().get('resolvers docker')).toContain('parse-resolv-conf');
    });

    it('keeps SSE and WebSocket streams (/api/events) open past the heartbeat, and longer requests', () => {
      const defaults = sections().get('defaults')!;
      expect(defaults).toContain('mode http');
      const heartbeat = EVENTS_HEARTBEAT_MS / 1000;
      for (const name of ['client', 'server']) {
        expect({ name, seconds: timeout(defaults, name)! > 2 * heartbeat }).toEqual({ name, seconds: true });
      }
      // Fastify's request timeout (gateway/src/app.ts) is 30 s: an ordinary request ends before HAProxy gives up.
      expect(timeout(defaults, 'server')).toBeGreaterThan(30);
      expect(timeout(defaults, 'tunnel')).toBeGreaterThanOrEqual(3600);
    });

    itWith(HAPROXY)('passes haproxy -c, the replicas unresolvable outside the compose network only', () => {
      const check = spawnSync(HAPROXY, ['-c', '-f', path.join(root, source)], { encoding: 'utf8' });
      expect(check.status).toBe(0);
      const warnings = check.stderr.split('\n').filter((l) => l.includes('[WARNING]') || l.includes('[ALERT]'));
      expect(warnings).toHaveLength(replicas.length);
      for (const [name] of replicas) {
        expect(warnings.some((w) => w.includes(`could not resolve address '${name}'`))).toBe(true);
      }
    });
  });
});

describe('provisioning/prometheus rules', () => {
  itWith(PROMTOOL)('pass promtool test rules: one gateway, and three replicas of which one leads', () => {
    const check = spawnSync(
      PROMTOOL,
      ['test', 'rules', path.join(__dirname, 'prometheus/opsdeck-kpi-rules.test.yml')],
      {
        encoding: 'utf8',
      }
    );
    expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });
});
