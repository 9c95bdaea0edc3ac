import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { OnCallView } from './OnCallView';

function OnCallPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Who is on call now and next, per escalation policy">
      <div data-testid={testIds.onCall.page}>
        {connection.state === 'ready' ? <OnCallView client={connection.client} /> : <ConnectionProblem connection={connection} testId={testIds.onCall.error} />}
      </div>
    </PluginPage>
  );
}

export default OnCallPage;
