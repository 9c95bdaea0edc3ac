import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { type CatalogService, type PipelinesResponse, type SuspectDeploysResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { attempt, BASE, deployment, fakeEventSource, NOW } from './deploymentsFixture';
import { DeploymentsView } from './DeploymentsView';
import { type OrgRole } from './rollbackAccess';

const READ = `GET ${BASE}/read/api`;
/** First renders of @grafana/ui under jsdom are slow on a busy 2-core machine. */
const SLOW = { timeout: 8000 };

function service(name: string, team: string): CatalogService {
  return {
    name,
    team,
    tier: 1,
    owners: [],
    aws: {},
    slo: {},
    objectives: [],
    deployTarget: { kind: 'codedeploy', name: `${name}/production` },
  };
}

const catalog = {
  services: [
    service('checkout-api', 'payments'),
    service('payments-worker', 'payments'),
    service('search-api', 'discovery'),
  ],
};
const checkoutV42 = deployment();
const checkoutRollback = deployment({
  id: 'demo:checkout-api:v41-rb',
  version: 'v41',
  previousVersion: 'v42',
  rollbackOf: 'demo:checkout-api:v40',
  startedAt: NOW - 7200_000,
  finishedAt: NOW - 7200_000 + 45_000,
});
const workerInFlight = deployment({
  id: 'demo:payments-worker:v9',
  service: 'payments-worker',
  version: 'v9',
  status: 'in_progress',
  finishedAt: undefined,
  startedAt: NOW - 60_000,
  progress: { percent: 40, detail: '40% of traffic on version 9' },
});
const pipelines: PipelinesResponse = {
  pipelines: [
    {
      service: 'checkout-api',
      team: 'payments',
      pipeline: 'checkout-api-pipeline',
      updatedAt: NOW,
      stages: [
        { name: 'Source', status: 'Succeeded' },
        { name: 'Build', status: 'Succeeded' },
        { name: 'Deploy', status: 'InProgress', summary: '3 of 5 instances' },
      ],
    },
  ],
};
const dora = {
  range: { from: NOW - 30 * 86_400_000, to: NOW },
  failureWindowMs: 86_400_000,
  rows: [
    {
      key: 'checkout-api',
      groupBy: 'service',
      figures: {
        deployments: 12,
        deploymentsPerDay: 0.4,
        leadTimeMs: 5_400_000,
        changeFailureRate: 0.25,
        recoveryTimeMs: 1_800_000,
      },
    },
  ],
};

function paymentsAnswers(): Record<string, FakeAnswer> {
  return {
    [`${READ}/services`]: { data: catalog },
    [`${READ}/deployments?team=payments&limit=200`]: {
      data: { deployments: [workerInFlight, checkoutV42, checkoutRollback] },
    },
    [`${READ}/pipelines?team=payments`]: { data: pipelines },
    [`${READ}/deployments/dora?groupBy=service&team=payments`]: { data: dora },
  };
}

function renderView(path: string, answers: Record<string, FakeAnswer>, role: OrgRole = 'Editor') {
  const fetcher = fakeFetch(answers);
  const view = render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <main>
        <h1>Deployments</h1>
        <DeploymentsView client={new GatewayClient(BASE, fetcher)} role={role} eventSource={fakeEventSource()} />
      </main>
    </MemoryRouter>
  );
  return { fetcher, ...view };
}

// Rendering @grafana/ui under jsdom takes seconds on a busy 2-core machine; the waits inside stay bounded.
jest.setTimeout(20_000);

describe('DeploymentsView', () => {
  it('asks the gateway with the filters from the URL and shows pipelines, in-flight deploys, history and DORA', async () => {
    const { fetcher } = renderView('/deployments?team=payments', paymentsAnswers());
    const checkout = await screen.findByTestId(testIds.deployments.serviceCard('checkout-api'), {}, SLOW);
    expect(fetcher.requests.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        `${BASE}/read/api/deployments?team=payments&limit=200`,
        `${BASE}/read/api/pipelines?team=payments`,
      ])
    );
    // Only the filtered team's services get a card.
    expect(screen.queryByTestId(testIds.deployments.serviceCard('search-api'))).not.toBeInTheDocument();
    expect(within(checkout).getByTestId(testIds.deployments.stage('checkout-api', 'Deploy'))).toHaveTextContent(
      'InProgress3 of 5 instances'
    );
    expect(within(checkout).getByTestId(testIds.deployments.currentVersion('checkout-api'))).toHaveTextContent(
      'Current: v42 in production'
    );

    const inFlight = screen.getByTestId(testIds.deployments.inFlightRow(workerInFlight.id));
    expect(inFlight).toHaveTextContent('40% · 40% of traffic on version 9');
    expect(within(inFlight).getByRole('progressbar')).toHaveAttribute('value', '40');

    const row = screen.getByTestId(testIds.deployments.historyRow(checkoutV42.id));
    expect(row).toHaveTextContent('v42 (from v41)');
    expect(row).toHaveTextContent('alice');
    expect(row).toHaveTextContent('2 min 5 s');
    expect(row).toHaveTextContent('Succeeded');
    expect(screen.queryByTestId(testIds.deployments.rollbackMark(checkoutV42.id))).not.toBeInTheDocument();
    expect(screen.getByTestId(testIds.deployments.rollbackMark(checkoutRollback.id))).toHaveTextContent('Rollback');

    const doraRow = await screen.findByTestId(testIds.deployments.doraRow('checkout-api'), {}, SLOW);
    expect(doraRow).toHaveTextContent('checkout-api120.401 h 30 min25.0%30 min');
  });

  it('offers Roll back to an Editor and opens the guarded dialog for the current deployment', async () => {
    const answers = {
      ...paymentsAnswers(),
      [`${READ}/deployments/${encodeURIComponent(checkoutV42.id)}`]: {
        data: { deployment: checkoutV42, related: [], attempts: [], rollback: { adminOnly: false } },
      },
      [`POST ${BASE}/write/api/deployments/${encodeURIComponent(checkoutV42.id)}/rollback`]: {
        data: { preview: attempt().preview, rollback: { adminOnly: false } },
      },
    };
    renderView('/deployments?team=payments', answers, 'Editor');
    fireEvent.click(await screen.findByTestId(testIds.deployments.rollbackButton('checkout-api'), {}, SLOW));
    expect(await screen.findByTestId(testIds.rollbackDialog.to, {}, SLOW)).toHaveTextContent('v41');
  });

  it('shows no rollback control to a Viewer', async () => {
    renderView('/deployments?team=payments', paymentsAnswers(), 'Viewer');
    await screen.findByTestId(testIds.deployments.serviceCard('checkout-api'), {}, SLOW);
    expect(screen.queryAllByRole('button', { name: /Roll back/ })).toEqual([]);
  });

  it('exports the deployments the filters selected, in the order shown, as CSV and JSON', async () => {
    const files: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      files.push(blob);
      return 'blob:opsdeck-export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    renderView('/deployments?team=payments', paymentsAnswers());
    fireEvent.click(await screen.findByTestId(testIds.deployments.exportButton('csv'), {}, SLOW));
    fireEvent.click(screen.getByTestId(testIds.deployments.exportButton('json')));

    const read = (blob: Blob) =>
      new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blob);
      });
    const csv = await read(files[0]);
    const rows = within(screen.getByTestId(testIds.deployments.history)).getAllByRole('row').slice(1);
    const shownIds = rows.map((r) => r.getAttribute('data-testid')?.replace(testIds.deployments.historyRow(''), ''));
    expect(shownIds).toEqual([workerInFlight.id, checkoutV42.id, checkoutRollback.id]);
    expect(
      csv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0])
    ).toEqual(shownIds);
    const json = JSON.parse(await read(files[1]));
    expect(json.filters).toEqual({ team: 'payments' });
    expect(json.deployments.map((d: { id: string }) => d.id)).toEqual(shownIds);
  });

  it('exports the DORA rows shown, with the filters, as CSV and JSON', async () => {
    const files: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        files.push(blob);
        return 'blob:opsdeck-export';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      names.push(this.download);
    });
    try {
      renderView('/deployments?team=payments', paymentsAnswers());
      await screen.findByTestId(testIds.deployments.doraRow('checkout-api'), {}, SLOW);
      fireEvent.click(screen.getByTestId(testIds.deployments.doraExportButton('csv')));
      fireEvent.click(screen.getByTestId(testIds.deployments.doraExportButton('json')));
      const read = (blob: Blob) =>
        new Promise<string>((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.readAsText(blob);
        });
      expect((await read(files[0])).split('\r\n')).toEqual([
        'service,deployments,deployments_per_day,lead_time_seconds,change_failure_rate,recovery_time_seconds',
        'checkout-api,12,0.4,5400,0.25,1800',
        '',
      ]);
      const json = JSON.parse(await read(files[1]));
      expect(json.filters).toEqual({ groupBy: 'service', team: 'payments', service: '' });
      expect(json.rows).toEqual(dora.rows);
      expect(json.failureWindowMs).toBe(dora.failureWindowMs);
      expect(names.map((n) => n.replace(/-\d{4}-\d\d-\d\dT[\d-]+Z/, '-<time>'))).toEqual([
        'dora-groupBy-service-team-payments-<time>.csv',
        'dora-groupBy-service-team-payments-<time>.json',
      ]);
    } finally {
      click.mockRestore();
    }
  });

  it('draws the first 50 rows of a long history and the rest on request', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      deployment({ id: `demo:checkout-api:v${100 - i}`, version: `v${100 - i}`, startedAt: NOW - i * 3600_000 })
    );
    renderView('/deployments?team=payments', {
      ...paymentsAnswers(),
      [`${READ}/deployments?team=payments&limit=200`]: { data: { deployments: many } },
    });
    const history = await screen.findByTestId(testIds.deployments.history, {}, SLOW);
    expect(within(history).getAllByRole('row')).toHaveLength(1 + 50);
    expect(screen.getByTestId(testIds.deployments.exportButton('csv'))).toHaveTextContent('Export CSV (60)');
    fireEvent.click(screen.getByTestId(testIds.deployments.historyShowAll));
    expect(within(history).getAllByRole('row')).toHaveLength(1 + 60);
    expect(screen.queryByTestId(testIds.deployments.historyShowAll)).not.toBeInTheDocument();
  });

  it("ranks suspect deploys on a service's view with the rollback control next to them", async () => {
    const suspects: SuspectDeploysResponse = {
      service: 'checkout-api',
      jump: { metric: 'error_rate', at: NOW - 1800_000, before: 0.002, after: 0.05, relativeChange: 24 },
      suspects: [
        {
          rank: 1,
          score: 0.91,
          deployment: checkoutV42,
          evidence: {
            minutesBeforeJump: 4,
            ownService: true,
            shareOfJump: 0.8,
            metricBefore: 0.002,
            metricAfter: 0.041,
            incidentMinutesAfter: 6,
          },
        },
        {
          rank: 2,
          score: 0.2,
          deployment: workerInFlight,
          evidence: { minutesBeforeJump: 25, ownService: false, shareOfJump: 0.1 },
        },
      ],
    };
    renderView('/deployments?service=checkout-api', {
      [`${READ}/services`]: { data: catalog },
      [`${READ}/deployments?service=checkout-api&limit=200`]: { data: { deployments: [checkoutV42] } },
      [`${READ}/pipelines?service=checkout-api`]: { data: pipelines },
      [`${READ}/deployments/dora?groupBy=service&service=checkout-api`]: { data: dora },
      [`${READ}/deployments/suspects?service=checkout-api`]: { data: suspects },
    });
    expect(await screen.findByTestId(testIds.deployments.suspectsJump, {}, SLOW)).toHaveTextContent(
      'Error rate jumped from 0.20% to 5.00% (+2400%)'
    );
    const first = screen.getByTestId(testIds.deployments.suspect(1));
    expect(first).toHaveTextContent('#1 checkout-api v42 (this service)');
    expect(first).toHaveTextContent('4 min before the jump');
    expect(first).toHaveTextContent('80% of the jump happened across it');
    expect(first).toHaveTextContent('an incident opened 6 min after it landed');
    expect(screen.getByTestId(testIds.deployments.suspect(2))).not.toHaveTextContent('an incident opened');
    expect(within(first).getByTestId(testIds.deployments.suspectRollback(1))).toHaveTextContent(
      'Roll back checkout-api'
    );
    expect(screen.getByTestId(testIds.deployments.suspect(2))).toHaveTextContent('(a dependency)');
  });

  it('lists rollback attempts with user, reason, preview and outcome in the Rollback history view', async () => {
    const done = attempt({ outcome: 'succeeded', finishedAt: NOW + 60_000, message: 'deployment d-43 Succeeded' });
    const refused = attempt({
      id: 'attempt-0',
      user: 'bob',
      reason: 'try',
      outcome: 'refused',
      message: 'the rollback target changed since the preview',
    });
    renderView('/deployments?view=rollbacks&team=payments', {
      ...paymentsAnswers(),
      [`${READ}/deployments/rollbacks?team=payments&limit=200`]: { data: { attempts: [done, refused] } },
    });
    const entry = await screen.findByTestId(testIds.deployments.rollbackAttempt('attempt-1'), {}, SLOW);
    expect(entry).toHaveAttribute('data-outcome', 'succeeded');
    expect(entry).toHaveTextContent('v42 → v41');
    expect(entry).toHaveTextContent('erin');
    expect(entry).toHaveTextContent('errors after v42');
    expect(entry).toHaveTextContent('CreateDeployment on checkout-api/production');
    expect(screen.getByTestId(testIds.deployments.rollbackAttempt('attempt-0'))).toHaveTextContent(
      'the rollback target changed since the preview'
    );
    expect(screen.queryByTestId(testIds.deployments.history)).not.toBeInTheDocument();
  });

  it('has no axe violations (labels, headings, landmarks, ARIA)', async () => {
    const { container } = renderView('/deployments?team=payments', paymentsAnswers());
    await screen.findByTestId(testIds.deployments.doraRow('checkout-api'), {}, SLOW);
    await act(async () => undefined);
    // jsdom cannot compute colours, so contrast is left to the browser tests.
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
