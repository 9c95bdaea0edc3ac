import { z } from 'zod';
import { LOG_LEVELS } from './types';

/**
 * Every setting once: its YAML key, its environment variable and how to read it. Environment values are always
 * strings, YAML values may be numbers, so each schema accepts both and produces the final type.
 */
export interface SettingSpec {
  key: SettingKey;
  env: string;
  /** Said in the error message: "expected <expected>, got ...". */
  expected: string;
  schema: z.ZodType<string | number>;
}

export type SettingKey = 'port' | 'host' | 'apiToken' | 'dataDir' | 'database' | 'catalog' | 'demoSeed' | 'logLevel';

const integerText = z
  .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)])
  .transform((value) => (typeof value === 'number' ? value : Number(value)));

const nonEmptyText = z.string().trim().min(1);

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'port',
    env: 'OPSDECK_PORT',
    expected: 'a port number from 0 to 65535',
    schema: integerText.pipe(z.number().int().min(0).max(65535)),
  },
  { key: 'host', env: 'OPSDECK_HOST', expected: 'an address to listen on, e.g. 0.0.0.0', schema: nonEmptyText },
  {
    key: 'apiToken',
    env: 'OPSDECK_API_TOKEN',
    expected: 'a token of at least 16 characters without spaces',
    schema: z.string().regex(/^\S{16,}$/),
  },
  { key: 'dataDir', env: 'OPSDECK_DATA_DIR', expected: 'a directory path', schema: nonEmptyText },
  {
    key: 'database',
    env: 'OPSDECK_DATABASE',
    expected: 'a SQLite file path or a postgres:// URL',
    // Anything with a scheme must be Postgres; a typo like "postgress://" must not silently become a file name.
    schema: nonEmptyText.refine(
      (value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^postgres(ql)?:\/\//i.test(value)
    ),
  },
  { key: 'catalog', env: 'OPSDECK_CATALOG', expected: 'the path of services.yaml', schema: nonEmptyText },
  {
    key: 'demoSeed',
    env: 'OPSDECK_DEMO_SEED',
    expected: 'a whole number from 0 to 4294967295',
    schema: integerText.pipe(z.number().int().min(0).max(0xffffffff)),
  },
  {
    key: 'logLevel',
    env: 'OPSDECK_LOG_LEVEL',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    schema: z.enum(LOG_LEVELS),
  },
];

/** Names the YAML file; read by the loader itself, so it is not a setting. */
export const CONFIG_FILE_ENV = 'OPSDECK_CONFIG';

export const DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  catalog: 'provisioning/opsdeck/services.yaml',
  demoSeed: 42,
  logLevel: 'info',
} as const;
