import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { REPORT_PERIODS, type ReportFormat, type ReportPeriod, type SreReportQuery } from '@opsdeck/contract';

/**
 * What the Report page shows, named as the URL and GET /api/reports/sre name them, so a report is a deep link
 * (`?period=month&team=payments`). An empty team is the whole fleet.
 */
export interface ReportFilters {
  period: ReportPeriod;
  team: string;
}

export const DEFAULT_FILTERS: ReportFilters = { period: 'week', team: '' };

/** An unknown period in a hand-made or old link falls back to the week, so the page still opens. */
export function filtersFromSearch(params: URLSearchParams): ReportFilters {
  const period = params.get('period');
  return {
    period:
      period !== null && (REPORT_PERIODS as readonly string[]).includes(period) ? (period as ReportPeriod) : 'week',
    team: params.get('team') ?? '',
  };
}

/** The URL after a change; defaults stay out of it so the plain page link stays plain. Other parameters are kept. */
export function paramsWith(current: URLSearchParams, change: Partial<ReportFilters>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(change) as Array<[keyof ReportFilters, string]>) {
    if (value === DEFAULT_FILTERS[key]) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return next;
}

/**
 * The gateway query. The period is always sent, the default too, so the JSON the page shows and the files it
 * links to name the same report whatever the gateway's default becomes.
 */
export function toQuery(filters: ReportFilters): Omit<SreReportQuery, 'format'> {
  return filters.team ? { period: filters.period, team: filters.team } : { period: filters.period };
}

export function toDownloadQuery(filters: ReportFilters, format: Exclude<ReportFormat, 'json'>): SreReportQuery {
  return { ...toQuery(filters), format };
}

/** e.g. sre-report-week-payments.md; the whole fleet's is sre-report-month.csv. */
export function downloadFileName(filters: ReportFilters, format: ReportFormat): string {
  const parts = ['sre-report', filters.period, filters.team].filter(Boolean);
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.${format}`;
}

export function useReportFilters(): [ReportFilters, (change: Partial<ReportFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const update = useCallback(
    (change: Partial<ReportFilters>) => setParams((current) => paramsWith(current, change), { replace: true }),
    [setParams]
  );
  return [filters, update];
}
