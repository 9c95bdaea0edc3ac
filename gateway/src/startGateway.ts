import { type FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { cloudwatchClientsFor } from './sources/aws/alarmClients';
import { loadCatalog } from './catalog';
import { loadConfig, resolveApiToken, type LoadedConfig, type ResolvedApiToken } from './config';
import { activeSources, buildSources } from './sources';
import { deploymentModeOf } from './deployments/deploymentMode';
import { describeDatabase, openStore, type Store } from './store';
import { replicaId } from './cluster/replicaId';
import { RedisSharedCache } from './cluster/redisSharedCache';

export interface RunningGateway {
  app: FastifyInstance;
  config: LoadedConfig;
  token: ResolvedApiToken;
  address: string;
  /** True when only the demo fleet answers. */
  demo: boolean;
  /** Stops accepting requests, lets running ones finish, then closes the store. */
  stop(): Promise<void>;
}

/** Thrown for failures that have a plain explanation; the message is one line an operator can act on. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Everything server.ts does except process handling: settings, catalog, store, sources, app, listen. */
export async function startGateway(env: NodeJS.ProcessEnv, cwd: string): Promise<RunningGateway> {
  const config = loadConfig(env, cwd);
  const catalog = loadCatalog(config.catalog);
  const token = resolveApiToken(config.dataDir, config.apiToken);
  const store = await openMigratedStore(config.database);
  // Never awaited: the gateway starts and answers with Redis down, from each replica's own cache.
  const redis = config.redis && new RedisSharedCache(config.redis);
  try {
    const sources = buildSources(
      { demoSeed: config.demoSeed, aws: config.aws, awsDeps: { sharedCache: redis } },
      catalog
    );
    const app = await buildApp({
      config: { apiToken: token.token, logLevel: config.logLevel },
      catalog,
      store,
      sources,
      webhooks: config.webhooks,
      alertActions: { settings: config.incidents, cloudwatch: cloudwatchClientsFor(config.aws) },
      demoSeed: config.demoSeed,
      cluster: { replica: replicaId(config.replicaId) },
      redis,
      deployments: { settings: config.deployments, mode: deploymentModeOf(config) },
    });
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      app,
      config,
      token,
      address,
      demo: activeSources(sources).every((source) => source.demo),
      async stop() {
        await app.close();
        redis?.close();
        await store.close();
      },
    };
  } catch (error) {
    redis?.close();
    await store.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`port ${config.port} on ${config.host} is already in use (OPSDECK_PORT)`);
    }
    throw error;
  }
}

async function openMigratedStore(database: string): Promise<Store> {
  const shown = describeDatabase(database);
  let store: Store;
  try {
    store = openStore(database);
  } catch (error) {
    throw new StartupError(`cannot open the database ${shown}: ${(error as Error).message}`);
  }
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    const detail = (error as Error).message || (error as NodeJS.ErrnoException).code || String(error);
    throw new StartupError(`cannot prepare the database ${shown}: ${detail}`);
  }
}
