import { csvCell } from '@opsdeck/contract';
import { exportFileName, reliabilityToCsv, reliabilityToJson } from './exportReliability';
import { compareFigures, countLabel, mttrBars, trendView } from './reliabilityFigures';
import {
  DEFAULT_FILTERS,
  describedFilters,
  filterChange,
  filtersFromSearch,
  paramsWith,
  toCostQuery,
  toFatigueQuery,
  toQuery,
} from './reliabilityFilters';
import { minutes, RELIABILITY_NOW, reliabilityResponse, reliabilityRow } from './reliabilityFixture';

const DAY = 86_400_000;

describe('reliability filters and the URL', () => {
  it('reads every filter from the URL and falls back to the defaults for unknown values', () => {
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual(DEFAULT_FILTERS);
    expect(
      filtersFromSearch(
        new URLSearchParams(
          'period=90d&groupBy=team&service=checkout-api&team=payments&severity=critical&includeMaintenance=true'
        )
      )
    ).toEqual({
      section: 'incidents',
      period: '90d',
      groupBy: 'team',
      service: 'checkout-api',
      team: 'payments',
      severity: 'critical',
      includeMaintenance: true,
    });
    expect(
      filtersFromSearch(
        new URLSearchParams('section=slo&period=1y&groupBy=region&severity=page&includeMaintenance=yes')
      )
    ).toEqual(DEFAULT_FILTERS);
    expect(filtersFromSearch(new URLSearchParams('section=fatigue')).section).toBe('fatigue');
    expect(filtersFromSearch(new URLSearchParams('section=cost')).section).toBe('cost');
  });

  it('keeps defaults out of the URL and other parameters in it', () => {
    const params = new URLSearchParams('period=7d&other=kept');
    expect(paramsWith(params, { period: '30d', groupBy: 'severity', includeMaintenance: true }).toString()).toBe(
      'other=kept&groupBy=severity&includeMaintenance=true'
    );
    expect(
      paramsWith(new URLSearchParams('includeMaintenance=true&service=a'), {
        includeMaintenance: false,
        service: '',
      }).toString()
    ).toBe('');
  });

  it('round-trips any filters through the URL', () => {
    const filters = { ...DEFAULT_FILTERS, period: '7d' as const, team: 'search', severity: 'warning' as const };
    expect(filtersFromSearch(paramsWith(new URLSearchParams(), filters))).toEqual(filters);
    const fatigue = { ...DEFAULT_FILTERS, section: 'fatigue' as const, service: 'checkout-api' };
    expect(paramsWith(new URLSearchParams(), fatigue).toString()).toBe('section=fatigue&service=checkout-api');
    expect(filtersFromSearch(paramsWith(new URLSearchParams(), fatigue))).toEqual(fatigue);
  });

  it('clears the service when the team changes', () => {
    expect(filterChange('team', 'payments')).toEqual({ team: 'payments', service: '' });
    expect(filterChange('service', 'checkout-api')).toEqual({ service: 'checkout-api' });
    expect(filterChange('severity', 'bogus')).toEqual({ severity: '' });
  });

  it('asks the gateway for its default 30 days without a range, and for other periods from now back', () => {
    expect(toQuery(DEFAULT_FILTERS, RELIABILITY_NOW)).toEqual({ groupBy: 'service' });
    expect(
      toQuery(
        {
          ...DEFAULT_FILTERS,
          period: '7d',
          groupBy: 'team',
          service: 's',
          team: 't',
          severity: 'info',
          includeMaintenance: true,
        },
        RELIABILITY_NOW
      )
    ).toEqual({
      groupBy: 'team',
      from: RELIABILITY_NOW - 7 * DAY,
      service: 's',
      team: 't',
      severity: 'info',
      includeMaintenance: 'true',
    });
    expect(describedFilters({ ...DEFAULT_FILTERS, team: 't' })).toEqual({
      period: '30d',
      groupBy: 'service',
      team: 't',
    });
  });
});

describe('queries of the other sections', () => {
  it('asks for alert fatigue over the chosen period, always with a start, and with the service and team only', () => {
    expect(toFatigueQuery(DEFAULT_FILTERS, RELIABILITY_NOW)).toEqual({ from: RELIABILITY_NOW - 30 * DAY });
    expect(
      toFatigueQuery(
        { ...DEFAULT_FILTERS, period: '90d', service: 's', team: 't', severity: 'critical', groupBy: 'team' },
        RELIABILITY_NOW
      )
    ).toEqual({ from: RELIABILITY_NOW - 90 * DAY, service: 's', team: 't' });
  });

  it('asks for cost efficiency with no range (each service has its objective window)', () => {
    expect(toCostQuery({ ...DEFAULT_FILTERS, period: '7d' })).toEqual({});
    expect(toCostQuery({ ...DEFAULT_FILTERS, team: 't', service: 's' })).toEqual({ service: 's', team: 't' });
  });

  it('describes only the filters that apply to the section exported', () => {
    const filters = { ...DEFAULT_FILTERS, team: 't', severity: 'critical' as const, includeMaintenance: true };
    expect(describedFilters(filters, 'fatigue')).toEqual({ period: '30d', team: 't' });
    expect(describedFilters(filters, 'cost')).toEqual({ team: 't' });
    expect(describedFilters(filters)).toEqual({
      period: '30d',
      groupBy: 'service',
      team: 't',
      severity: 'critical',
      includeMaintenance: 'true',
    });
  });
});

describe('trends', () => {
  it('colours a longer MTTA or MTTR as worse and a longer MTBF as better', () => {
    const longer = { delta: 60_000, ratio: 0.25 };
    const shorter = { delta: -60_000, ratio: -0.5 };
    expect(trendView('mttr', longer)).toMatchObject({ tone: 'worse', arrow: '↑', text: '+25%' });
    expect(trendView('mtta', longer).tone).toBe('worse');
    expect(trendView('mtbf', longer)).toMatchObject({ tone: 'better', arrow: '↑', text: '+25%' });
    expect(trendView('mttr', shorter)).toMatchObject({ tone: 'better', arrow: '↓', text: '−50%' });
    expect(trendView('mtbf', shorter)).toMatchObject({ tone: 'worse', arrow: '↓' });
    expect(trendView('mtbf', shorter).label).toBe('50% shorter than the period before (worse)');
  });

  it('says unchanged for a change that rounds to 0%, and nothing without a figure before', () => {
    expect(trendView('mttr', { delta: 10, ratio: 0.001 })).toMatchObject({ tone: 'same', arrow: '→', text: '0%' });
    expect(trendView('mttr', undefined)).toMatchObject({ tone: 'unknown', arrow: '', text: '–' });
    // A figure before of 0 ms gives no ratio: the change is said as a duration.
    expect(trendView('mtta', { delta: 120_000 })).toMatchObject({ tone: 'worse', text: '+2 min' });
  });

  it('compares p90s the way the gateway compares means', () => {
    expect(compareFigures(minutes(10, 3, 10, 30), minutes(10, 3, 10, 20), 'p90')).toEqual({
      delta: 10 * 60_000,
      ratio: 0.5,
    });
    expect(compareFigures(minutes(10), undefined)).toBeUndefined();
    expect(compareFigures(minutes(10), { count: 1, mean: 0, median: 0, p90: 0 })).toEqual({ delta: 600_000 });
  });

  it('says how many measurements a figure stands on', () => {
    expect(countLabel('mttr', 1)).toBe('from 1 incident');
    expect(countLabel('mtta', undefined)).toBe('from 0 incidents');
    expect(countLabel('mtbf', 2)).toBe('from 2 gaps between incidents');
  });
});

describe('bars and export', () => {
  const report = reliabilityResponse([
    reliabilityRow(
      '=HYPERLINK("x")',
      { incidents: 3, inMaintenance: 1, mtta: minutes(2), mttr: minutes(60, 3, 50, 90), mtbf: minutes(600, 2) },
      { incidents: 2, mttr: minutes(30) },
      { mttr: { delta: 1_800_000, ratio: 1 } }
    ),
    reliabilityRow('search-api', { incidents: 2, mttr: minutes(15) }),
    reliabilityRow('', { incidents: 1 }),
  ]);

  it('draws one MTTR bar per row in the gateway order, toned against the worst, none without a resolved incident', () => {
    const bars = mttrBars(report.rows, 'No service');
    expect(bars.map((b) => [b.key, b.label, b.value, b.tone])).toEqual([
      ['=HYPERLINK("x")', '=HYPERLINK("x")', 3_600_000, 'bad'],
      ['search-api', 'search-api', 900_000, 'fair'],
      ['', 'No service', null, 'neutral'],
    ]);
    expect(bars[0].text).toBe('1 h (from 3 incidents)');
    expect(bars[2].text).toBe('no resolved incident');
    expect(mttrBars([], 'No service')).toEqual([]);
  });

  it('writes the rows in the gateway order as CSV, durations in seconds, keys quoted and defused', () => {
    const lines = reliabilityToCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'service,incidents,in_maintenance,mtta_mean_seconds,mtta_p90_seconds,mtta_count,mttr_mean_seconds,mttr_median_seconds,mttr_p90_seconds,mttr_count,mtbf_mean_seconds,mtbf_median_seconds,mtbf_count,previous_incidents,previous_mttr_mean_seconds,mttr_trend_seconds,mttr_trend_ratio'
    );
    expect(lines[1]).toBe(
      `${csvCell('=HYPERLINK("x")')},3,1,120,240,4,3600,3000,5400,3,36000,36000,2,2,1800,1800,1.0000`
    );
    expect(lines[1].startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(lines[2].split(',').slice(0, 7)).toEqual(['search-api', '2', '0', '', '', '0', '900']);
    expect(lines[3].startsWith(',1,0,')).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('writes the answer as it came, with the filters, as JSON', () => {
    const json = JSON.parse(reliabilityToJson(report, { period: '30d', groupBy: 'service' }));
    expect(json.filters).toEqual({ period: '30d', groupBy: 'service' });
    expect(json.rows.map((r: { key: string }) => r.key)).toEqual(['=HYPERLINK("x")', 'search-api', '']);
    expect(json.range).toEqual(report.range);
    expect(json.fleet).toEqual(report.fleet);
  });

  it('names the file after the section, the filters and the time', () => {
    expect(exportFileName('csv', { period: '7d', team: 'pay ments' }, Date.UTC(2026, 0, 2, 3, 4, 5))).toBe(
      'reliability-period-7d-team-pay_ments-2026-01-02T03-04-05Z.csv'
    );
    expect(exportFileName('json', {}, Date.UTC(2026, 0, 2), 'cost-efficiency')).toBe(
      'cost-efficiency-2026-01-02T00-00-00Z.json'
    );
  });
});
