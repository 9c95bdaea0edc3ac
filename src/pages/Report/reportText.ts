/**
 * The report's words that depend on its figures: title, dates, changes. Free of @grafana/data, so the browser test
 * writes what the page must say with these very functions.
 */
import { type ReportPeriod, type SreReport } from '@opsdeck/contract';

/** The gateway's periods are whole UTC days, so the report says its dates in UTC whatever the browser's zone. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-11-27 to 2026-12-03": the range's end is exclusive (midnight after its last day), so its day is one before. */
export function dayRange(range: { from: number; to: number }): string {
  const last = Math.max(range.from, range.to - 1);
  return `${utcDay(range.from)} to ${utcDay(last)}`;
}

const PERIOD_WORD: Record<ReportPeriod, string> = { week: 'week', month: 'month' };

/** "SRE report — week 2026-11-27 to 2026-12-03", with ", team payments" for one team. */
export function reportTitle(report: Pick<SreReport, 'period' | 'range' | 'team'>): string {
  const team = report.team ? `, team ${report.team}` : '';
  return `SRE report — ${PERIOD_WORD[report.period]} ${dayRange(report.range)}${team}`;
}

/** "+3", "−2", "±0": a count against the one before. */
export function countChange(current: number, previous: number): string {
  const delta = current - previous;
  if (delta === 0) {
    return '±0';
  }
  return delta > 0 ? `+${delta.toLocaleString('en-US')}` : `−${Math.abs(delta).toLocaleString('en-US')}`;
}

/**
 * A cost against the one before as a whole percent, signed as the Reliability page signs its trends ("+12%",
 * "−4%", "0%"); nothing to compare with without both figures or from zero.
 */
export function relativeChange(current: number | null, previous: number | null): string | undefined {
  if (current === null || previous === null || previous === 0) {
    return undefined;
  }
  const percent = Math.round(((current - previous) / previous) * 100);
  if (percent === 0) {
    return '0%';
  }
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent).toLocaleString('en-US')}%`;
}
