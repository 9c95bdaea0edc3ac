import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { canWrite } from '@/components/userRole';
import { AlertsView } from './AlertsView';

function AlertsPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Open alerts from every source, by service; live">
      <div data-testid={testIds.alerts.page}>
        {connection.state === 'ready' ? (
          <AlertsView client={connection.client} canAcknowledge={canWrite()} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.alerts.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default AlertsPage;
