import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { formatDuration } from '@/components/format';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl } from '@/constants';
import { countLabel, type FigureKind, RELIABILITY_REFRESH_MS } from '@/pages/Reliability/reliabilityFigures';
import { Trend } from '@/pages/Reliability/Trend';
import { ReliabilityFrame } from './ReliabilityFrame';
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
    <ReliabilityFrame
      id="opsdeck-service-reliability"
      title="Reliability (30 days)"
      href={reliabilityPageUrl({ service })}
      what="reliability figures"
      error={error}
      loaded={Boolean(fleet)}
      testIds={{
        section: testIds.reliability.service,
        link: testIds.reliability.serviceLink,
        error: testIds.reliability.serviceError,
      }}
    >
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
    </ReliabilityFrame>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  value: css({ fontSize: theme.typography.h4.fontSize }),
  count: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
