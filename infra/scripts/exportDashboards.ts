/**
 * `npm run export:cloudwatch-dashboards [-- --out <dir>] [-- -c key=value …]`: writes the CloudWatch dashboards of
 * the catalog as DashboardBody files, the very bodies Opsdeck-Dashboards deploys. Settings are the CDK app's
 * (infra/cdk.json context, then `-c` pairs); without an account and region the gateway's home is taken to be the
 * first catalog service's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listAlarms } from '../lib/alarms/catalogAlarms';
import { readCatalog } from '../lib/catalog';
import { DEFAULT_CATALOG, readConfig, REPO_ROOT } from '../lib/config';
import { catalogDashboards } from '../lib/dashboards/body';
import { dashboardFiles, writeDashboardFiles } from '../lib/dashboards/export';

export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'infra/out/cloudwatch-dashboards');

function main(argv: string[]): void {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const context: Record<string, unknown> = { ...(cdkJson.context ?? {}) };
  let out = DEFAULT_OUT_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') out = path.resolve(argv[++i] ?? '');
    else if (arg === '-c' || arg === '--context') {
      const pair = argv[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq < 1) throw new Error(`-c expects key=value, got "${pair}"`);
      context[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else throw new Error(`unknown argument ${arg}; expected --out <dir> or -c key=value`);
  }
  const catalogFile = typeof context.catalog === 'string' ? path.resolve(REPO_ROOT, context.catalog) : DEFAULT_CATALOG;
  const services = readCatalog(catalogFile).services;
  const first = services[0].aws;
  const fallback = { CDK_DEFAULT_ACCOUNT: first.account, CDK_DEFAULT_REGION: first.region };
  const config = readConfig((key) => context[key], Object.keys(context), { ...fallback, ...process.env });
  const home = { account: config.account, region: config.region };
  const alarms = listAlarms(services, home, config.alarmOverrides);
  const written = writeDashboardFiles(out, dashboardFiles(catalogDashboards(services, home, alarms)));
  const shown = path.relative(process.cwd(), out);
  console.log(
    `${written.length} CloudWatch dashboards for account ${home.account}, ${home.region} → ${shown.startsWith('..') ? out : shown || '.'}`
  );
}

main(process.argv.slice(2));
