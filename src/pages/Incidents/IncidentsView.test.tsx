import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { csvCell, type Postmortem } from '@opsdeck/contract';
import { ALERT_NOW } from '@/pages/Alerts/alertFixtures';
import { incidentDetailFixture } from './incidentFixtures';
import { IncidentsView } from './IncidentsView';

jest.setTimeout(20_000);
const WAIT = { timeout: 5000 };
const BASE = '/api/datasources/proxy/uid/opsdeck';
const detail = incidentDetailFixture();
const { timeline: _timeline, ...summary } = detail.incident;

function setup(path: string, answers: Record<string, FakeAnswer>, canEdit = true, now?: () => number) {
  const fetcher = fakeFetch({
    [`GET ${BASE}/read/api/incidents?limit=100`]: { data: { incidents: [], total: 0 } },
    [`GET ${BASE}/read/api/incidents?status=resolved&limit=20`]: { data: { incidents: [summary] } },
    [`GET ${BASE}/read/api/incidents/i1`]: { data: detail },
    ...answers,
  });
  const { factory, sources } = fakeEventSources();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Incidents</h1>
        <IncidentsView client={new GatewayClient(BASE, fetcher)} canEdit={canEdit} eventSources={factory} now={now} />
      </main>
    </MemoryRouter>
  );
  return { fetcher, sources, view };
}

describe('IncidentsView', () => {
  it('pages through every open incident with Show more, saying how many there are', async () => {
    const open = Array.from({ length: 230 }, (_, i) => ({ ...summary, id: `p${i}`, status: 'triggered' as const }));
    const page = (from: number) => ({
      incidents: open.slice(from, from + 100),
      total: open.length,
      ...(from + 100 < open.length ? { nextCursor: `c${from + 100}` } : {}),
    });
    setup('/incidents', {
      [`GET ${BASE}/read/api/incidents?limit=100`]: { data: page(0) },
      [`GET ${BASE}/read/api/incidents?limit=100&cursor=c100`]: { data: page(100) },
      [`GET ${BASE}/read/api/incidents?limit=100&cursor=c200`]: { data: page(200) },
    });
    const list = await screen.findByTestId(testIds.incidents.openList, {}, WAIT);
    const count = () => within(list).getByTestId(testIds.incidents.listCount).textContent;
    await screen.findByTestId(testIds.incidents.row('p99'), {}, WAIT);
    expect(count()).toBe('100 of 230');
    fireEvent.click(within(list).getByTestId(testIds.incidents.showMore));
    await screen.findByTestId(testIds.incidents.row('p199'), {}, WAIT);
    expect(count()).toBe('200 of 230');
    fireEvent.click(within(list).getByTestId(testIds.incidents.showMore));
    await screen.findByTestId(testIds.incidents.row('p229'), {}, WAIT);
    expect(count()).toBe('230');
    expect(within(list).queryByTestId(testIds.incidents.showMore)).toBeNull();
  });

  it('lists open and recent incidents and shows the timeline of the chosen one', async () => {
    setup('/incidents', { [`GET ${BASE}/read/api/incidents/i1/postmortem`]: { data: { postmortem: null } } });
    expect(await screen.findByTestId(testIds.incidents.openList, {}, WAIT)).toHaveTextContent('No open incidents.');
    fireEvent.click(screen.getByTestId(testIds.incidents.row('i1')));
    const timeline = await screen.findByTestId(testIds.incidents.timeline, {}, WAIT);
    expect(
      within(timeline)
        .getAllByTestId(testIds.incidents.timelineEntry)
        .map((e) => e.getAttribute('data-kind'))
    ).toEqual(['triggered', 'acknowledged', 'note', 'resolved']);
  });

  it('starts a post-mortem from the template and saves it through the write route', async () => {
    let saved: Postmortem | null = null;
    const { fetcher } = setup('/incidents?incident=i1', {
      [`GET ${BASE}/read/api/incidents/i1/postmortem`]: () => ({ postmortem: saved }),
      [`PUT ${BASE}/write/api/incidents/i1/postmortem`]: (request) => {
        saved = {
          incidentId: 'i1',
          markdown: (request.data as { markdown: string }).markdown,
          updatedAt: ALERT_NOW,
          updatedBy: 'erin',
        };
        return { postmortem: saved };
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.incidents.postmortemStart, {}, WAIT));
    const editor = screen.getByTestId(testIds.incidents.postmortemEditor) as HTMLTextAreaElement;
    expect(editor.value).toContain('| Impacted services | checkout-api, orders-db |');
    fireEvent.change(editor, { target: { value: `${editor.value}\nRoot cause: pool size.` } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.incidents.postmortemSave));
    });
    expect(await screen.findByTestId(testIds.incidents.postmortemStatus, {}, WAIT)).toHaveTextContent(/Saved by erin/);
    const put = fetcher.requests.find((r) => r.method === 'PUT');
    expect((put?.data as { markdown: string }).markdown).toMatch(/Root cause: pool size\.$/);
  });

  it('shows Viewers a stored post-mortem read-only, with export but no save', async () => {
    setup(
      '/incidents?incident=i1',
      {
        [`GET ${BASE}/read/api/incidents/i1/postmortem`]: {
          data: { postmortem: { incidentId: 'i1', markdown: '# PM', updatedAt: ALERT_NOW, updatedBy: 'erin' } },
        },
      },
      false
    );
    const editor = (await screen.findByTestId(testIds.incidents.postmortemEditor, {}, WAIT)) as HTMLTextAreaElement;
    expect(editor.value).toBe('# PM');
    expect(editor.readOnly).toBe(true);
    expect(screen.queryByTestId(testIds.incidents.postmortemSave)).not.toBeInTheDocument();
    expect(screen.getByTestId(testIds.incidents.postmortemExport)).toBeInTheDocument();
  });

  it('reloads the lists on a live incident event', async () => {
    jest.useFakeTimers();
    try {
      let open = 0;
      const { sources } = setup('/incidents', {
        [`GET ${BASE}/read/api/incidents?limit=100`]: () => ({
          incidents: ++open > 1 ? [{ ...summary, id: 'i2', status: 'triggered' }] : [],
          total: open > 1 ? 1 : 0,
        }),
      });
      await act(async () => {
        await jest.advanceTimersByTimeAsync(10);
      });
      expect(screen.getByTestId(testIds.incidents.openList)).toHaveTextContent('No open incidents.');
      act(() => sources[0].emit({ id: 1, type: 'incident.changed', at: ALERT_NOW, payload: {} }));
      await act(async () => {
        await jest.advanceTimersByTimeAsync(400);
      });
      expect(screen.getByTestId(testIds.incidents.row('i2'))).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('exports the open and recently resolved incidents shown as CSV and JSON', async () => {
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
    const open = { ...summary, id: 'o1', status: 'triggered' as const, title: '=HYPERLINK("x"), "quoted"' };
    try {
      setup(
        '/incidents',
        { [`GET ${BASE}/read/api/incidents?limit=100`]: { data: { incidents: [open], total: 1 } } },
        false,
        () => Date.UTC(2026, 0, 2, 3, 4, 5)
      );
      const csvButton = await screen.findByTestId(testIds.incidents.exportButton('csv'), {}, WAIT);
      expect(csvButton).toHaveTextContent('Export CSV (2)');
      fireEvent.click(csvButton);
      fireEvent.click(screen.getByTestId(testIds.incidents.exportButton('json')));
      const read = (blob: Blob) =>
        new Promise<string>((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.readAsText(blob);
        });
      const lines = (await read(files[0])).split('\r\n');
      expect(lines[0]).toBe(
        'list,id,title,severity,status,service,team,source,external_id,created_at,updated_at,alerts'
      );
      expect(lines[1]).toBe(
        `open,o1,${csvCell(open.title)},critical,triggered,checkout-api,payments,pagerduty,PD123,${new Date(
          summary.createdAt
        ).toISOString()},${new Date(summary.updatedAt).toISOString()},2`
      );
      expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
      expect(lines[2].startsWith('recently_resolved,i1,Checkout | errors,critical,resolved,')).toBe(true);
      expect(lines).toHaveLength(4);
      const json = JSON.parse(await read(files[1]));
      expect(json).toEqual({
        exportedAt: '2026-01-02T03:04:05.000Z',
        openTotal: 1,
        open: [open],
        recentlyResolved: [summary],
      });
      expect(names).toEqual(['incidents-2026-01-02T03-04-05Z.csv', 'incidents-2026-01-02T03-04-05Z.json']);
    } finally {
      click.mockRestore();
    }
  });

  it('has nothing to export when no incident is listed', async () => {
    setup('/incidents', { [`GET ${BASE}/read/api/incidents?status=resolved&limit=20`]: { data: { incidents: [] } } });
    expect(await screen.findByTestId(testIds.incidents.exportButton('json'), {}, WAIT)).toBeDisabled();
    expect(screen.getByTestId(testIds.incidents.exportButton('csv'))).toHaveTextContent('Export CSV (0)');
  });

  it('has no axe violations', async () => {
    const { view } = setup('/incidents?incident=i1', {
      [`GET ${BASE}/read/api/incidents/i1/postmortem`]: { data: { postmortem: null } },
    });
    await screen.findByTestId(testIds.incidents.timeline, {}, WAIT);
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
