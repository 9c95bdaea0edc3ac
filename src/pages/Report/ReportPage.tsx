import { PluginPage } from '@grafana/runtime';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { ReportView } from './ReportView';

function ReportPage() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="The weekly or monthly SRE report: SLOs, incidents, noisy alerts, deploys and cost, to print">
      <div data-testid={testIds.report.page}>
        {connection.state === 'ready' ? (
          <ReportView client={connection.client} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.report.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default ReportPage;
