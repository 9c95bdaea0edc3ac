/**
 * A test copy of provisioning/alertmanager/alertmanager.yml: the same routing tree, inhibition and time intervals,
 * but every receiver replaced by one webhook to a local server, timings short enough for a test, and each named
 * time interval made "always" or "never" active so results do not depend on the hour the test runs.
 */
import { parse, stringify } from 'yaml';

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
  [key: string]: unknown;
}

interface AlertmanagerConfig {
  route: Route;
  receivers: Array<{ name: string; [key: string]: unknown }>;
  time_intervals?: Array<{ name: string; time_intervals: unknown[] }>;
  [key: string]: unknown;
}

export interface VariantOptions {
  /** Receiver name → URL of the local webhook server standing in for it. */
  receiverUrls: Record<string, string>;
  /** Time interval name → whether it is active during the test. */
  timeIntervals: Record<string, 'always' | 'never'>;
  /** Replaces the credentials (file) of receivers that authenticate, so the test can check the header. */
  credentials: string;
}

interface WebhookConfig {
  http_config?: { authorization?: { type?: string } };
}

const ALWAYS = [{ times: [{ start_time: '00:00', end_time: '24:00' }] }];
// A year long past can never be the current one.
const NEVER = [{ years: ['2000'] }];

export function receiverNames(configText: string): string[] {
  return (parse(configText) as AlertmanagerConfig).receivers.map((r) => r.name);
}

export function buildTestVariant(configText: string, options: VariantOptions): string {
  const config = parse(configText) as AlertmanagerConfig;
  config.receivers = config.receivers.map((receiver) => {
    const url = options.receiverUrls[receiver.name];
    if (!url) {
      throw new Error(`no test server for receiver ${receiver.name}`);
    }
    const original = (receiver.webhook_configs as WebhookConfig[] | undefined)?.[0]?.http_config?.authorization;
    const httpConfig = original
      ? { http_config: { authorization: { type: original.type ?? 'Bearer', credentials: options.credentials } } }
      : {};
    return { name: receiver.name, webhook_configs: [{ url, send_resolved: false, ...httpConfig }] };
  });
  config.time_intervals = (config.time_intervals ?? []).map(({ name }) => {
    const activity = options.timeIntervals[name];
    if (!activity) {
      throw new Error(`the test does not say whether time interval ${name} is active`);
    }
    return { name, time_intervals: activity === 'always' ? ALWAYS : NEVER };
  });
  shortenTimings(config.route, true);
  return stringify(config);
}

function shortenTimings(route: Route, isRoot: boolean): void {
  delete route.group_wait;
  delete route.group_interval;
  delete route.repeat_interval;
  if (isRoot) {
    // Children inherit these; a long repeat keeps every receiver to exactly one notification per group.
    Object.assign(route, { group_wait: '1s', group_interval: '1s', repeat_interval: '1h' });
  }
  for (const child of route.routes ?? []) {
    shortenTimings(child, false);
  }
}
