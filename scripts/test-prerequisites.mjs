// What `npm test` needs beyond node_modules: real third-party programs the tests drive (Chromium, Alertmanager,
// Prometheus, openssl, HAProxy) and the local PostgreSQL and Redis every machine of ours runs. Each is located first;
// a missing program is installed from Debian's packages when we run as root on Debian, otherwise we stop with one line
// naming the exact command.
// Kept free of dependencies: it runs before anything else and must explain itself on a bare machine.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** The programs the tests run, by the path they use, and the Debian package that provides each. */
export const PROGRAMS = [
  { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', usedBy: 'browser tests (tests/e2e)' },
  { path: '/usr/bin/prometheus-alertmanager', pkg: 'prometheus-alertmanager', usedBy: 'Alertmanager tests' },
  { path: '/usr/bin/amtool', pkg: 'prometheus-alertmanager', usedBy: 'Alertmanager config checks' },
  { path: '/usr/bin/prometheus', pkg: 'prometheus', usedBy: 'the KPI exporter scrape test' },
  { path: '/usr/bin/promtool', pkg: 'prometheus', usedBy: 'promtool check metrics on /metrics' },
  { path: '/usr/bin/openssl', pkg: 'openssl', usedBy: 'the TLS webhook tests' },
  { path: '/usr/bin/docker-compose', pkg: 'docker-compose', usedBy: 'the compose file check (config needs no daemon)' },
  { path: '/usr/sbin/haproxy', pkg: 'haproxy', usedBy: 'the load balancer config check (haproxy -c)' },
  { path: '/usr/bin/pdftotext', pkg: 'poppler-utils', usedBy: 'the report PDF test' },
];

/** Services the store, cache and replica tests connect to; started before every session and in CI. */
const SERVICES = [
  { name: 'PostgreSQL', host: '127.0.0.1', port: 5432, start: startPostgres },
  { name: 'Redis', host: '127.0.0.1', port: 6379, start: startRedis },
];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');

function fail(line) {
  console.error(`test prerequisites: ${line}`);
  process.exit(1);
}

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installPrograms() {
  const missing = PROGRAMS.filter((p) => !executable(p.path));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((p) => p.pkg))];
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!isRoot || !hasApt) {
    fail(`missing ${missing.map((p) => p.path).join(', ')}; install with: sudo sh -c '${command}'`);
  }
  console.log(`test prerequisites: installing ${packages.join(', ')} from Debian's packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', ...packages]]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (run.status !== 0) fail(`\`apt-get ${args.join(' ')}\` failed (exit ${run.status}); run: ${command}`);
  }
  const still = PROGRAMS.filter((p) => !executable(p.path));
  if (still.length > 0) fail(`still missing after install: ${still.map((p) => p.path).join(', ')}`);
}

function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function startPostgres() {
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  if (versions.length === 0) return 'install PostgreSQL (apt-get install postgresql) with trust auth on 127.0.0.1:5432';
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start'], { stdio: 'ignore' });
  return undefined;
}

function startRedis() {
  if (!executable('/usr/bin/redis-server')) return 'install Redis (apt-get install redis-server) on 127.0.0.1:6379';
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  return undefined;
}

async function ensureServices() {
  for (const service of SERVICES) {
    if (await reachable(service.host, service.port)) continue;
    let hint;
    if (isRoot) {
      try {
        hint = service.start();
      } catch (error) {
        hint = `starting it failed: ${error.message.split('\n')[0]}`;
      }
      for (let i = 0; i < 20 && !hint; i++) {
        if (await reachable(service.host, service.port)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (!hint && (await reachable(service.host, service.port))) continue;
    }
    fail(`${service.name} is not answering on ${service.host}:${service.port}; ${hint ?? 'start it (as root this script starts it)'}`);
  }
}

installPrograms();
await ensureServices();
