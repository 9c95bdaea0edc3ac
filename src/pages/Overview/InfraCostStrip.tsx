import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type ReactNode } from 'react';
import { type GatewayClient } from '@/api';
import { testIds } from '@/components/testIds';
import { HOT_CPU_PERCENT, type InfraCost } from './infraCost';
import { NO_DATA } from '@/components/format';
import { formatChange, formatUsd } from './format';
import { useInfraCost } from './useInfraCost';

type Stat = Parameters<typeof testIds.overview.infraCostStat>[0];
type Tone = 'neutral' | 'ok' | 'warning';

interface Figure {
  stat: Stat;
  label: string;
  value: ReactNode;
  detail?: string;
  tone: Tone;
}

function serviceList(services: string[]): string | undefined {
  return services.length === 0 ? undefined : services.join(', ');
}

function figuresOf(f: InfraCost): Figure[] {
  return [
    {
      stat: 'month_to_date',
      label: 'Cost month to date',
      value: formatUsd(f.monthToDate),
      detail: f.change === null ? undefined : `${formatChange(f.change)} vs same days last month`,
      tone: f.change !== null && f.change > 0.1 ? 'warning' : 'neutral',
    },
    {
      stat: 'same_days_last_month',
      label: 'Same days last month',
      value: formatUsd(f.sameDaysLastMonth),
      tone: 'neutral',
    },
    { stat: 'forecast', label: 'Forecast month end', value: formatUsd(f.forecastMonthEnd), tone: 'neutral' },
    {
      stat: 'top_service',
      label: 'Top cost this month',
      value: f.topService ? f.topService.name : NO_DATA,
      detail: f.topService ? formatUsd(f.topService.amount) : undefined,
      tone: 'neutral',
    },
    {
      stat: 'upstream_per_day',
      label: 'Opsdeck API spend per day',
      // Cents hide a small bill: under a dollar, show hundredths of a cent.
      value: formatUsd(f.upstreamUsdPerDay, f.upstreamUsdPerDay !== null && f.upstreamUsdPerDay < 1 ? 4 : 2),
      tone: 'neutral',
    },
    {
      stat: 'hot_cpu',
      label: `Services with CPU > ${HOT_CPU_PERCENT}%`,
      value: f.hotCpuServices.length,
      detail: serviceList(f.hotCpuServices),
      tone: f.hotCpuServices.length > 0 ? 'warning' : 'ok',
    },
    {
      stat: 'asg_short',
      label: 'Auto Scaling below desired',
      value: f.asgShortServices.length,
      detail: serviceList(f.asgShortServices),
      tone: f.asgShortServices.length > 0 ? 'warning' : 'ok',
    },
  ];
}

/** Infrastructure health and cost at a glance, above the per-service detail. */
export function InfraCostStrip({ client }: { client: GatewayClient }) {
  const styles = useStyles2(getStyles);
  const { figures, error, loading } = useInfraCost(client);

  return (
    <section aria-labelledby="opsdeck-infra-cost" className={styles.section} data-testid={testIds.overview.infraCost}>
      <div className={styles.titleRow}>
        <h2 id="opsdeck-infra-cost" className={styles.heading}>
          Infrastructure and cost
        </h2>
        {figures?.demo && (
          <span data-testid={testIds.overview.infraCostDemoBadge}>
            <Badge
              color="purple"
              icon="info-circle"
              text="Demo data"
              tooltip="The gateway has no AWS account configured and serves a generated demo bill and fleet."
            />
          </span>
        )}
      </div>
      {error && (
        <Alert
          severity="warning"
          title="Some infrastructure or cost figures could not be loaded"
          data-testid={testIds.overview.infraCostError}
        >
          {error}
        </Alert>
      )}
      {!figures && loading && <LoadingPlaceholder text="Loading infrastructure and cost…" />}
      {figures && (
        <>
          {figures.notices.filter((n) => n.severity !== 'info' || !figures.demo).length > 0 && (
            <div data-testid={testIds.overview.infraCostNotices}>
              {figures.notices
                .filter((n) => n.severity !== 'info' || !figures.demo)
                .map((notice, i) => (
                  <Alert key={i} severity={notice.severity} title={notice.text} />
                ))}
            </div>
          )}
          <dl className={styles.figures}>
            {figuresOf(figures).map((figure) => (
              <div key={figure.stat} className={`${styles.figure} ${styles[figure.tone]}`}>
                <dt className={styles.label}>{figure.label}</dt>
                <dd className={styles.value} data-testid={testIds.overview.infraCostStat(figure.stat)}>
                  {figure.value}
                </dd>
                {figure.detail && <dd className={styles.detail}>{figure.detail}</dd>}
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  titleRow: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  // min(100%, …) keeps one column on a 375 px screen instead of a horizontal scroll.
  figures: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 170px), 1fr))',
    gap: theme.spacing(1),
    margin: 0,
  }),
  figure: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderTopWidth: theme.spacing(0.5),
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 1.5),
    minWidth: 0,
  }),
  neutral: css({ borderTopColor: theme.colors.border.medium }),
  ok: css({ borderTopColor: theme.colors.success.border }),
  warning: css({ borderTopColor: theme.colors.warning.border }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({
    margin: 0,
    fontSize: theme.typography.h4.fontSize,
    fontVariantNumeric: 'tabular-nums',
    overflowWrap: 'anywhere',
  }),
  detail: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
});
