import { config, PluginPage } from '@grafana/runtime';
import { Alert, LinkButton } from '@grafana/ui';
import { type GatewayConnection, useGatewayClient } from '@/api/useGatewayClient';
import { APP_CONFIG_URL, NEW_DATASOURCE_URL } from '@/constants';
import { testIds } from '@/components/testIds';
import { DeploymentsView } from './DeploymentsView';

function ConnectionProblem({ connection }: { connection: Exclude<GatewayConnection, { state: 'ready' }> }) {
  const missing = connection.state === 'no-datasource';
  return (
    <Alert
      severity="error"
      title={missing ? 'No Opsdeck datasource configured' : 'Opsdeck datasource not found'}
      data-testid={testIds.deployments.error}
    >
      <p>{connection.message}</p>
      <LinkButton
        href={missing ? NEW_DATASOURCE_URL : APP_CONFIG_URL}
        variant="primary"
        data-testid={testIds.deployments.errorAction}
      >
        {missing ? 'Add an Opsdeck datasource' : 'Open the app configuration'}
      </LinkButton>
    </Alert>
  );
}

function DeploymentsPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Pipelines, deploy history, DORA figures and guarded rollback per service">
      <div data-testid={testIds.deployments.page}>
        {connection.state === 'ready' ? (
          <DeploymentsView client={connection.client} role={config.bootData.user.orgRole} />
        ) : (
          <ConnectionProblem connection={connection} />
        )}
      </div>
    </PluginPage>
  );
}

export default DeploymentsPage;
