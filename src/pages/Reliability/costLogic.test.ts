import { csvCell } from '@opsdeck/contract';
import { costEfficiencyToCsv, costEfficiencyToJson } from './exportCostEfficiency';
import { costBars, efficiencyView, formatPer1k, formatRatioChange, idleCostScope, idleRows } from './costFigures';
import { costReport, costWindow, serviceCost } from './costEfficiencyFixture';

describe('cost efficiency view logic', () => {
  it('draws cost per 1,000 good requests in the gateway order, services without a figure as empty bars', () => {
    expect(costBars(costReport.services).map((b) => [b.key, b.value, b.text, b.tone])).toEqual([
      ['checkout-api', (3000 / 950_000) * 1000, '$3.1579', 'bad'],
      ['search-api', 0.25, '$0.25', 'fair'],
      ['legacy-batch', null, 'no figure', 'neutral'],
    ]);
    expect(formatPer1k(0.000123)).toBe('$0.0001');
    expect(formatPer1k(null)).toBe('–');
  });

  it('says how cost moved against traffic in words', () => {
    const trend = (efficiency: 'better' | 'steady' | 'worse' | null) => ({
      requestsChange: null,
      costChange: null,
      costPer1kRequestsChange: null,
      efficiency,
    });
    expect(efficiencyView(trend('worse'))).toEqual({ tone: 'worse', text: 'Cost outgrew traffic' });
    expect(efficiencyView(trend('better'))).toEqual({ tone: 'better', text: 'Traffic outgrew cost' });
    expect(efficiencyView(trend('steady')).tone).toBe('same');
    expect(efficiencyView(trend(null)).tone).toBe('unknown');
    expect([0.5, -0.5, 0.001, null, 12.345].map(formatRatioChange)).toEqual(['+50%', '−50%', '0%', '–', '+1,235%']);
  });

  it('lists idle capacity with most money at stake first, saying whose cost it is', () => {
    const services = [
      ...costReport.services,
      serviceCost('search-api', 'discovery', costWindow(10, 10), {
        idle: [{ resource: 'asg', name: 'search-asg', cpuP95: 3, days: 7, monthlyCost: null, costScope: 'service' }],
      }),
    ];
    const rows = idleRows(services);
    expect(rows.map((r) => [r.service, r.name, idleCostScope(r)])).toEqual([
      ['checkout-api', 'checkout-asg', 'whole service'],
      ['checkout-api', 'checkout-db', 'this resource'],
      ['search-api', 'search-asg', 'whole service'],
    ]);
  });

  it('exports the services as CSV with the window before and idle hints, and the answer as JSON', () => {
    const report = {
      ...costReport,
      services: [serviceCost('=evil', 'payments', costWindow(1, 1000)), ...costReport.services],
    };
    const lines = costEfficiencyToCsv(report).split('\r\n');
    expect(lines[0].split(',').slice(0, 7)).toEqual([
      'service',
      'team',
      'objective',
      'window_days',
      'days_start',
      'days_end',
      'cost_usd',
    ]);
    expect(lines[1].startsWith(`${csvCell('=evil')},payments,`)).toBe(true);
    const checkout = lines[2].split(',');
    const header = lines[0].split(',');
    const column = (name: string) => checkout[header.indexOf(name)];
    expect(column('cost_usd')).toBe('3000.00');
    expect(column('previous_cost_usd')).toBe('2000.00');
    expect(column('cost_per_1k_requests_change')).toBe('0.5000');
    expect(column('efficiency')).toBe('worse');
    expect(column('idle')).toBe('asg:checkout-asg p95 12.4% service; rds:checkout-db p95 8.0% resource');
    expect(lines[4].split(',')[header.indexOf('cost_usd')]).toBe('');
    const json = JSON.parse(costEfficiencyToJson(costReport, { team: 'payments' }));
    expect(json.filters).toEqual({ team: 'payments' });
    expect(json.notices).toEqual(costReport.notices);
  });
});
