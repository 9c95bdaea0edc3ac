import { useStyles2 } from '@grafana/ui';
import { type Clock, systemClock, type GatewayClient, useGatewayQuery } from '@/api';
import { figureTableStyles } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl } from '@/constants';
import { formatScore, formatShare, ruleKey, rulesWorstFirst } from '@/pages/Reliability/fatigueFigures';
import { RELIABILITY_REFRESH_MS } from '@/pages/Reliability/reliabilityFigures';
import { DEFAULT_FILTERS, toFatigueQuery } from '@/pages/Reliability/reliabilityFilters';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { ReliabilityFrame } from './ReliabilityFrame';
import { sectionStyles } from './sectionStyles';

/** The service's alert rules over the last 30 days, most fatiguing first: what they cost the people they paged. */
export function ServiceFatigue({
  client,
  service,
  clock = systemClock,
}: {
  client: GatewayClient;
  service: string;
  /** Tests hand in a fixed clock: the 30 days end at its now. */
  clock?: Clock;
}) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(
    client,
    (gateway) => gateway.alertFatigue(toFatigueQuery({ ...DEFAULT_FILTERS, service }, clock.now())),
    { key: service, pollMs: RELIABILITY_REFRESH_MS, clock }
  );
  const rules = data ? rulesWorstFirst(data.rules) : [];
  return (
    <ReliabilityFrame
      id="opsdeck-service-fatigue"
      title="Alert fatigue (30 days)"
      href={reliabilityPageUrl({ service, section: 'fatigue' })}
      what="alert fatigue"
      error={error}
      loaded={Boolean(data)}
      testIds={{
        section: testIds.reliability.fatigue.service,
        link: testIds.reliability.fatigue.serviceLink,
        error: testIds.reliability.fatigue.serviceError,
      }}
    >
      {data && rules.length === 0 && (
        <p className={styles.secondary} data-testid={testIds.reliability.fatigue.serviceEmpty}>
          No alert of this service fired in the last 30 days.
        </p>
      )}
      {rules.length > 0 && (
        <div
          className={styles.scroll}
          tabIndex={0}
          role="region"
          aria-label="Alert rules of this service, scrolls sideways"
        >
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Score (0–100)</th>
                <th scope="col">Pages in sleep hours</th>
                <th scope="col">Never acknowledged</th>
                <th scope="col">Auto-resolved</th>
                <th scope="col">Alerts</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => {
                const key = ruleKey(rule);
                const cell = (column: string) => testIds.reliability.fatigue.serviceRuleCell(key, column);
                const f = rule.figures;
                return (
                  <tr key={key} data-testid={testIds.reliability.fatigue.serviceRule(key)}>
                    <th scope="row">{rule.rule.name}</th>
                    <td data-testid={cell('score')}>{formatScore(f.score.score)}</td>
                    <td data-testid={cell('sleep')}>{f.interruptionsByHours.sleep}</td>
                    <td data-testid={cell('never_acknowledged')}>{formatShare(f.neverAcknowledged)}</td>
                    <td data-testid={cell('auto_resolved')}>{formatShare(f.autoResolved)}</td>
                    <td data-testid={cell('alerts')}>{f.alerts}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </ReliabilityFrame>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  scroll: css(figureTableStyles(theme).scroll),
  table: css(figureTableStyles(theme).table),
});
