import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './ConfigError';
import { resolveApiToken } from './apiToken';

describe('resolveApiToken', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-token-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('uses the configured token and writes nothing', () => {
    expect(resolveApiToken(dir, 'configured-token-0123')).toEqual({ token: 'configured-token-0123', generated: false });
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('generates a token at first start into <dataDir>/api-token with mode 0600, then reuses it', () => {
    const first = resolveApiToken(dir);
    const file = path.join(dir, 'api-token');
    expect(first).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), file, generated: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = resolveApiToken(dir);
    expect(second).toEqual({ token: first.token, file, generated: false });
  });

  it('refuses an emptied token file instead of running with no token', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'api-token'), '\n');
    expect(() => resolveApiToken(dir)).toThrow(ConfigError);
  });
});
