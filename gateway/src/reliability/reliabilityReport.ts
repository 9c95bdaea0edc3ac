/** Rows of GET /api/reliability from incident histories: pure, so tests pass plain values. */
import type {
  IncidentFigureSet,
  ReliabilityGroupBy,
  ReliabilityResponse,
  ReliabilityRow,
  TimeRangeMs,
} from '@opsdeck/contract';
import { incidentFigures, trend, type FigureOptions } from './incidentFigures';
import type { HistoricIncident } from './incidentHistory';

function figureSet(incidents: readonly HistoricIncident[], options: FigureOptions): IncidentFigureSet {
  const figures = incidentFigures(incidents, options);
  return {
    incidents: incidents.length,
    inMaintenance: incidents.filter((i) => i.inMaintenance).length,
    ...(figures.mtta ? { mtta: figures.mtta } : {}),
    ...(figures.mttr ? { mttr: figures.mttr } : {}),
    ...(figures.mtbf ? { mtbf: figures.mtbf } : {}),
  };
}

function row(
  key: string,
  current: readonly HistoricIncident[],
  previous: readonly HistoricIncident[],
  options: FigureOptions
): ReliabilityRow {
  const now = figureSet(current, options);
  const before = figureSet(previous, options);
  const trends = {
    mtta: trend(now.mtta, before.mtta),
    mttr: trend(now.mttr, before.mttr),
    mtbf: trend(now.mtbf, before.mtbf),
  };
  return {
    key,
    current: now,
    previous: before,
    trend: Object.fromEntries(Object.entries(trends).filter(([, t]) => t !== undefined)),
  };
}

const keyOf = (incident: HistoricIncident, groupBy: ReliabilityGroupBy): string => incident[groupBy] ?? '';

export function reliabilityReport(
  incidents: readonly HistoricIncident[],
  range: TimeRangeMs,
  groupBy: ReliabilityGroupBy,
  options: FigureOptions = {}
): ReliabilityResponse {
  const previousRange = { from: range.from - (range.to - range.from), to: range.from };
  const inRange = (r: TimeRangeMs) => (i: HistoricIncident) => i.triggeredAt >= r.from && i.triggeredAt < r.to;
  const current = incidents.filter(inRange(range));
  const previous = incidents.filter(inRange(previousRange));
  const keys = [...new Set([...current, ...previous].map((i) => keyOf(i, groupBy)))];
  const rows = keys
    .map((key) =>
      row(
        key,
        current.filter((i) => keyOf(i, groupBy) === key),
        previous.filter((i) => keyOf(i, groupBy) === key),
        options
      )
    )
    .sort(
      (a, b) =>
        (b.current.mttr?.mean ?? -1) - (a.current.mttr?.mean ?? -1) ||
        b.current.incidents - a.current.incidents ||
        a.key.localeCompare(b.key)
    );
  return { groupBy, range, previousRange, rows, fleet: row('', current, previous, options) };
}
