// The SRE report on the demo fleet: its periods, and that each section is what the dedicated endpoint answers for
// the same range and scope; Markdown and CSV renderings of the same figures.
import type { CostEfficiencyResponse, ReliabilityResponse, SreReport } from '@opsdeck/contract';
import { reportRanges } from '../../src/reliability/sreReport';
import { startTestGateway, type TestGateway } from '../support/gateway';

describe('report periods', () => {
  it('takes the 7 whole UTC days before today, or the last whole calendar month, and the period before', () => {
    const now = Date.UTC(2026, 11, 4, 12);
    expect(reportRanges('week', now)).toEqual({
      range: { from: Date.UTC(2026, 10, 27), to: Date.UTC(2026, 11, 4) },
      previous: { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 27) },
    });
    expect(reportRanges('month', now)).toEqual({
      range: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) },
      previous: { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) },
    });
    expect(reportRanges('month', Date.UTC(2027, 0, 15)).range).toEqual({
      from: Date.UTC(2026, 11, 1),
      to: Date.UTC(2027, 0, 1),
    });
  });
});

describe('GET /api/reports/sre', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });
  const get = (path: string) =>
    fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${gateway.token}` } });

  it('gathers the period’s sections as the dedicated endpoints answer them', async () => {
    const report = (await (await get('/api/reports/sre?period=week&team=payments')).json()) as SreReport;
    expect(report).toMatchObject({ period: 'week', team: 'payments', demo: true });
    const reliability = (await (
      await get(`/api/reliability?team=payments&from=${report.range.from}&to=${report.range.to}`)
    ).json()) as ReliabilityResponse;
    expect(report.incidents.current).toEqual(reliability.fleet.current);
    expect(report.incidents.previous).toEqual(reliability.fleet.previous);
    expect(report.slo.every((s) => ['checkout-api', 'payments-worker', 'fraud-scoring'].includes(s.service))).toBe(
      true
    );
    expect(report.slo.length).toBeGreaterThan(0);
    // Each objective over the week itself (and the week before), not only as of now over its own window.
    for (const s of report.slo) {
      for (const p of [s.period, s.previousPeriod]) {
        expect(p.attainment).toBeGreaterThanOrEqual(0);
        expect(p.attainment).toBeLessThanOrEqual(1);
        expect(p.met).toBe(p.attainment! >= s.target);
        expect(p.budgetSpent).toBeCloseTo((p.burnRate! * 7) / s.windowDays, 9);
      }
    }
    const efficiency = (await (await get('/api/cost-efficiency?team=payments')).json()) as CostEfficiencyResponse;
    for (const row of report.cost.byService) {
      expect(row.costPer1kRequests).toBe(efficiency.services.find((s) => s.service === row.service)!.costPer1kRequests);
    }
    const sum = report.cost.byService.reduce((n, c) => n + (c.cost ?? 0), 0);
    expect(report.cost.total).toBeCloseTo(sum, 9);
    expect(report.deploys.current.deployments).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('renders the same report as Markdown and CSV downloads', async () => {
    const md = await get('/api/reports/sre?period=month&format=md');
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename="sre-report-month-\d{4}-\d{2}-01\.md"/);
    const text = await md.text();
    for (const heading of [
      '# SRE report: month',
      '## SLOs',
      '## Incidents',
      '## Noisiest alert rules',
      '## Deploys and DORA',
      '## Cost',
    ]) {
      expect(text).toContain(heading);
    }
    const csv = (await (await get('/api/reports/sre?format=csv')).text()).trimEnd().split('\r\n');
    expect(csv[0]).toBe('section,subject,figure,value,previous');
    const json = (await (await get('/api/reports/sre')).json()) as SreReport;
    expect(text).toContain('| Budget used |');
    const count = csv.find((line) => line.startsWith('incidents,all,count,'));
    const slo = json.slo[0];
    expect(csv).toContain(
      `slo,${slo.service}/${slo.objective},period_attainment,${slo.period.attainment},${slo.previousPeriod.attainment}`
    );
    expect(count).toBe(`incidents,all,count,${json.incidents.current.incidents},${json.incidents.previous.incidents}`);
    for (const [query, field] of [
      ['period=year', 'period'],
      ['format=pdf', 'format'],
      ['team=nobody', 'team'],
    ]) {
      const bad = await get(`/api/reports/sre?${query}`);
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      expect(((await bad.json()) as { field: string }).field).toBe(field);
    }
  }, 60_000);
});
