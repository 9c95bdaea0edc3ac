/**
 * Builds the AWS events handler (infra/lambda/aws-events/handler.ts, its own module) into a directory the
 * forwarder's Lambda takes as its code: one CommonJS file for Node 24, the AWS SDK left to the runtime. Undefined
 * while the handler is not there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const AWS_EVENTS_HANDLER = path.resolve(__dirname, '../lambda/aws-events/handler.ts');
export const AWS_EVENTS_BUILD_DIR = path.resolve(__dirname, '../build/aws-events');

export function buildAwsEventsCode(entry = AWS_EVENTS_HANDLER, outDir = AWS_EVENTS_BUILD_DIR): string | undefined {
  if (!fs.existsSync(entry)) return undefined;
  fs.rmSync(outDir, { recursive: true, force: true });
  buildSync({
    entryPoints: [entry],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outDir;
}
