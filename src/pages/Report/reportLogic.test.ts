import {
  DEFAULT_FILTERS,
  downloadFileName,
  filtersFromSearch,
  paramsWith,
  toDownloadQuery,
  toQuery,
} from './reportFilters';
import { emptyReportFixture, sreReportFixture } from './reportFixture';
import { printCss } from './reportPrint';
import { countChange, dayRange, relativeChange, reportTitle, utcMinute } from './reportText';
import { isEmptyReport } from './ReportDocument';

describe('report filters and the URL', () => {
  it('reads the period and team, falling back to the week for an unknown period', () => {
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromSearch(new URLSearchParams('period=month&team=payments'))).toEqual({
      period: 'month',
      team: 'payments',
    });
    expect(filtersFromSearch(new URLSearchParams('period=year'))).toEqual(DEFAULT_FILTERS);
  });

  it('keeps defaults out of the URL and other parameters in it, and round-trips', () => {
    expect(paramsWith(new URLSearchParams('period=month&x=1'), { period: 'week', team: 'search' }).toString()).toBe(
      'x=1&team=search'
    );
    expect(paramsWith(new URLSearchParams('team=a'), { team: '' }).toString()).toBe('');
    const filters = { period: 'month' as const, team: 'pay ments' };
    expect(filtersFromSearch(paramsWith(new URLSearchParams(), filters))).toEqual(filters);
  });

  it('always sends the period, the team only when one is chosen, and names the downloads after them', () => {
    expect(toQuery(DEFAULT_FILTERS)).toEqual({ period: 'week' });
    expect(toQuery({ period: 'month', team: 'payments' })).toEqual({ period: 'month', team: 'payments' });
    expect(toDownloadQuery({ period: 'week', team: 'payments' }, 'csv')).toEqual({
      period: 'week',
      team: 'payments',
      format: 'csv',
    });
    expect(downloadFileName(DEFAULT_FILTERS, 'md')).toBe('sre-report-week.md');
    expect(downloadFileName({ period: 'month', team: 'pay/ments' }, 'csv')).toBe('sre-report-month-pay_ments.csv');
  });
});

describe('report text', () => {
  it('titles the report with its period and whole UTC days, the end being exclusive', () => {
    const report = sreReportFixture();
    expect(reportTitle(report)).toBe('SRE report — week 2026-11-26 to 2026-12-02');
    expect(reportTitle({ ...report, period: 'month', team: 'payments' })).toBe(
      'SRE report — month 2026-11-26 to 2026-12-02, team payments'
    );
    expect(dayRange({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) })).toBe('2026-11-01 to 2026-11-30');
    expect(utcMinute(report.generatedAt)).toBe('2026-12-03 09:30 UTC');
  });

  it('signs changes the way the Reliability page signs its trends', () => {
    expect(countChange(9, 6)).toBe('+3');
    expect(countChange(2, 6)).toBe('−4');
    expect(countChange(1, 1)).toBe('±0');
    expect(relativeChange(110, 100)).toBe('+10%');
    expect(relativeChange(96, 100)).toBe('−4%');
    expect(relativeChange(100.2, 100)).toBe('0%');
    expect(relativeChange(5, 0)).toBeUndefined();
    expect(relativeChange(null, 100)).toBeUndefined();
  });

  it('knows a report with nothing in it', () => {
    expect(isEmptyReport(sreReportFixture())).toBe(false);
    expect(isEmptyReport(emptyReportFixture())).toBe(true);
  });
});

describe('print rules', () => {
  it('keep only the report, black on white, and split no row or section across pages', () => {
    const text = printCss('root', 'no-print');
    expect(text).toContain(':has(.root) > :not(:has(.root)):not(.root) { display: none !important; }');
    expect(text).toContain('.no-print { display: none !important; }');
    expect(text).toContain('.root tr { break-inside: avoid; }');
    expect(text).toContain('.root section { break-inside: avoid; }');
    expect(text).toMatch(/\.root \* \{[^}]*color: #000 !important; background: transparent !important/);
    expect(text).toContain('.root thead { display: table-header-group; }');
  });
});
