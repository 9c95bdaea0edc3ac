// The gateway process: start, say where the token is, stop cleanly on SIGTERM/SIGINT. All logic is in startGateway.
import { CatalogError } from './catalog';
import { ConfigError } from './config';
import { startGateway, StartupError, type RunningGateway } from './startGateway';

process.setSourceMapsEnabled(true);

function describeToken(gateway: RunningGateway): string {
  const { token } = gateway;
  if (!token.file) {
    return 'API token: from the settings (OPSDECK_API_TOKEN)';
  }
  return token.generated
    ? `API token: generated and saved to ${token.file} (mode 0600); enter it in the Opsdeck datasource settings`
    : `API token: read from ${token.file}`;
}

async function main(): Promise<void> {
  const gateway = await startGateway(process.env, process.cwd());
  const mode = gateway.demo ? 'serving the demo fleet' : 'serving live sources';
  process.stdout.write(`opsdeck gateway listening on ${gateway.address}, ${mode}\n${describeToken(gateway)}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`opsdeck gateway: ${signal}, shutting down\n`);
    gateway.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`opsdeck gateway: error while shutting down: ${error.message}\n`);
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Operators see one line naming what to fix; a stack trace only for the truly unexpected, and only at debug.
  const known = error instanceof ConfigError || error instanceof CatalogError || error instanceof StartupError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`opsdeck gateway: cannot start: ${message}\n`);
  if (!known && process.env.OPSDECK_LOG_LEVEL === 'debug' && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exit(1);
});
