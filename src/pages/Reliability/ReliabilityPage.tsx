import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { ReliabilityView } from './ReliabilityView';

function ReliabilityPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Time to acknowledge, to resolve and between failures; alert fatigue; cost efficiency: worst first">
      <div data-testid={testIds.reliability.page}>
        {connection.state === 'ready' ? (
          <ReliabilityView client={connection.client} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.reliability.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default ReliabilityPage;
