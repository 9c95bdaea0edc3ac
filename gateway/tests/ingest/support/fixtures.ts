/**
 * The published payload samples live outside the repository (../shared/fixtures). A fresh clone has no such folder:
 * tests that need it skip with a message then, except in CI, where a missing folder is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures');
export const fixturesPresent = existsSync(fixturesDir);

if (!fixturesPresent && process.env.CI) {
  throw new Error(`CI must provide the shared payload fixtures at ${fixturesDir}`);
}

/** `describe` when the fixtures exist, otherwise a skipped block whose name says why. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (fixturesPresent) {
    describe(name, body);
  } else {
    describe.skip(`${name} [skipped: no payload fixtures at ${fixturesDir}]`, body);
  }
}

export function fixturePath(relative: string): string {
  return path.join(fixturesDir, relative);
}

export function readFixture(relative: string): Buffer {
  return readFileSync(fixturePath(relative));
}

export function readFixtureText(relative: string): string {
  return readFixture(relative).toString('utf8').trim();
}

export function readFixtureJson(relative: string): unknown {
  return JSON.parse(readFixture(relative).toString('utf8'));
}
