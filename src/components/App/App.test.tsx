import { type AppRootProps, PluginType } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { of } from 'rxjs';
import { FakeEventSource } from '@/api/testingEventSource';
import { PLUGIN_BASE_URL, PLUGIN_ID } from '@/constants';
import { fleetFrame } from '@/pages/Overview/fleetFixture';
import { testIds } from '../testIds';
import App from './App';
import { type AppSettings } from './appSettings';

const getList = jest.fn();
const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({ getList }),
  getBackendSrv: () => ({ fetch }),
}));

// The Overview listens to the gateway's live events; jsdom has no EventSource.
beforeAll(() => {
  Object.assign(window, { EventSource: FakeEventSource });
});
afterAll(() => {
  Reflect.deleteProperty(window, 'EventSource');
});

const opsdeck = { uid: 'opsdeck', name: 'Opsdeck', type: 'opsdeck-sre-datasource' };
const row = { service: 'checkout-api', team: 'payments', tier: 1, status: 'ok', availability: 1, error_rate: 0, latency_p99: 100, request_rate: 1, cpu_utilization: 1, open_incidents: 0, last_deploy: null };

function renderApp(path: string, jsonData: AppSettings = {}) {
  const props = {
    meta: { id: PLUGIN_ID, name: 'Opsdeck SRE', type: PluginType.app, jsonData, info: {} },
    basename: PLUGIN_BASE_URL,
    query: {},
    path,
    onNavChanged: jest.fn(),
  } as unknown as AppRootProps<AppSettings>;
  return render(
    // Grafana renders the root page inside Suspense; pages are lazy.
    <Suspense fallback="loading">
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={`${PLUGIN_BASE_URL}/*`} element={<App {...props} />} />
        </Routes>
      </MemoryRouter>
    </Suspense>
  );
}

describe('App', () => {
  beforeEach(() => {
    getList.mockReset();
    fetch.mockReset();
  });

  it('sends an unknown path to the overview, which says no datasource is configured', async () => {
    getList.mockReturnValue([]);
    renderApp(`${PLUGIN_BASE_URL}/no-such-page`);
    // The first lazy import is compiled on demand by jest: allow it time.
    const error = await screen.findByTestId(testIds.overview.error, {}, { timeout: 15_000 });
    expect(error).toHaveTextContent('No Opsdeck datasource configured');
    expect(within(error).getByTestId(testIds.overview.errorAction)).toHaveAttribute('href', '/connections/datasources/new');
    expect(getList).toHaveBeenCalledWith({ type: 'opsdeck-sre-datasource' });
  }, 20_000);

  it('points to the app configuration when the configured datasource is gone', async () => {
    getList.mockReturnValue([opsdeck]);
    renderApp(`${PLUGIN_BASE_URL}/overview`, { datasourceUid: 'deleted' });
    const error = await screen.findByTestId(testIds.overview.error);
    expect(error).toHaveTextContent('uid "deleted"');
    expect(within(error).getByTestId(testIds.overview.errorAction)).toHaveAttribute('href', `/plugins/${PLUGIN_ID}`);
  });

  it('queries the gateway through the first Opsdeck datasource proxy when none is configured', async () => {
    getList.mockReturnValue([opsdeck, { ...opsdeck, uid: 'second' }]);
    fetch.mockReturnValue(of({ status: 200, data: { results: { fleet: { frames: [fleetFrame([row])] } } } }));
    renderApp(`${PLUGIN_BASE_URL}/overview`);
    expect(await screen.findByTestId(testIds.overview.serviceRow('checkout-api'))).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/datasources/proxy/uid/opsdeck/read/api/query', method: 'POST', showErrorAlert: false })
    );
  });
});
