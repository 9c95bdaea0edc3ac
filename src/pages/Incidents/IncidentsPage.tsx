import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { canWrite } from '@/components/userRole';
import { IncidentsView } from './IncidentsView';

function IncidentsPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Open and recent incidents, their timelines and post-mortems">
      <div data-testid={testIds.incidents.page}>
        {connection.state === 'ready' ? (
          <IncidentsView client={connection.client} canEdit={canWrite()} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.incidents.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default IncidentsPage;
