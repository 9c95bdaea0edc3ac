import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { canWrite } from '@/components/userRole';
import { MaintenanceView } from './MaintenanceView';

function MaintenancePage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Maintenance windows: alerts they cover are kept but suppressed; live">
      <div data-testid={testIds.maintenance.page}>
        {connection.state === 'ready' ? (
          <MaintenanceView client={connection.client} canEdit={canWrite()} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.maintenance.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default MaintenancePage;
