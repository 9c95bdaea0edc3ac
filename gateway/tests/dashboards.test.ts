// Every panel and annotation query of every dashboard in dashboards/ runs against a real gateway in demo mode and
// must answer non-empty frames: a dashboard can never ship a query the gateway does not answer.
import fs from 'node:fs';
import path from 'node:path';
import type { DataFrameJSON, OpsdeckQuery, QueryResponse, ServicesResponse } from '@opsdeck/contract';
import { startTestGateway } from './support/gateway';

const dashboardsDir = path.resolve(__dirname, '../../dashboards');

interface DashboardQuery {
  dashboard: string;
  where: string;
  query: OpsdeckQuery;
}

interface Panel {
  title?: string;
  type: string;
  targets?: OpsdeckQuery[];
  panels?: Panel[];
}

/** Dashboard variables are set to "All", whose value our dashboards define as '*'. */
function withAllVariables(query: OpsdeckQuery): OpsdeckQuery {
  const replaced = JSON.stringify(query).replace(/\$\{?(service|team|region)\}?/g, '*');
  return JSON.parse(replaced);
}

function collectQueries(): DashboardQuery[] {
  const found: DashboardQuery[] = [];
  for (const file of fs.readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardsDir, file), 'utf8'));
    const visit = (panels: Panel[]) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? []) {
          found.push({ dashboard: file, where: `panel "${panel.title}"`, query: withAllVariables(target) });
        }
        visit(panel.panels ?? []);
      }
    };
    visit(dashboard.panels ?? []);
    for (const annotation of dashboard.annotations?.list ?? []) {
      if (annotation.target && annotation.datasource?.type === 'opsdeck-sre-datasource') {
        found.push({
          dashboard: file,
          where: `annotation "${annotation.name}"`,
          query: withAllVariables(annotation.target),
        });
      }
    }
  }
  return found;
}

const queries = collectQueries();

describe('dashboards/ against a demo gateway', () => {
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  async function call<T>(pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(`${gateway.url}${pathname}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('finds queries in every dashboard', () => {
    const files = fs.readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(queries.some((q) => q.dashboard === file)).toBe(true);
    }
  });

  it.each(queries.map((q) => [`${q.dashboard} ${q.where} (${q.query.queryType})`, q] as const))(
    '%s answers frames',
    async (_name, { query }) => {
      const now = Date.now();
      const result = await call<QueryResponse>('/api/query', {
        range: { from: now - 6 * 3600_000, to: now },
        intervalMs: 60_000,
        maxDataPoints: 1000,
        queries: [{ ...query, refId: 'A' }],
      });
      const answer = result.results.A;
      expect(answer.error).toBeUndefined();
      const frames = answer.frames ?? [];
      expect(frames.length).toBeGreaterThan(0);
      const rows = frames.map((f: DataFrameJSON) => f.data.values[0]?.length ?? 0);
      expect(Math.max(...rows)).toBeGreaterThan(0);
    }
  );

  it('answers every dashboard variable kind with values', async () => {
    const catalog = await call<ServicesResponse>('/api/services');
    expect(catalog.services.length).toBeGreaterThan(0);
    expect(catalog.teams.length).toBeGreaterThan(0);
    expect(catalog.regions.length).toBeGreaterThan(0);
  });
});
