import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './ConfigError';
import { loadConfig } from './loadConfig';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeYaml = (text: string) => {
    const file = path.join(dir, 'opsdeck.yaml');
    fs.writeFileSync(file, text);
    return file;
  };

  function configError(run: () => unknown): ConfigError {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('applies the documented defaults, resolving paths against the working directory', () => {
    const config = loadConfig({}, dir);
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      apiToken: undefined,
      dataDir: path.join(dir, 'data'),
      database: path.join(dir, 'data', 'opsdeck.sqlite'),
      catalog: path.join(dir, 'provisioning/opsdeck/services.yaml'),
      demoSeed: 42,
      logLevel: 'info',
      configFile: undefined,
      webhooks: {},
      incidents: {},
      deployments: { endpoints: {}, pollIntervalMs: 60_000, rollbackAdminOnly: false },
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig(
      {
        OPSDECK_PORT: '9090',
        OPSDECK_HOST: '127.0.0.1',
        OPSDECK_API_TOKEN: 'a-long-enough-token-123',
        OPSDECK_DATA_DIR: '/var/lib/opsdeck',
        OPSDECK_DATABASE: 'postgres://u:p@db:5432/opsdeck',
        OPSDECK_CATALOG: 'catalog.yaml',
        OPSDECK_DEMO_SEED: '7',
        OPSDECK_LOG_LEVEL: 'debug',
        PATH: '/usr/bin',
      },
      dir
    );
    expect(config).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      apiToken: 'a-long-enough-token-123',
      dataDir: '/var/lib/opsdeck',
      database: 'postgres://u:p@db:5432/opsdeck',
      catalog: path.join(dir, 'catalog.yaml'),
      demoSeed: 7,
      logLevel: 'debug',
    });
  });

  it('reads the YAML file named by OPSDECK_CONFIG; the environment wins over it', () => {
    const file = writeYaml('port: 7000\ndataDir: state\ndemoSeed: 3\nlogLevel: warn\n');
    const config = loadConfig({ OPSDECK_CONFIG: file, OPSDECK_DEMO_SEED: '9' }, dir);
    expect(config).toMatchObject({
      port: 7000,
      dataDir: path.join(dir, 'state'),
      database: path.join(dir, 'state', 'opsdeck.sqlite'),
      demoSeed: 9,
      logLevel: 'warn',
      configFile: file,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ OPSDECK_API_TOKEN: '', OPSDECK_PORT: '' }, dir)).toMatchObject({
      apiToken: undefined,
      port: 8080,
    });
  });

  it('refuses a non-numeric port, naming the variable and the environment', () => {
    const error = configError(() => loadConfig({ OPSDECK_PORT: 'eighty' }, dir));
    expect(error).toMatchObject({ key: 'OPSDECK_PORT', file: 'environment' });
    expect(error.message).toBe('environment: OPSDECK_PORT: expected a port number from 0 to 65535, got "eighty"');
  });

  it('refuses an out-of-range port in the YAML file, naming the key and the file', () => {
    const file = writeYaml('port: 70000\n');
    const error = configError(() => loadConfig({ OPSDECK_CONFIG: file }, dir));
    expect(error).toMatchObject({ key: 'port', file });
    expect(error.message).toContain(`${file}: port: expected a port number`);
  });

  it('refuses an unknown OPSDECK_* variable', () => {
    const error = configError(() => loadConfig({ OPSDECK_PROT: '8080' }, dir));
    expect(error).toMatchObject({ key: 'OPSDECK_PROT', file: 'environment' });
    expect(error.message).toMatch(/unknown setting \(known: OPSDECK_CONFIG, OPSDECK_PORT/);
  });

  it('refuses an unknown key in the YAML file', () => {
    const file = writeYaml('port: 8080\napiTokn: abc\n');
    const error = configError(() => loadConfig({ OPSDECK_CONFIG: file }, dir));
    expect(error).toMatchObject({ key: 'apiTokn', file });
    expect(error.message).toContain('unknown setting');
  });

  it('refuses malformed YAML, naming the file', () => {
    const file = writeYaml('port: [8080\nhost: x\n');
    const error = configError(() => loadConfig({ OPSDECK_CONFIG: file }, dir));
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/not valid YAML/);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a missing config file and a YAML file that is not a mapping', () => {
    expect(configError(() => loadConfig({ OPSDECK_CONFIG: 'nope.yaml' }, dir)).message).toMatch(
      /cannot read the config file \(ENOENT\)/
    );
    const file = writeYaml('- port\n');
    expect(configError(() => loadConfig({ OPSDECK_CONFIG: file }, dir)).message).toMatch(/expected a mapping/);
  });

  it('refuses a database URL of another scheme rather than treating it as a file name', () => {
    const error = configError(() => loadConfig({ OPSDECK_DATABASE: 'mysql://db/opsdeck' }, dir));
    expect(error.key).toBe('OPSDECK_DATABASE');
    expect(loadConfig({ OPSDECK_DATABASE: 'postgresql://db/x' }, dir).database).toBe('postgresql://db/x');
    expect(loadConfig({ OPSDECK_DATABASE: 'my.sqlite' }, dir).database).toBe(path.join(dir, 'my.sqlite'));
  });

  it('refuses a short api token without echoing it', () => {
    const error = configError(() => loadConfig({ OPSDECK_API_TOKEN: 'short-secret' }, dir));
    expect(error.key).toBe('OPSDECK_API_TOKEN');
    expect(error.message).not.toContain('short-secret');
  });

  it('refuses an unknown log level and a negative seed', () => {
    expect(configError(() => loadConfig({ OPSDECK_LOG_LEVEL: 'verbose' }, dir)).message).toContain(
      'one of fatal, error, warn'
    );
    expect(configError(() => loadConfig({ OPSDECK_DEMO_SEED: '-1' }, dir)).key).toBe('OPSDECK_DEMO_SEED');
  });

  it('reads the shared Redis cache: no URL = none, the prefix defaults to opsdeck', () => {
    expect(loadConfig({}, dir).redis).toBeUndefined();
    expect(loadConfig({ OPSDECK_REDIS_URL: 'redis://127.0.0.1:6379' }, dir).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'opsdeck',
    });
    const file = writeYaml('redisUrl: rediss://cache.example.internal:6380/2\nredisPrefix: opsdeck:prod\n');
    expect(loadConfig({ OPSDECK_CONFIG: file }, dir).redis).toEqual({
      url: 'rediss://cache.example.internal:6380/2',
      prefix: 'opsdeck:prod',
    });
  });

  it('refuses a malformed Redis URL, naming the key, without echoing a password', () => {
    for (const bad of ['127.0.0.1:6379', 'http://cache:6379', 'redis://', 'redis://:hunter2-secret@']) {
      const error = configError(() => loadConfig({ OPSDECK_REDIS_URL: bad }, dir));
      expect(error.key).toBe('OPSDECK_REDIS_URL');
      expect(error.message).toContain('a redis:// or rediss:// URL');
      expect(error.message).not.toContain('hunter2');
    }
    expect(configError(() => loadConfig({ OPSDECK_REDIS_PREFIX: 'has space' }, dir)).key).toBe('OPSDECK_REDIS_PREFIX');
  });
});
