/**
 * The Grafana stand-in for browser tests: serves the built plugins from dist/, a page that loads them the way
 * Grafana does, the data proxy for the Opsdeck datasource's routes and the few Grafana APIs our plugins call.
 * docs/TEST-HOST.md lists what it fakes and how it differs from Grafana.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { AppSettingsStore, type AppSettingsUpdate } from './appSettings';
import { clientBundle, reactMajorFromEnv, type ReactMajor } from './clientBundle';
import { renderPage } from './page';
import type { HostPageConfig } from './pageConfig';
import { DATA_PROXY_PREFIX, handleDataProxy, type ProxiedDatasource } from './proxy/dataProxy';
import { parseRoutes } from './proxy/pluginRoutes';
import { hasRole, type OrgRole } from './roles';
import { sendStaticFile } from './staticFiles';

export interface HostOptions {
  gatewayUrl: string;
  /** The datasource's secureJsonData.apiToken: lives in this process only. */
  apiToken: string;
  role: OrgRole;
  theme?: 'dark' | 'light';
  /** The signed-in login, sent upstream as X-Grafana-User. */
  user?: string;
  /** The built plugins; defaults to the repository's dist/. */
  distDir?: string;
  /** The React handed to plugins: 18 as in Grafana 12.x–13.1, 19 as in 13.2+ (default $OPSDECK_HOST_REACT, else 18). */
  reactMajor?: ReactMajor;
}

export interface RunningHost {
  url: string;
  close(): Promise<void>;
  setRole(role: OrgRole): void;
  setTheme(theme: 'dark' | 'light'): void;
  /** API calls the host had no answer for (method and path), so a test can insist the list stays empty. */
  unhandledApiCalls(): string[];
}

// Grafana serves @grafana/ui's icons from public/build/img/icons/; the package ships the same files.
const GRAFANA_UI_ICONS = join(__dirname, '../../node_modules/@grafana/ui/dist/public/img/icons');
const ICONS_PATH = '/public/build/img/icons/';

/** The uid the provisioned Opsdeck datasource has (provisioning/datasources, dashboards). */
export const OPSDECK_DATASOURCE_UID = 'opsdeck';
const MAX_SETTINGS_BODY = 64 * 1024;

function readJsonFile(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  // OPSDECK_TEST_DIST lets parallel work build and test its own bundle without touching dist/.
  const distDir = resolve(opts.distDir ?? process.env.OPSDECK_TEST_DIST ?? join(__dirname, '../../dist'));
  const appJson = readJsonFile(join(distDir, 'plugin.json'));
  const dsJson = readJsonFile(join(distDir, 'datasource/plugin.json'));
  const appId = String(appJson.id);
  const appBaseUrl = `public/plugins/${appId}`;
  const bundle = await clientBundle(opts.reactMajor ?? reactMajorFromEnv());

  let role = opts.role;
  let theme = opts.theme ?? 'dark';
  const login = opts.user ?? 'opsdeck-tester';
  const unhandled: string[] = [];
  const settings = new AppSettingsStore(appJson, appBaseUrl);

  const datasource: ProxiedDatasource = {
    uid: OPSDECK_DATASOURCE_UID,
    routes: parseRoutes(dsJson),
    jsonData: { gatewayUrl: opts.gatewayUrl },
    secureJsonData: { apiToken: opts.apiToken },
  };
  const datasources = new Map([[datasource.uid, datasource]]);
  const pageConfig: HostPageConfig = {
    appId,
    appBaseUrl,
    datasources: [
      {
        uid: datasource.uid,
        name: 'Opsdeck',
        type: String(dsJson.id),
        url: `${DATA_PROXY_PREFIX}${datasource.uid}`,
        jsonData: datasource.jsonData,
        baseUrl: `${appBaseUrl}/datasource`,
      },
    ],
  };

  async function handleSettings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') {
      sendJson(res, 200, settings.read());
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { message: 'Method not allowed' });
      return;
    }
    // Grafana requires plugins:write for this endpoint, which only Admins have by default.
    if (!hasRole(role, 'Admin')) {
      sendJson(res, 403, { message: 'Permission denied' });
      return;
    }
    try {
      settings.update(JSON.parse(await readBody(req, MAX_SETTINGS_BODY)) as AppSettingsUpdate);
    } catch (err) {
      sendJson(res, 400, { message: `Invalid plugin settings: ${(err as Error).message}` });
      return;
    }
    sendJson(res, 200, { message: 'Plugin settings updated' });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://host.invalid');
    if (pathname.startsWith(DATA_PROXY_PREFIX)) {
      handleDataProxy(req, res, datasources, { login, role });
    } else if (pathname === `/api/plugins/${appId}/settings`) {
      await handleSettings(req, res);
    } else if (pathname.startsWith(`/${appBaseUrl}/`)) {
      sendStaticFile(res, distDir, decodeURIComponent(pathname.slice(appBaseUrl.length + 2)));
    } else if (pathname.startsWith(ICONS_PATH)) {
      sendStaticFile(res, GRAFANA_UI_ICONS, decodeURIComponent(pathname.slice(ICONS_PATH.length)));
    } else if (pathname.startsWith('/host/')) {
      sendStaticFile(res, bundle.dir, decodeURIComponent(pathname.slice('/host/'.length)));
    } else if (pathname === `/a/${appId}` || pathname.startsWith(`/a/${appId}/`)) {
      const html = renderPage({ login, role, theme }, pageConfig, bundle.hasCss);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (pathname === '/') {
      res.writeHead(302, { location: `/a/${appId}/` });
      res.end();
    } else if (pathname.startsWith('/api/')) {
      unhandled.push(`${req.method ?? 'GET'} ${pathname}`);
      sendJson(res, 404, { message: 'Not found (the test host does not implement this Grafana API)' });
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { message: `Test host error: ${(err as Error).message}` });
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setRole(next) {
      role = next;
    },
    setTheme(next) {
      theme = next;
    },
    unhandledApiCalls: () => [...unhandled],
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeAllConnections();
      }),
  };
}
