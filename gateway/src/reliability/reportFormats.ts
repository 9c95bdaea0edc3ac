/** The SRE report as Markdown (a document to paste into a review) and CSV (one row per figure, for spreadsheets). */
import { csvCell, type DurationDistribution, type SreReport } from '@opsdeck/contract';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return '–';
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

const pct = (share: number | null | undefined) =>
  share === null || share === undefined ? '–' : `${(share * 100).toFixed(2)}%`;
const usd = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `$${n.toFixed(2)}`);
const mean = (d?: DurationDistribution) => formatDuration(d?.mean);
/** Markdown table cells: a pipe or a line break in a name would break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function reportMarkdown(report: SreReport): string {
  const scope = report.team ? `team ${report.team}` : 'the fleet';
  const { current, previous } = report.incidents;
  return [
    `# SRE report: ${report.period} ${day(report.range.from)} to ${day(report.range.to - 1)}, ${scope}`,
    '',
    `Generated ${new Date(report.generatedAt).toISOString()}${report.demo ? ' from demo data' : ''}. Compared with ${day(report.previousRange.from)} to ${day(report.previousRange.to - 1)}.`,
    '',
    '## SLOs',
    '',
    'Over the period (and the period before); budget used is the share of one objective window\'s budget. Budget left is as of the report, over the objective\'s own window.',
    '',
    table(
      ['Service', 'Objective', 'Target', 'Attained', 'Met', 'Before', 'Burn rate', 'Budget used', 'Budget left'],
      report.slo.map((s) => [
        s.service,
        s.objective,
        pct(s.target),
        pct(s.period.attainment),
        s.period.met === null ? '—' : s.period.met ? 'yes' : 'no',
        pct(s.previousPeriod.attainment),
        s.period.burnRate === null ? '—' : `${s.period.burnRate.toFixed(2)}×`,
        pct(s.period.budgetSpent),
        pct(s.budgetRemaining),
      ])
    ),
    '',
    '## Incidents',
    '',
    `${current.incidents} incidents (${previous.incidents} before). MTTA ${mean(current.mtta)} (before ${mean(previous.mtta)}), MTTR ${mean(current.mttr)} (before ${mean(previous.mttr)}), MTBF ${mean(current.mtbf)}.`,
    '',
    table(
      ['Service', 'Incidents', 'MTTA', 'MTTR', 'MTTR p90', 'MTBF'],
      report.incidents.byService.map((r) => [
        r.key || '(none)',
        String(r.current.incidents),
        mean(r.current.mtta),
        mean(r.current.mttr),
        formatDuration(r.current.mttr?.p90),
        mean(r.current.mtbf),
      ])
    ),
    '',
    '## Noisiest alert rules',
    '',
    table(
      ['Rule', 'Team', 'Score', 'Alerts', 'Sleep-hour pages', 'Never acknowledged'],
      report.noisiestRules.map((r) => [
        r.rule.name,
        r.team || '(none)',
        String(r.figures.score.score),
        String(r.figures.alerts),
        String(r.figures.interruptionsByHours.sleep),
        pct(r.figures.neverAcknowledged),
      ])
    ),
    '',
    '## Deploys and DORA',
    '',
    table(
      ['', 'Deployments', 'Per day', 'Lead time', 'Change failure rate', 'Recovery time'],
      (['current', 'previous'] as const).map((when) => {
        const f = report.deploys[when];
        return [
          when === 'current' ? 'This period' : 'Before',
          String(f.deployments),
          f.deploymentsPerDay.toFixed(2),
          formatDuration(f.leadTimeMs),
          pct(f.changeFailureRate),
          formatDuration(f.recoveryTimeMs),
        ];
      })
    ),
    '',
    '## Cost',
    '',
    `Total ${usd(report.cost.total)} (before ${usd(report.cost.previousTotal)}).`,
    '',
    table(
      ['Service', 'Cost', 'Before', 'Per 1k requests'],
      report.cost.byService.map((c) => [c.service, usd(c.cost), usd(c.previousCost), usd(c.costPer1kRequests)])
    ),
    ...(report.notices.length > 0 ? ['', '## Notices', '', ...report.notices.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}

/** One row per figure: section, subject, figure, value, previous (numbers unformatted: ms, shares, USD). */
export function reportCsv(report: SreReport): string {
  const rows: Array<[string, string, string, number | string | null | undefined, number | string | null | undefined]> =
    [];
  for (const s of report.slo) {
    const subject = `${s.service}/${s.objective}`;
    rows.push(['slo', subject, 'period_attainment', s.period.attainment, s.previousPeriod.attainment]);
    rows.push(['slo', subject, 'period_burn_rate', s.period.burnRate, s.previousPeriod.burnRate]);
    rows.push(['slo', subject, 'period_budget_spent', s.period.budgetSpent, s.previousPeriod.budgetSpent]);
    rows.push(['slo', subject, 'window_attainment', s.attainment, null]);
    rows.push(['slo', subject, 'budget_remaining', s.budgetRemaining, null]);
  }
  const { current, previous } = report.incidents;
  rows.push(['incidents', 'all', 'count', current.incidents, previous.incidents]);
  for (const figure of ['mtta', 'mttr', 'mtbf'] as const) {
    rows.push(['incidents', 'all', `${figure}_mean_ms`, current[figure]?.mean, previous[figure]?.mean]);
  }
  for (const r of report.incidents.byService) {
    rows.push(['incidents', r.key, 'count', r.current.incidents, r.previous.incidents]);
    rows.push(['incidents', r.key, 'mttr_mean_ms', r.current.mttr?.mean, r.previous.mttr?.mean]);
  }
  for (const r of report.noisiestRules)
    rows.push(['alert_fatigue', `${r.team}/${r.rule.name}`, 'score', r.figures.score.score, null]);
  for (const field of [
    'deployments',
    'deploymentsPerDay',
    'leadTimeMs',
    'changeFailureRate',
    'recoveryTimeMs',
  ] as const) {
    rows.push(['deploys', 'all', field, report.deploys.current[field], report.deploys.previous[field]]);
  }
  rows.push(['cost', 'all', 'usd', report.cost.total, report.cost.previousTotal]);
  for (const c of report.cost.byService) rows.push(['cost', c.service, 'usd', c.cost, c.previousCost]);
  // Numbers as they are: csvCell would guard a negative one (a spent budget) as if it were a formula.
  const value = (v: number | string | null | undefined) =>
    v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : csvCell(v);
  return [
    'section,subject,figure,value,previous',
    ...rows.map(([section, subject, figure, now, before]) =>
      [csvCell(section), csvCell(subject), csvCell(figure), value(now), value(before)].join(',')
    ),
    '',
  ].join('\r\n');
}
