import { config, PluginPage } from '@grafana/runtime';
import { Route, Routes, useParams } from 'react-router-dom';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { canWrite } from '@/components/userRole';
import { prefixRoute, ROUTES } from '@/constants';
import { ServicesView } from './ServicesView';
import { ServiceView } from './ServiceView';

function ServicesList() {
  const connection = useGatewayClient();
  return (
    <PluginPage subTitle="Every catalog service by error budget left, with health, burn, incidents, on-call, deploys and cost">
      <div data-testid={testIds.services.page}>
        {connection.state === 'ready' ? (
          <ServicesView client={connection.client} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.services.error} />
        )}
      </div>
    </PluginPage>
  );
}

function ServicePage() {
  const service = useParams().service ?? '';
  const connection = useGatewayClient();
  return (
    <PluginPage
      pageNav={{ text: service, parentItem: { text: 'Services', url: prefixRoute(ROUTES.Services) } }}
      subTitle="Service levels, golden signals, deploys, incidents, on-call and cost of one service"
    >
      <div data-testid={testIds.service.page}>
        {connection.state === 'ready' ? (
          <ServiceView
            key={service}
            client={connection.client}
            service={service}
            role={config.bootData.user.orgRole}
            canAcknowledge={canWrite()}
          />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.service.error} />
        )}
      </div>
    </PluginPage>
  );
}

/** The list at /services and one service at /services/<name>: one nav entry, the detail is its sub-path. */
function ServicesRoutes() {
  return (
    <Routes>
      <Route index element={<ServicesList />} />
      <Route path=":service" element={<ServicePage />} />
    </Routes>
  );
}

export default ServicesRoutes;
