/**
 * AWS example payloads from ../shared/fixtures (AWS CLI docs, aws-lambda-go test data). Outside CI a checkout
 * without ../shared skips these tests with a message; in CI a missing folder is an error.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../../shared/fixtures');
export const fixturesPresent = fs.existsSync(FIXTURES_DIR);

if (!fixturesPresent) {
  if (process.env.CI) throw new Error(`shared AWS fixtures missing at ${FIXTURES_DIR}; CI must provide ../shared`);
  console.warn(`skipping AWS fixture tests: ${FIXTURES_DIR} not found (check out ../shared to run them)`);
}

export const describeWithFixtures = fixturesPresent ? describe : describe.skip;

const TIMESTAMP_KEYS = new Set([
  'createTime',
  'completeTime',
  'startTime',
  'lastStatusChange',
  'created',
  'updated',
  'lastUpdateTime',
]);

/** Reads a CLI-format fixture and turns its epoch-second timestamps into Dates, as the SDK's deserializer does. */
export function loadSdkFixture<T>(relativePath: string): T {
  const text = fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
  return JSON.parse(text, (key, value: unknown) =>
    TIMESTAMP_KEYS.has(key) && typeof value === 'number' ? new Date(value * 1000) : value
  ) as T;
}

export function loadJsonFixture<T>(relativePath: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8')) as T;
}
