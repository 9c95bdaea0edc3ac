import { type AlertFatigueResponse, csvCell, type RuleFatigue } from '@opsdeck/contract';
import { COMPONENT_IDS } from './fatigueFigures';

const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(Math.round(ms / 1000)));
const share = (value: number) => value.toFixed(4);

/** One row per rule, in the gateway's order; shares as 0–1 and MTTA in seconds, for a spreadsheet. */
const COLUMNS: Array<{ header: string; value: (rule: RuleFatigue) => string }> = [
  { header: 'rule_kind', value: (r) => r.rule.kind },
  { header: 'team', value: (r) => r.team },
  { header: 'services', value: (r) => r.services.join(' ') },
  { header: 'receivers', value: (r) => r.receivers.join(' ') },
  { header: 'score', value: (r) => r.figures.score.score.toFixed(1) },
  ...COMPONENT_IDS.map(({ id }) => ({
    header: `${id}_points`,
    value: (r: RuleFatigue) => {
      const component = r.figures.score.components.find((c) => c.id === id);
      return component ? component.points.toFixed(1) : '';
    },
  })),
  { header: 'alerts', value: (r) => String(r.figures.alerts) },
  { header: 'interruptions', value: (r) => String(r.figures.interruptions) },
  { header: 'interruptions_business', value: (r) => String(r.figures.interruptionsByHours.business) },
  { header: 'interruptions_off', value: (r) => String(r.figures.interruptionsByHours.off) },
  { header: 'interruptions_sleep', value: (r) => String(r.figures.interruptionsByHours.sleep) },
  { header: 'never_acknowledged_share', value: (r) => share(r.figures.neverAcknowledged) },
  { header: 'auto_resolved_share', value: (r) => share(r.figures.autoResolved) },
  { header: 'flapping', value: (r) => String(r.figures.flapping) },
  { header: 'duplicates', value: (r) => String(r.figures.duplicates) },
  { header: 'mtta_seconds', value: (r) => seconds(r.figures.mtta) },
];

/** RFC 4180 CSV of every rule (not only the 10 to fix first), worst first. Names are quoted and defused. */
export function fatigueToCsv(report: AlertFatigueResponse): string {
  const lines = [['rule', ...COLUMNS.map((c) => c.header)].join(',')];
  for (const rule of report.rules) {
    lines.push([csvCell(rule.rule.name), ...COLUMNS.map((c) => csvCell(c.value(rule)))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The gateway's answer as it came (teams with their shifts, receivers, rules), with the filters that selected it. */
export function fatigueToJson(report: AlertFatigueResponse, filters: Record<string, string>): string {
  return `${JSON.stringify({ filters, ...report }, null, 2)}\n`;
}
