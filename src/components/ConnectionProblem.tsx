import { Alert, LinkButton } from '@grafana/ui';
import { type GatewayConnection } from '@/api/useGatewayClient';
import { APP_CONFIG_URL, NEW_DATASOURCE_URL } from '@/constants';

/** Why a page cannot reach the gateway, with the one action that fixes it. */
export function ConnectionProblem({ connection, testId }: { connection: Exclude<GatewayConnection, { state: 'ready' }>; testId: string }) {
  const missing = connection.state === 'no-datasource';
  return (
    <Alert severity="error" title={missing ? 'No Opsdeck datasource configured' : 'Opsdeck datasource not found'} data-testid={testId}>
      <p>{connection.message}</p>
      <LinkButton href={missing ? NEW_DATASOURCE_URL : APP_CONFIG_URL} variant="primary">
        {missing ? 'Add an Opsdeck datasource' : 'Open the app configuration'}
      </LinkButton>
    </Alert>
  );
}
