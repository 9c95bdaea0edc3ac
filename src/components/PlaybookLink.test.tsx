import { type AppPluginMeta, PluginContextProvider, PluginType } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import { type ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { PLUGIN_ID } from '@/constants';
import { type Alert, type IncidentDetailResponse, PLAYBOOKS_APP_PATH } from '@opsdeck/contract';
import { alertFixture, ALERT_NOW } from '@/pages/Alerts/alertFixtures';
import { AlertDrawer } from '@/pages/Alerts/AlertDrawer';
import { IncidentDetail } from '@/pages/Incidents/IncidentDetail';
import { type AppSettings } from './App/appSettings';
import { testIds } from './testIds';

const WAIT = { timeout: 5000 };
jest.setTimeout(20_000);
const BASE = '/api/datasources/proxy/uid/opsdeck';

beforeAll(() => {
  // @grafana/ui's Drawer watches its content with an IntersectionObserver, which jsdom lacks.
  Object.assign(global, {
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
});

const burnAlert = alertFixture({
  id: 'a1',
  source: 'opsdeck',
  severity: 'warning',
  summary: 'checkout-api: availability error budget burning (ticket)',
  runbookUrl: 'https://runbooks.example/checkout',
  labels: {
    alertname: 'SLOBurnRate',
    service: 'checkout-api',
    slo: 'checkout-api/availability',
    burn_severity: 'ticket',
    sli: 'availability',
  },
});

/** The app's plugin context, as Grafana provides it to app pages, with the given jsonData. */
function withSettings(jsonData: AppSettings, children: ReactNode) {
  const meta = {
    id: PLUGIN_ID,
    name: 'Opsdeck SRE',
    type: PluginType.app,
    jsonData,
    info: {},
  } as unknown as AppPluginMeta;
  return <PluginContextProvider meta={meta}>{children}</PluginContextProvider>;
}

function drawer(alert: Alert) {
  const client = new GatewayClient(
    BASE,
    fakeFetch({ [`GET ${BASE}/read/api/alerts/${alert.id}`]: { data: { alert, incidents: [] } } })
  );
  return (
    <MemoryRouter>
      <AlertDrawer
        client={client}
        alertId={alert.id}
        listed={alert}
        deepLink="/a/opsdeck-sre-app/alerts?alert=a1"
        onClose={() => {}}
      />
    </MemoryRouter>
  );
}

describe('Playbook links', () => {
  it('shows the alert’s playbook next to its runbook in the drawer', async () => {
    render(drawer(burnAlert));
    const body = await screen.findByTestId(testIds.alerts.drawer, {}, WAIT);
    expect(within(body).getByTestId(testIds.alerts.drawerRunbook)).toHaveAttribute(
      'href',
      'https://runbooks.example/checkout'
    );
    const playbook = within(body).getByTestId(testIds.alerts.drawerPlaybook);
    expect(playbook).toHaveTextContent('Playbook: Error budget burning slowly (ticket)');
    // The app's own page, in place, with the Grafana paths of the alert's service filled in.
    expect(playbook).toHaveAttribute('href', `${PLAYBOOKS_APP_PATH}/slo-slow-burn?service=checkout-api`);
    expect(playbook).not.toHaveAttribute('target');
  });

  it('points at the docs base URL set in the app’s jsonData, in a new tab', async () => {
    render(withSettings({ docsBaseUrl: 'https://git.example.internal/sre/opsdeck/-/blob/main' }, drawer(burnAlert)));
    const playbook = await screen.findByTestId(testIds.alerts.drawerPlaybook, {}, WAIT);
    expect(playbook).toHaveAttribute(
      'href',
      'https://git.example.internal/sre/opsdeck/-/blob/main/docs/playbooks/slo-slow-burn.md'
    );
    expect(playbook).toHaveAttribute('target', '_blank');
  });

  it('opens a runbook that is a Grafana path in place, and any other in a new tab', async () => {
    render(drawer({ ...burnAlert, runbookUrl: `${PLAYBOOKS_APP_PATH}#checkout-api` }));
    const runbook = await screen.findByTestId(testIds.alerts.drawerRunbook, {}, WAIT);
    expect(runbook).toHaveAttribute('href', `${PLAYBOOKS_APP_PATH}#checkout-api`);
    expect(runbook).not.toHaveAttribute('target');
  });

  it('gives a playbook even to an alert without a runbook, from its own playbook label', async () => {
    render(drawer(alertFixture({ id: 'a1', labels: { alertname: 'Anything', playbook: 'rds-replica-lag' } })));
    expect(await screen.findByTestId(testIds.alerts.drawerRunbook, {}, WAIT)).toHaveTextContent('No runbook linked');
    expect(screen.getByTestId(testIds.alerts.drawerPlaybook)).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/rds-replica-lag?service=checkout-api`
    );
  });

  it('links an incident to the playbook of its CloudWatch alarm, and to its alert’s runbook', async () => {
    const alarm = alertFixture({
      id: 'a9',
      source: 'sns',
      summary: 'checkout-db connections',
      runbookUrl: 'https://runbooks.example/checkout-db',
      labels: { alarm_name: 'checkout-db connections', namespace: 'AWS/RDS', metric_name: 'DatabaseConnections' },
    });
    const detail: IncidentDetailResponse = {
      incident: {
        id: 'i1',
        source: 'sns',
        externalId: 'arn',
        title: 'checkout-db connections',
        service: 'checkout-api',
        severity: 'critical',
        status: 'triggered',
        createdAt: ALERT_NOW - 60_000,
        updatedAt: ALERT_NOW,
        alertIds: ['a9'],
        timeline: [],
        links: [],
      },
      alerts: [alarm],
    };
    const client = new GatewayClient(
      BASE,
      fakeFetch({
        [`GET ${BASE}/read/api/incidents/i1`]: { data: detail },
        [`GET ${BASE}/read/api/incidents/i1/postmortem`]: { data: { postmortem: null } },
        [`GET ${BASE}/read/api/health`]: { data: { status: 'ok', mode: 'live', sources: [] } },
      })
    );
    render(
      <MemoryRouter>
        <IncidentDetail client={client} incidentId="i1" version={0} canEdit={false} alertLink={(id) => `#${id}`} />
      </MemoryRouter>
    );
    const playbook = await screen.findByTestId(testIds.incidents.playbook, {}, WAIT);
    expect(playbook).toHaveTextContent('Playbook: RDS connection pool exhausted');
    expect(playbook).toHaveAttribute('href', `${PLAYBOOKS_APP_PATH}/rds-connection-pool?service=checkout-api`);
    const runbook = screen.getByTestId(testIds.incidents.runbook);
    expect(runbook).toHaveAttribute('href', 'https://runbooks.example/checkout-db');
    expect(runbook).toHaveAttribute('target', '_blank');
  });
});
