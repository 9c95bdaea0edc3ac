import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './ConfigError';

export const API_TOKEN_FILE = 'api-token';

export interface ResolvedApiToken {
  token: string;
  /** Where the token was found or generated; undefined when it came from the settings. */
  file?: string;
  generated: boolean;
}

/**
 * The token Grafana's proxy must send. An operator-set token wins; otherwise one is generated at first start and
 * kept in `<dataDir>/api-token` (mode 0600) so restarts keep working with the token already saved in Grafana.
 */
export function resolveApiToken(dataDir: string, configured?: string): ResolvedApiToken {
  if (configured) {
    return { token: configured, generated: false };
  }
  const file = path.join(dataDir, API_TOKEN_FILE);
  if (fs.existsSync(file)) {
    const token = fs.readFileSync(file, 'utf8').trim();
    if (!/^\S{16,}$/.test(token)) {
      throw new ConfigError(
        API_TOKEN_FILE,
        file,
        'the stored api token is empty or too short; delete the file to generate a new one'
      );
    }
    return { token, file, generated: false };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const token = crypto.randomBytes(32).toString('base64url');
  // 'wx' fails if another process created the file meanwhile, rather than overwriting a token already in use.
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, file, generated: true };
}
