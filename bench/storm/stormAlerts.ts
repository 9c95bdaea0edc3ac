/**
 * What bench:storm stores: a catalog of 50 services over 5 teams, and Alertmanager (webhook payload version 4)
 * notifications of firing alerts with the labels a Prometheus storm carries — alertname (40 rules), service,
 * severity, instance.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SERVICES = 50;
const TEAMS = ['payments', 'catalog', 'identity', 'platform', 'growth'];
const RULES = [
  'HighErrorRate',
  'HighLatencyP99',
  'PodCrashLooping',
  'DiskFillingUp',
  'CpuThrottling',
  'MemoryPressure',
  'TargetDown',
  'CertificateExpiring',
  'QueueBacklog',
  'ReplicationLag',
];
const TIERS = ['', 'Api', 'Worker', 'Db'];
/** 40 distinct alertnames. */
export const ALERT_NAMES: readonly string[] = TIERS.flatMap((tier) => RULES.map((rule) => `${rule}${tier}`));

export function serviceName(index: number): string {
  return `svc-${String(index + 1).padStart(2, '0')}`;
}

export function writeCatalog(dir: string): string {
  const lines = ['services:'];
  for (let i = 0; i < SERVICES; i++) {
    const name = serviceName(i);
    lines.push(
      `  - name: ${name}`,
      `    team: ${TEAMS[i % TEAMS.length]}`,
      `    tier: ${(i % 3) + 1}`,
      `    owners: [owner${i + 1}@example.com]`,
      `    aws: { region: eu-west-1, loadBalancer: app/${name}/${String(i + 1).padStart(16, '0')} }`,
      `    slo: { availability: 0.995 }`
    );
  }
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * Alert number n: service n mod 50 and rule ⌊n / 50⌋ mod 40, so every (alertname, service) pair (2,000 of them)
 * fills evenly; 10% critical, 60% warning, 30% info; its own instance, so its own label set.
 */
export function alertLabels(n: number): Record<string, string> {
  const s = n % 10;
  return {
    alertname: ALERT_NAMES[Math.floor(n / SERVICES) % ALERT_NAMES.length],
    service: serviceName(n % SERVICES),
    severity: s === 0 ? 'critical' : s <= 6 ? 'warning' : 'info',
    instance: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}:9100`,
    job: 'node',
  };
}

/** How many of alerts 0..count-1 have this alertname and service. */
export function membersOf(count: number, alertname: string, service: string): number {
  let members = 0;
  for (let n = 0; n < count; n++) {
    const labels = alertLabels(n);
    if (labels.alertname === alertname && labels.service === service) members++;
  }
  return members;
}

/**
 * One notification carrying alerts `numbers`. `round` goes into each summary (a templated `{{ $value }}`, as
 * Prometheus rules have): a later notification of the same alerts then says something new, and the gateway, which
 * drops a byte-identical redelivery, stores it as a change.
 */
export function notificationBody(numbers: readonly number[], round: number, startsAt: string): string {
  const alerts = numbers.map((n) => {
    const labels = alertLabels(n);
    return {
      status: 'firing',
      labels,
      annotations: {
        summary: `${labels.alertname} on ${labels.service} ${labels.instance}: ${40 + ((n + round * 7) % 60)}% (evaluation ${round})`,
        description: `Rule ${labels.alertname} has fired for ${labels.instance} of ${labels.service}.`,
        runbook_url: `https://runbooks.example.com/${labels.alertname}`,
      },
      startsAt,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: `http://prometheus.example.com/graph?g0.expr=${labels.alertname}`,
      fingerprint: n.toString(16).padStart(16, '0'),
    };
  });
  return JSON.stringify({
    version: '4',
    status: 'firing',
    receiver: 'opsdeck',
    groupKey: `{}/{severity=~".+"}:{storm_batch="${Math.floor(numbers[0] / 100)}"}`,
    truncatedAlerts: 0,
    groupLabels: {},
    commonLabels: { job: 'node' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com',
    alerts,
  });
}
