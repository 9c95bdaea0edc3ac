/**
 * `npm run pagerduty -- plan | apply | terraform`: PagerDuty services, escalation policies and the webhook v3
 * subscription from the service catalog and escalation.yaml.
 *
 * - plan: reads PagerDuty and prints the changes; writes nothing.
 * - apply: the same plan, then makes the changes and checks that a new plan is empty. The signing secret of a
 *   webhook subscription it creates is printed once, here and nowhere else.
 * - terraform: the same desired state as HCL (no PagerDuty access needed).
 *
 * Settings as the gateway reads them (loadConfig): OPSDECK_PAGERDUTY_API_TOKEN, OPSDECK_PAGERDUTY_API_URL,
 * OPSDECK_PAGERDUTY_FROM_EMAIL, OPSDECK_CATALOG, or the same keys in the OPSDECK_CONFIG file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CatalogError, loadCatalog } from '../catalog';
import { ConfigError } from '../config/ConfigError';
import { loadConfig } from '../config/loadConfig';
import { PagerDutyAdminClient } from '../sources/pagerduty/adminClient';
import { PAGERDUTY_API_URL } from '../sources/pagerduty/client';
import { UpstreamError } from '../sources/rest/jsonHttp';
import { ApplyError, applyPlan, type ApplyResult } from './apply';
import { defaultEscalationFile, loadDesiredState, PAGERDUTY_WEBHOOK_PATH } from './escalationFile';
import type { DesiredState } from './model';
import { pagerDutyWriter, readPagerDutyState } from './pagerdutyApi';
import { planChanges } from './plan';
import { changeTitle, renderPlan } from './renderPlan';
import { renderTerraform } from './terraform';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `usage: npm run pagerduty -- <plan|apply|terraform> [options]

  plan        show what apply would change in PagerDuty (writes nothing)
  apply       make PagerDuty match the catalog and the escalation file
  terraform   write the same as Terraform HCL for the PagerDuty provider

options:
  --catalog <file>       the service catalog (default: OPSDECK_CATALOG, else provisioning/opsdeck/services.yaml)
  --escalation <file>    the escalation file (default: escalation.yaml beside the catalog)
  --gateway-url <url>    where PagerDuty reaches the gateway, over webhook.gatewayUrl of the escalation file
  --out <file>           terraform: write the HCL to this file instead of standard output
  --detailed-exitcode    plan: exit 2 when there are changes, 0 when there are none

environment: OPSDECK_PAGERDUTY_API_TOKEN (plan, apply), OPSDECK_PAGERDUTY_API_URL (default ${PAGERDUTY_API_URL}),
OPSDECK_PAGERDUTY_FROM_EMAIL (sent as From on writes)
`;

interface Options {
  command: 'plan' | 'apply' | 'terraform';
  catalog?: string;
  escalation?: string;
  gatewayUrl?: string;
  out?: string;
  detailedExitCode: boolean;
}

class UsageError extends Error {}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv.some((a) => a === '--help' || a === '-h' || a === 'help')) {
    (argv.length === 0 ? io.stderr : io.stdout)(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(options, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogError || error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof UpstreamError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function run(options: Options, io: CliIo): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const catalogFile = options.catalog ? path.resolve(io.cwd, options.catalog) : config.catalog;
  const catalog = loadCatalog(catalogFile);
  const escalationFile = options.escalation
    ? path.resolve(io.cwd, options.escalation)
    : defaultEscalationFile(catalogFile);
  const desired = withGatewayUrl(loadDesiredState(escalationFile, catalog), options.gatewayUrl);
  const shown = (file: string) => shownPath(file, io.cwd);

  if (options.command === 'terraform') {
    const hcl = renderTerraform(desired, { catalog: shown(catalogFile), escalation: shown(escalationFile) });
    if (options.out) {
      const out = path.resolve(io.cwd, options.out);
      fs.writeFileSync(out, hcl);
      io.stdout(`wrote ${shown(out)}\n`);
    } else {
      io.stdout(hcl);
    }
    return 0;
  }

  const token = config.incidents.pagerdutyApiToken;
  if (!token) {
    throw new UsageError(
      'OPSDECK_PAGERDUTY_API_TOKEN is not set: plan and apply need a PagerDuty REST API key (read and write for apply)'
    );
  }
  const baseUrl = config.incidents.pagerdutyApiUrl ?? PAGERDUTY_API_URL;
  const client = new PagerDutyAdminClient({ token, baseUrl, from: config.incidents.pagerdutyFromEmail });
  io.stdout(`PagerDuty ${baseUrl} against ${shown(catalogFile)} and ${shown(escalationFile)}\n\n`);

  const plan = planChanges(await readPagerDutyState(client), desired);
  io.stdout(renderPlan(plan));
  if (plan.errors.length > 0) return 1;
  if (options.command === 'plan') {
    return options.detailedExitCode && plan.changes.length > 0 ? 2 : 0;
  }
  if (plan.changes.length === 0) return 0;

  io.stdout('\nApplying:\n');
  let result: ApplyResult;
  try {
    result = await applyPlan(plan, pagerDutyWriter(client), ({ change, id }) =>
      io.stdout(
        change.action === 'create' ? `  created ${changeTitle(change)}: ${id}\n` : `  updated ${changeTitle(change)}\n`
      )
    );
  } catch (error) {
    if (error instanceof ApplyError) {
      printSecrets(error.result, io);
      io.stderr(`${error.message}\nRun plan again to see what is left.\n`);
      return 1;
    }
    throw error;
  }
  printSecrets(result, io);

  const after = planChanges(await readPagerDutyState(client), desired);
  if (after.errors.length > 0 || after.changes.length > 0) {
    io.stderr(`PagerDuty still differs after apply:\n${renderPlan(after)}`);
    return 1;
  }
  io.stdout(`\nApplied ${result.applied.length} change(s); PagerDuty now matches the catalog.\n`);
  return 0;
}

/** The one place a signing secret is shown: standard output, once, with what to do with it. */
function printSecrets(result: ApplyResult, io: CliIo): void {
  for (const created of result.secrets) {
    const scope = created.service === undefined ? 'whole account' : `service "${created.service}"`;
    io.stdout(
      `\nSigning secret of webhook_subscription ${created.subscriptionId} (${created.url}, ${scope}).\n` +
        'PagerDuty shows it only now; it is not stored anywhere:\n\n' +
        `    ${created.secret}\n\n` +
        'Put it into OPSDECK_PAGERDUTY_WEBHOOK_SECRET of every gateway (comma-separated with the secrets of the\n' +
        'other subscriptions that deliver to it) and restart them, or the gateway refuses these deliveries.\n'
    );
  }
  for (const id of result.withoutSecret) {
    io.stderr(
      `PagerDuty created webhook_subscription ${id} without answering its signing secret: delete it in PagerDuty and apply again\n`
    );
  }
}

function withGatewayUrl(desired: DesiredState, gatewayUrl: string | undefined): DesiredState {
  if (gatewayUrl === undefined) return desired;
  if (!desired.webhook) throw new UsageError('--gateway-url: the escalation file has no webhook section');
  if (!/^https?:\/\/[^\s/]+/.test(gatewayUrl)) throw new UsageError('--gateway-url: expected an http(s) URL');
  return {
    ...desired,
    webhook: { ...desired.webhook, url: `${gatewayUrl.replace(/\/+$/, '')}${PAGERDUTY_WEBHOOK_PATH}` },
  };
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'plan' && command !== 'apply' && command !== 'terraform') {
    throw new UsageError(command === undefined ? 'a command is required' : `unknown command: ${command}`);
  }
  const options: Options = { command, detailedExitCode: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--catalog':
        options.catalog = value();
        break;
      case '--escalation':
        options.escalation = value();
        break;
      case '--gateway-url':
        options.gatewayUrl = value();
        break;
      case '--out':
        if (command !== 'terraform') throw new UsageError('--out is for the terraform command');
        options.out = value();
        break;
      case '--detailed-exitcode':
        options.detailedExitCode = true;
        break;
      default:
        throw new UsageError(`unknown option: ${arg}`);
    }
  }
  return options;
}

function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
