/**
 * @jest-environment node
 */
// Our machines have no Docker engine, so docker-compose.yaml is checked statically: Debian's docker-compose accepts it
// (its `config` validates without a daemon), it uses the official Grafana image, mounts folders that exist, and wires
// the settings Opsdeck depends on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(__dirname, '../..');
const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yaml'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

type Service = {
  image?: string;
  build?: { context: string; target?: string };
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};
const services: Record<string, Service> = compose.services;

describe('docker-compose.yaml', () => {
  it('is accepted by docker-compose config', () => {
    const check = spawnSync('docker-compose', ['-f', 'docker-compose.yaml', 'config', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('has grafana, the gateway and the plugin hand-over', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'grafana', 'plugins']);
  });

  it('runs the official Grafana image at the version the plugins are built against', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(services.grafana.image).toBe(`grafana/grafana:${pkg.devDependencies['@grafana/data']}`);
  });

  it('builds the gateway and plugins from Dockerfile targets that exist', () => {
    for (const name of ['gateway', 'plugins']) {
      const target = services[name].build?.target;
      expect(target).toBeDefined();
      expect(dockerfile).toMatch(new RegExp(`^FROM .+ AS ${target}$`, 'm'));
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
          expect(Object.keys(compose.volumes)).toContain(source);
        }
      }
    }
  });

  it('publishes Grafana on 3000 and the gateway on 8080', () => {
    expect(services.grafana.ports).toContain('3000:3000');
    expect(services.gateway.ports).toContain('8080:8080');
  });

  it('allows our unsigned plugins, sends the user header, and gives Grafana and the gateway the same token', () => {
    const env = services.grafana.environment ?? {};
    expect(env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',').sort()).toEqual([
      'opsdeck-sre-app',
      'opsdeck-sre-datasource',
    ]);
    expect(env.GF_DATAPROXY_SEND_USER_HEADER).toBe('true');
    expect(env.OPSDECK_API_TOKEN).toBe(services.gateway.environment?.OPSDECK_API_TOKEN);
    expect(env.OPSDECK_GATEWAY_URL).toBe('http://gateway:8080');
  });

  it('has healthchecks and starts Grafana only after the gateway is healthy and the plugins are copied', () => {
    expect(services.gateway.healthcheck?.test.join(' ')).toContain('/api/health');
    expect(services.grafana.healthcheck?.test.join(' ')).toContain('/api/health');
    expect(services.grafana.depends_on).toEqual({
      plugins: { condition: 'service_completed_successfully' },
      gateway: { condition: 'service_healthy' },
    });
  });

  it('mounts every provisioning folder Grafana reads', () => {
    const targets = (services.grafana.volumes ?? []).map((v) => v.split(':')[1]);
    for (const folder of ['datasources', 'plugins', 'dashboards']) {
      expect(targets).toContain(`/etc/grafana/provisioning/${folder}`);
    }
    const provider = YAML.parse(fs.readFileSync(path.join(root, 'provisioning/dashboards/opsdeck.yaml'), 'utf8'));
    expect(targets).toContain(provider.providers[0].options.path);
  });
});
