import { type TestDataSourceResponse } from '@grafana/data';
import { type GatewayClient, toGatewayError } from '@/api';
import { type HealthResponse } from '@opsdeck/contract';

function describeSources(health: HealthResponse): string {
  if (!health.sources.length) {
    return 'no sources configured';
  }
  return health.sources
    .map((s) => `${s.id} (${s.kind}): ${s.state}${s.message ? ` — ${s.message}` : ''}`)
    .join('; ');
}

/**
 * "Save & test": /api/health is open without a token and reports whether the token it got was valid, so one call
 * tells apart a wrong URL (nothing answers), a wrong token, and a working setup.
 */
export async function checkGatewayHealth(client: GatewayClient, gatewayUrl: string | undefined): Promise<TestDataSourceResponse> {
  if (!gatewayUrl?.trim()) {
    return { status: 'error', message: 'Set the gateway URL (for example http://opsdeck-gateway:8080) and save again.' };
  }
  let health: HealthResponse;
  try {
    health = await client.health();
  } catch (err) {
    const error = toGatewayError(err);
    const message = error.unreachable
      ? `Grafana could not reach the Opsdeck gateway at ${gatewayUrl}. Check the URL (as seen from the Grafana server) and that the gateway is running.`
      : error.message;
    return { status: 'error', message, details: { message: error.message } };
  }
  const sources = describeSources(health);
  if (!health.authenticated) {
    return {
      status: 'error',
      message: `The gateway at ${gatewayUrl} answered, but rejected the API token. Paste the gateway's OPSDECK_API_TOKEN into "API token" and save again.`,
      details: { message: `Gateway ${health.version}, ${health.mode} mode. Sources: ${sources}` },
    };
  }
  const storeNote = health.store.state === 'ok' ? '' : ` Store (${health.store.driver}) is ${health.store.state}${health.store.message ? `: ${health.store.message}` : ''}.`;
  const message = `Connected to Opsdeck gateway ${health.version} in ${health.mode} mode. Sources: ${sources}.${storeNote}`;
  return { status: health.status === 'ok' ? 'success' : 'warning', message };
}
