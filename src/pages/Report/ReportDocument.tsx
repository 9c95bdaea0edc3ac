import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type ReactNode } from 'react';
import {
  type DoraFigures,
  type DurationDistribution,
  type ReliabilityRow,
  type ReportCost,
  type ReportSlo,
  type RuleFatigue,
  type SreReport,
} from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { type ReportSection, testIds } from '@/components/testIds';
import { formatPercent, formatPerDay } from '@/pages/Deployments/format';
import { formatUsd } from '@/pages/Overview/format';
import { compareFigures, countLabel, type FigureKind } from '@/pages/Reliability/reliabilityFigures';
import { Trend } from '@/pages/Reliability/Trend';
import { formatBudget, formatBurnRate, formatRatio } from '@/pages/Services/sloFigures';
import { PRINT_ROOT, printCss } from './reportPrint';
import { countChange, dayRange, relativeChange, reportTitle, utcMinute } from './reportText';
import { type ReportColumn, ReportTable, reportTableStyles } from './ReportTable';

const HEADINGS: Record<ReportSection, string> = {
  slo: 'SLOs',
  incidents: 'Incidents',
  rules: 'Noisiest alert rules',
  deploys: 'Deploys and DORA',
  cost: 'Cost',
  notices: 'Notices',
};

/** Nothing in any section: a team without services, or a period before anything was recorded. */
export function isEmptyReport(report: SreReport): boolean {
  return (
    report.slo.length === 0 &&
    report.incidents.current.incidents === 0 &&
    report.incidents.previous.incidents === 0 &&
    report.noisiestRules.length === 0 &&
    report.deploys.current.deployments === 0 &&
    report.deploys.previous.deployments === 0 &&
    report.cost.byService.length === 0
  );
}

/** The weekly or monthly SRE report as a document: read on screen, printed or saved as PDF from the browser. */
export function ReportDocument({ report }: { report: SreReport }) {
  const styles = useStyles2(getStyles);
  return (
    <article
      className={`${PRINT_ROOT} ${styles.document}`}
      aria-labelledby="opsdeck-report-title"
      data-testid={testIds.report.document}
    >
      <style media="print">{printCss()}</style>
      <header className={styles.header}>
        <h2 id="opsdeck-report-title" className={styles.title} data-testid={testIds.report.title}>
          {reportTitle(report)}
        </h2>
        <p className={styles.secondary}>
          <span data-testid={testIds.report.generated}>Generated {utcMinute(report.generatedAt)}</span>. Compared with
          the {report.period} before, {dayRange(report.previousRange)}.
        </p>
        {report.demo && (
          <p className={styles.demo} data-testid={testIds.report.demo}>
            Demo data: the gateway has no upstream sources configured and serves a generated demo fleet.
          </p>
        )}
        {isEmptyReport(report) && (
          <p className={styles.secondary} data-testid={testIds.report.empty}>
            Nothing to report for this {report.period}
            {report.team ? ` and team ${report.team}` : ''}: no objectives, incidents, alerts, deploys or cost.
          </p>
        )}
      </header>
      <SloSection slo={report.slo} />
      <IncidentsSection incidents={report.incidents} />
      <RulesSection rules={report.noisiestRules} />
      <DeploysSection deploys={report.deploys} />
      <CostSection cost={report.cost} />
      <NoticesSection notices={report.notices} />
    </article>
  );
}

function Section({ id, children }: { id: ReportSection; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-report-${id}`;
  return (
    <section aria-labelledby={headingId} className={styles.section} data-testid={testIds.report.section(id)}>
      <h3 id={headingId} className={styles.heading}>
        {HEADINGS[id]}
      </h3>
      {children}
    </section>
  );
}

function Empty({ section, children }: { section: ReportSection; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <p className={styles.secondary} data-testid={testIds.report.sectionEmpty(section)}>
      {children}
    </p>
  );
}

const met = (value: boolean | null) => (value === null ? 'No data' : value ? 'Met' : 'Missed');

const SLO_COLUMNS: Array<ReportColumn<ReportSlo>> = [
  { id: 'service', header: 'Service', cell: (s) => s.service },
  { id: 'objective', header: 'Objective', cell: (s) => s.objective },
  { id: 'target', header: 'Target', cell: (s) => formatRatio(s.target) },
  { id: 'period', header: 'Attained in period', cell: (s) => formatRatio(s.period.attainment) },
  { id: 'met', header: 'Objective', cell: (s) => met(s.period.met) },
  { id: 'previous', header: 'Period before', cell: (s) => formatRatio(s.previousPeriod.attainment) },
  { id: 'burn', header: 'Burn rate', cell: (s) => formatBurnRate(s.period.burnRate) },
  { id: 'spent', header: 'Budget used', cell: (s) => formatBudget(s.period.budgetSpent) },
  { id: 'budget', header: 'Budget left now', cell: (s) => formatBudget(s.budgetRemaining) },
  { id: 'window', header: 'Window', cell: (s) => `${s.windowDays} d` },
];

function SloSection({ slo }: { slo: SreReport['slo'] }) {
  const styles = useStyles2(getStyles);
  return (
    <Section id="slo">
      <p className={styles.secondary}>
        Attainment and burn over the period and the one before; budget used is the share of one objective
        window&apos;s budget the period took. Budget left is as of the report time, over the objective&apos;s own
        rolling window.
      </p>
      {slo.length === 0 ? (
        <Empty section="slo">No service objectives in scope.</Empty>
      ) : (
        <ReportTable
          section="slo"
          label="SLO attainment by service"
          columns={SLO_COLUMNS}
          rows={slo}
          rowKey={(s) => `${s.service}/${s.objective}`}
        />
      )}
    </Section>
  );
}

interface FleetFigure {
  id: FigureKind;
  label: string;
}

const FLEET_FIGURES: FleetFigure[] = [
  { id: 'mtta', label: 'MTTA (mean time to acknowledge)' },
  { id: 'mttr', label: 'MTTR (mean time to resolve)' },
  { id: 'mtbf', label: 'MTBF (mean time between failures)' },
];

function FigureWithCount({
  kind,
  figure,
  testId,
}: {
  kind: FigureKind;
  figure: DurationDistribution | undefined;
  testId: string;
}) {
  const styles = useStyles2(getStyles);
  return (
    <>
      <span data-testid={testId}>{formatDuration(figure?.mean)}</span>{' '}
      <span className={styles.secondary}>{countLabel(kind, figure?.count)}</span>
    </>
  );
}

const SERVICE_INCIDENT_COLUMNS: Array<ReportColumn<ReliabilityRow>> = [
  { id: 'service', header: 'Service', cell: (r) => r.key || 'No service' },
  { id: 'incidents', header: 'Incidents', cell: (r) => r.current.incidents },
  { id: 'mtta', header: 'MTTA', cell: (r) => formatDuration(r.current.mtta?.mean) },
  { id: 'mttr', header: 'MTTR', cell: (r) => formatDuration(r.current.mttr?.mean) },
  { id: 'mtbf', header: 'MTBF', cell: (r) => formatDuration(r.current.mtbf?.mean) },
];

function IncidentsSection({ incidents }: { incidents: SreReport['incidents'] }) {
  const styles = useStyles2(getStyles);
  const table = useStyles2(reportTableStyles);
  const { current, previous, byService } = incidents;
  return (
    <Section id="incidents">
      <div className={table.scroll} tabIndex={0} role="region" aria-label="Fleet incident figures, scrolls sideways">
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">This period</th>
              <th scope="col">Period before</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Incidents</th>
              <td>
                <span data-testid={testIds.report.figure('incidents')}>{current.incidents}</span>
                {current.inMaintenance > 0 && (
                  <span className={styles.secondary}> ({current.inMaintenance} in maintenance)</span>
                )}
              </td>
              <td data-testid={testIds.report.figure('incidents_previous')}>{previous.incidents}</td>
              <td>{countChange(current.incidents, previous.incidents)}</td>
            </tr>
            {FLEET_FIGURES.map(({ id, label }) => (
              <tr key={id}>
                <th scope="row">{label}</th>
                <td>
                  <FigureWithCount kind={id} figure={current[id]} testId={testIds.report.figure(id)} />
                </td>
                <td>
                  <FigureWithCount kind={id} figure={previous[id]} testId={testIds.report.figure(`${id}_previous`)} />
                </td>
                <td>
                  <Trend
                    kind={id}
                    trend={compareFigures(current[id], previous[id])}
                    testId={testIds.report.figure(`${id}_trend`)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4 className={styles.subheading}>By service, longest time to resolve first</h4>
      {byService.length === 0 ? (
        <Empty section="incidents">No incident in this period.</Empty>
      ) : (
        <ReportTable
          section="incidents"
          label="Incidents by service"
          columns={SERVICE_INCIDENT_COLUMNS}
          rows={byService}
          rowKey={(r) => r.key || '(none)'}
        />
      )}
    </Section>
  );
}

const RULE_COLUMNS: Array<ReportColumn<RuleFatigue>> = [
  { id: 'rule', header: 'Rule', cell: (r) => r.rule.name },
  { id: 'team', header: 'Team', cell: (r) => r.team },
  { id: 'score', header: 'Score', cell: (r) => Math.round(r.figures.score.score) },
  { id: 'sleep', header: 'Sleep-hour pages', cell: (r) => r.figures.interruptionsByHours.sleep },
  { id: 'never_acknowledged', header: 'Never acknowledged', cell: (r) => formatPercent(r.figures.neverAcknowledged) },
  { id: 'alerts', header: 'Alerts', cell: (r) => r.figures.alerts },
];

function RulesSection({ rules }: { rules: RuleFatigue[] }) {
  const styles = useStyles2(getStyles);
  return (
    <Section id="rules">
      <p className={styles.secondary}>
        The rules to fix first: highest alert-fatigue score (0–100), then most pages in sleep hours.
      </p>
      {rules.length === 0 ? (
        <Empty section="rules">No alert fired in this period.</Empty>
      ) : (
        <ReportTable
          section="rules"
          label="Noisiest alert rules"
          columns={RULE_COLUMNS}
          rows={rules}
          rowKey={(r) => `${r.team}/${r.rule.name}`}
        />
      )}
    </Section>
  );
}

const DORA_FIGURES: Array<{ id: string; label: string; value: (f: DoraFigures) => string }> = [
  { id: 'deployments', label: 'Deployments', value: (f) => String(f.deployments) },
  { id: 'per_day', label: 'Per day', value: (f) => formatPerDay(f.deploymentsPerDay) },
  { id: 'lead_time', label: 'Lead time (median)', value: (f) => formatDuration(f.leadTimeMs) },
  { id: 'change_failure_rate', label: 'Change failure rate', value: (f) => formatPercent(f.changeFailureRate) },
  { id: 'recovery_time', label: 'Recovery time (median)', value: (f) => formatDuration(f.recoveryTimeMs) },
];

function DeploysSection({ deploys }: { deploys: SreReport['deploys'] }) {
  const table = useStyles2(reportTableStyles);
  return (
    <Section id="deploys">
      <div className={table.scroll} tabIndex={0} role="region" aria-label="DORA figures, scrolls sideways">
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">This period</th>
              <th scope="col">Period before</th>
            </tr>
          </thead>
          <tbody>
            {DORA_FIGURES.map(({ id, label, value }) => (
              <tr key={id} data-testid={testIds.report.row('deploys', id)}>
                <th scope="row">{label}</th>
                <td data-testid={testIds.report.figure(id)}>{value(deploys.current)}</td>
                <td data-testid={testIds.report.figure(`${id}_previous`)}>{value(deploys.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

const COST_COLUMNS: Array<ReportColumn<ReportCost>> = [
  { id: 'service', header: 'Service', cell: (c) => c.service },
  { id: 'cost', header: 'Cost', cell: (c) => formatUsd(c.cost) },
  { id: 'previous', header: 'Period before', cell: (c) => formatUsd(c.previousCost) },
  { id: 'change', header: 'Change', cell: (c) => relativeChange(c.cost, c.previousCost) ?? '–' },
  { id: 'per_1k', header: 'Per 1,000 requests', cell: (c) => formatUsd(c.costPer1kRequests, 4) },
];

function CostSection({ cost }: { cost: SreReport['cost'] }) {
  const styles = useStyles2(getStyles);
  const change = relativeChange(cost.total, cost.previousTotal);
  return (
    <Section id="cost">
      <p className={styles.text}>
        Total <strong data-testid={testIds.report.figure('cost_total')}>{formatUsd(cost.total)}</strong> against{' '}
        <span data-testid={testIds.report.figure('cost_previous')}>{formatUsd(cost.previousTotal)}</span> the period
        before{change ? ` (${change})` : ''}.
      </p>
      {cost.byService.length === 0 ? (
        <Empty section="cost">No cost in scope.</Empty>
      ) : (
        <ReportTable
          section="cost"
          label="Cost by service"
          columns={COST_COLUMNS}
          rows={cost.byService}
          rowKey={(c) => c.service}
        />
      )}
      <p className={styles.secondary}>
        USD; &ldquo;No data&rdquo; for a service without a cost-allocation tag or cost source.
      </p>
    </Section>
  );
}

function NoticesSection({ notices }: { notices: string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <Section id="notices">
      {notices.length === 0 ? (
        <Empty section="notices">No notices: every source answered.</Empty>
      ) : (
        <ul className={styles.notices}>
          {notices.map((notice, i) => (
            <li key={i} data-testid={testIds.report.notice}>
              {notice}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  document: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
    minWidth: 0,
    maxWidth: 1400,
  }),
  header: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  title: css({ fontSize: theme.typography.h3.fontSize, margin: 0, overflowWrap: 'anywhere' }),
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  subheading: css({
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    margin: theme.spacing(1, 0, 0),
  }),
  text: css({ margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  demo: css({ color: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium, margin: 0 }),
  notices: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
});
