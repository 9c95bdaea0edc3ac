/**
 * Test support: the app built from CDK context as `cdk synth` would build it, in-process and offline. The handler of
 * the event forwarder is a temporary directory (its real bundle is built by bin/opsdeck.ts), so no bundler runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { buildOpsdeck, type OpsdeckStacks } from '../lib/app';
import { readConfig, type InfraConfig } from '../lib/config';

export const HOME = { account: '111111111111', region: 'eu-west-1' } as const;

// CDK runs CloudFormation Validate on every synthesis; test/synth.test.ts checks it once (it costs seconds per file).
process.env.CDK_VALIDATION ??= 'false';

/** The context of the tests: the demo catalog's first account as the gateway's, and a pushed image. */
export const BASE_CONTEXT: Record<string, unknown> = {
  account: HOME.account,
  region: HOME.region,
  gatewayImage: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/opsdeck-gateway:test',
  gatewayUrl: 'https://opsdeck.example.com',
};

export function configOf(context: Record<string, unknown> = BASE_CONTEXT): InfraConfig {
  return readConfig((key) => context[key], Object.keys(context), {});
}

let codeDir: string | undefined;
/** A directory standing for the built handler: an index.js exporting `handler`. */
export function fakeHandlerDir(): string {
  if (!codeDir) {
    codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-aws-events-'));
    fs.writeFileSync(path.join(codeDir, 'index.js'), 'exports.handler = async () => ({ batchItemFailures: [] });\n');
  }
  return codeDir;
}

export function buildApp(
  context: Record<string, unknown> = BASE_CONTEXT,
  options: { awsEvents?: boolean } = {}
): { app: App; stacks: OpsdeckStacks } {
  const app = new App({ context });
  const stacks = buildOpsdeck(app, configOf(context), {
    awsEventsCodeDir: options.awsEvents === false ? undefined : fakeHandlerDir(),
  });
  return { app, stacks };
}

/** The gateway container's plain environment. */
export function containerEnv(template: Template): Record<string, string> {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  const [container] = task.Properties.ContainerDefinitions;
  return Object.fromEntries(container.Environment.map((e: { Name: string; Value: string }) => [e.Name, e.Value]));
}

/** The gateway container's secrets: setting → the secret's logical id (or ARN when imported). */
export function containerSecrets(template: Template): Record<string, unknown> {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  const [container] = task.Properties.ContainerDefinitions;
  return Object.fromEntries(container.Secrets.map((e: { Name: string; ValueFrom: unknown }) => [e.Name, e.ValueFrom]));
}
