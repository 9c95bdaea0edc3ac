import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { useEffect, useState } from 'react';
import { GatewayClient, type GatewayFetch, proxyUrlForDatasource, toGatewayError } from '@/api';
import { type HealthResponse } from '@opsdeck/contract';
import { testIds } from '../testIds';

type HealthState = { state: 'loading' } | { state: 'ok'; health: HealthResponse } | { state: 'error'; message: string };

/** The gateway's /api/health as the chosen datasource reaches it, so a bad URL or token shows up here too. */
export function DatasourceHealth({ uid, fetcher }: { uid: string; fetcher: GatewayFetch }) {
  const [result, setResult] = useState<HealthState>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setResult({ state: 'loading' });
    new GatewayClient(proxyUrlForDatasource(uid), fetcher).health().then(
      (health) => !cancelled && setResult({ state: 'ok', health }),
      (err) => !cancelled && setResult({ state: 'error', message: toGatewayError(err).message })
    );
    return () => {
      cancelled = true;
    };
  }, [uid, fetcher]);

  return (
    <div data-testid={testIds.appConfig.health} aria-live="polite">
      {result.state === 'loading' && <LoadingPlaceholder text="Checking the gateway…" />}
      {result.state === 'error' && (
        <Alert severity="error" title="Gateway not reachable">
          {result.message}
        </Alert>
      )}
      {result.state === 'ok' && !result.health.authenticated && (
        <Alert severity="error" title="Gateway rejected the API token">
          The gateway {result.health.version} answered but did not accept the datasource&apos;s API token. Fix the
          token in the datasource settings.
        </Alert>
      )}
      {result.state === 'ok' && result.health.authenticated && (
        <Alert severity={result.health.status === 'ok' ? 'success' : 'warning'} title={`Gateway ${result.health.version}: ${result.health.status}`}>
          {result.health.mode === 'demo' ? 'Demo mode: serving the generated demo fleet.' : 'Live mode.'} Sources:{' '}
          {result.health.sources.map((s) => `${s.id} (${s.state})`).join(', ') || 'none'}. Store: {result.health.store.driver} (
          {result.health.store.state}).
        </Alert>
      )}
    </div>
  );
}
