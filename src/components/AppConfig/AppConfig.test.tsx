import { type AppPluginMeta, PluginType } from '@grafana/data';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { of, throwError } from 'rxjs';
import { fakeFetch } from '@/api/testing';
import { PLUGIN_ID } from '@/constants';
import { type AppSettings } from '../App/appSettings';
import { testIds } from '../testIds';
import AppConfig from './AppConfig';

const getList = jest.fn();
const backendFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({ getList }),
  getBackendSrv: () => ({ fetch: backendFetch }),
}));

const health = { status: 'ok', version: '0.1.0', mode: 'demo', authenticated: true, sources: [{ id: 'demo', kind: 'demo', state: 'ok' }], store: { driver: 'sqlite', state: 'ok' } };

function renderConfig(jsonData: AppSettings, answers: Parameters<typeof fakeFetch>[0]) {
  const meta = { id: PLUGIN_ID, name: 'Opsdeck SRE', type: PluginType.app, enabled: true, pinned: true, jsonData, info: {} } as unknown as AppPluginMeta<AppSettings>;
  const plugin = { meta } as never;
  return render(<AppConfig plugin={plugin} query={{}} fetcher={fakeFetch(answers)} />);
}

describe('AppConfig', () => {
  const reload = jest.fn();
  beforeAll(() => {
    Object.defineProperty(window, 'location', { value: { ...window.location, reload }, writable: true });
  });
  beforeEach(() => {
    getList.mockReturnValue([
      { uid: 'opsdeck', name: 'Opsdeck' },
      { uid: 'staging', name: 'Opsdeck staging' },
    ]);
    backendFetch.mockReset();
    reload.mockReset();
  });

  it('shows the health of the configured datasource gateway', async () => {
    renderConfig({ datasourceUid: 'staging' }, { 'GET /api/datasources/proxy/uid/staging/read/api/health': { data: health } });
    const panel = await screen.findByTestId(testIds.appConfig.health);
    await waitFor(() => expect(panel).toHaveTextContent('Gateway 0.1.0: ok'));
    expect(panel).toHaveTextContent('Demo mode');
  });

  it('says when the gateway rejects the datasource token', async () => {
    renderConfig({}, { 'GET /api/datasources/proxy/uid/opsdeck/read/api/health': { data: { ...health, authenticated: false } } });
    await waitFor(() => expect(screen.getByTestId(testIds.appConfig.health)).toHaveTextContent('rejected the API token'));
  });

  it('saves the chosen datasource in jsonData and reloads', async () => {
    backendFetch.mockReturnValue(of({ status: 200, data: {} }));
    renderConfig({}, { 'GET /api/datasources/proxy/uid/opsdeck/read/api/health': { data: health } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(backendFetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `/api/plugins/${PLUGIN_ID}/settings`,
        method: 'POST',
        data: { enabled: true, pinned: true, jsonData: { datasourceUid: 'opsdeck' } },
      })
    );
  });

  it('keeps the page and says why when saving fails', async () => {
    backendFetch.mockReturnValue(throwError(() => ({ status: 403, data: { message: 'Permission denied' } })));
    renderConfig({}, { 'GET /api/datasources/proxy/uid/opsdeck/read/api/health': { data: health } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    expect(await screen.findByTestId(testIds.appConfig.saveError)).toHaveTextContent('Permission denied');
    expect(reload).not.toHaveBeenCalled();
  });

  it('asks for a datasource first when there is none', () => {
    getList.mockReturnValue([]);
    renderConfig({}, {});
    expect(screen.getByTestId(testIds.appConfig.noDatasource)).toHaveTextContent('Add an Opsdeck datasource');
  });
});
