import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { formatDuration } from '@/components/format';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl } from '@/constants';
import { countLabel, type FigureKind, RELIABILITY_REFRESH_MS } from '@/pages/Reliability/reliabilityFigures';
import { Trend } from '@/pages/Reliability/Trend';
import { sectionStyles } from './sectionStyles';

const FIGURES: Array<{ kind: FigureKind; title: string }> = [
  { kind: 'mtta', title: 'MTTA (to acknowledge)' },
  { kind: 'mttr', title: 'MTTR (to resolve)' },
  { kind: 'mtbf', title: 'MTBF (between failures)' },
];

/** The service's own MTTA, MTTR and MTBF over the gateway's default 30 days, against the 30 days before. */
export function ServiceReliability({ client, service }: { client: GatewayClient; service: string }) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(client, (gateway) => gateway.reliability({ service }), {
    key: service,
    pollMs: RELIABILITY_REFRESH_MS,
  });
  const fleet = data?.fleet;
  return (
    <section
      aria-labelledby="opsdeck-service-reliability"
      className={styles.section}
      data-testid={testIds.reliability.service}
    >
      <div className={styles.line}>
        <h2 id="opsdeck-service-reliability" className={styles.heading}>
          Reliability (30 days)
        </h2>
        <TextLink href={reliabilityPageUrl({ service })} inline={false} data-testid={testIds.reliability.serviceLink}>
          Open in Reliability
        </TextLink>
      </div>
      {error && (
        <Alert
          severity="warning"
          title="Could not load reliability figures"
          data-testid={testIds.reliability.serviceError}
        >
          {error}
        </Alert>
      )}
      {!fleet && !error && <LoadingPlaceholder text="Loading reliability figures…" />}
      {fleet && (
        <>
          <p className={styles.secondary}>
            {fleet.current.incidents} {fleet.current.incidents === 1 ? 'incident' : 'incidents'} in the last 30 days
            {fleet.current.inMaintenance > 0 ? `, ${fleet.current.inMaintenance} inside maintenance` : ''}; the change
            is against the 30 days before.
          </p>
          <dl className={styles.facts}>
            {FIGURES.map(({ kind, title }) => (
              <div key={kind} data-testid={testIds.reliability.serviceFigure(kind)}>
                <dt>{title}</dt>
                <dd>
                  <span className={styles.value} data-testid={testIds.reliability.serviceFigureValue(kind)}>
                    {formatDuration(fleet.current[kind]?.mean)}
                  </span>{' '}
                  <Trend kind={kind} trend={fleet.trend[kind]} />
                </dd>
                <dd className={styles.count}>{countLabel(kind, fleet.current[kind]?.count)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  line: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
  value: css({ fontSize: theme.typography.h4.fontSize }),
  count: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
