import { PluginPage } from '@grafana/runtime';
import { Alert, LinkButton } from '@grafana/ui';
import { type GatewayConnection, useGatewayClient } from '@/api/useGatewayClient';
import { APP_CONFIG_URL, NEW_DATASOURCE_URL } from '@/constants';
import { testIds } from '@/components/testIds';
import { FleetOverview } from './FleetOverview';
import { InfraCostStrip } from './InfraCostStrip';

function ConnectionProblem({ connection }: { connection: Exclude<GatewayConnection, { state: 'ready' }> }) {
  const missing = connection.state === 'no-datasource';
  return (
    <Alert severity="error" title={missing ? 'No Opsdeck datasource configured' : 'Opsdeck datasource not found'} data-testid={testIds.overview.error}>
      <p>{connection.message}</p>
      <LinkButton href={missing ? NEW_DATASOURCE_URL : APP_CONFIG_URL} variant="primary" data-testid={testIds.overview.errorAction}>
        {missing ? 'Add an Opsdeck datasource' : 'Open the app configuration'}
      </LinkButton>
    </Alert>
  );
}

function OverviewPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Health of every service in the catalog over the last hour, with infrastructure and cost at a glance">
      <div data-testid={testIds.overview.page}>
        {connection.state === 'ready' ? <FleetOverview client={connection.client} glance={<InfraCostStrip client={connection.client} />} /> : <ConnectionProblem connection={connection} />}
      </div>
    </PluginPage>
  );
}

export default OverviewPage;
