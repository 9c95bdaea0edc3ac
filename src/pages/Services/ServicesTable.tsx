import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Icon, TextLink, useStyles2 } from '@grafana/ui';
import { servicePageUrl } from '@/constants';
import { formatTimeAgo, NO_DATA } from '@/components/format';
import { testIds } from '@/components/testIds';
import { formatUsd } from '@/pages/Overview/format';
import { StatusIndicator } from '@/pages/Overview/StatusIndicator';
import { HealthScore } from './HealthScore';
import { type ServiceRow, type SortKey, type SortOrder } from './serviceRows';
import { formatBudget, formatBurnRate } from './sloFigures';

interface Props {
  rows: ServiceRow[];
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
}

/** Whether a key's worst end is its smallest value: for aria-sort, which speaks of ascending and descending. */
const WORST_IS_ASCENDING: Record<SortKey, boolean> = {
  budget: true,
  health: true,
  burn: false,
  incidents: false,
  cost: false,
  service: true,
};

function ariaSort(key: SortKey, sort: SortKey, order: SortOrder): 'ascending' | 'descending' | undefined {
  if (key !== sort) {
    return undefined;
  }
  return WORST_IS_ASCENDING[key] === (order === 'worst') ? 'ascending' : 'descending';
}

/** The services, one row each, sortable by the figures an SRE triages by; each name opens the Service page. */
export function ServicesTable({ rows, sort, order, onSort }: Props) {
  const styles = useStyles2(getStyles);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={ariaSort(key, sort, order)}>
      <button
        type="button"
        className={styles.sort}
        onClick={() => onSort(key)}
        data-testid={testIds.services.sort(key)}
      >
        {label}
        {key === sort && (
          <Icon name={ariaSort(key, sort, order) === 'ascending' ? 'arrow-up' : 'arrow-down'} aria-hidden />
        )}
      </button>
    </th>
  );
  return (
    // A phone scrolls the table inside its own region, not the page; the region takes focus so a keyboard can too.
    <div className={styles.scroll} role="region" aria-label="Services" tabIndex={0}>
      <table className={styles.table} data-testid={testIds.services.table}>
        <thead>
          {/* The budget, the default sort, right after the name: it stays on a phone's first screen. */}
          <tr>
            {header('service', 'Service')}
            {header('budget', 'Budget left')}
            <th scope="col">Status</th>
            {header('health', 'Health')}
            {header('burn', 'Burn rate (1 h)')}
            {header('incidents', 'Incidents / alerts')}
            <th scope="col">On call</th>
            <th scope="col">Last deploy</th>
            {header('cost', 'Cost this month')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.service} data-testid={testIds.services.row(row.service)}>
              <th scope="row" className={styles.name}>
                <TextLink
                  href={servicePageUrl(row.service)}
                  inline={false}
                  data-testid={testIds.services.rowLink(row.service)}
                >
                  {row.service}
                </TextLink>
                <span className={styles.meta}>
                  {row.team} · tier {row.tier}
                </span>
              </th>
              <td data-testid={testIds.services.cell(row.service, 'budget')} className={budgetClass(row, styles)}>
                {formatBudget(row.budgetRemaining)}
                {row.worst && <span className={styles.meta}>{row.worst.id}</span>}
              </td>
              <td>
                <StatusIndicator status={row.status} testId={testIds.services.cell(row.service, 'status')} />
              </td>
              <td>
                <HealthScore health={row.health} testId={testIds.services.healthScore(row.service)} />
              </td>
              <td data-testid={testIds.services.cell(row.service, 'burn')}>
                {formatBurnRate(row.burnRate1h?.rate)}
                {row.burnRate1h && <span className={styles.meta}>{row.burnRate1h.id}</span>}
              </td>
              <td data-testid={testIds.services.cell(row.service, 'incidents')}>
                <span className={row.openIncidents > 0 ? styles.bad : undefined}>
                  {row.openIncidents} incident{row.openIncidents === 1 ? '' : 's'}
                </span>
                <span className={styles.meta}>
                  {row.openAlerts} alert{row.openAlerts === 1 ? '' : 's'}
                </span>
              </td>
              <td data-testid={testIds.services.cell(row.service, 'on_call')}>
                {row.onCall.length > 0 ? row.onCall.join(', ') : 'Nobody'}
              </td>
              <td data-testid={testIds.services.cell(row.service, 'last_deploy')}>
                {row.lastDeploy ? (
                  <>
                    <time dateTime={new Date(row.lastDeploy.startedAt).toISOString()}>
                      {formatTimeAgo(row.lastDeploy.startedAt)}
                    </time>
                    <span className={styles.meta}>
                      {row.lastDeploy.version} · {row.lastDeploy.status.replace('_', ' ')}
                    </span>
                  </>
                ) : (
                  'Never'
                )}
              </td>
              <td data-testid={testIds.services.cell(row.service, 'cost')}>
                {row.costMonthToDate === null ? NO_DATA : formatUsd(row.costMonthToDate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function budgetClass(row: ServiceRow, styles: ReturnType<typeof getStyles>): string | undefined {
  if (row.budgetRemaining === null) {
    return undefined;
  }
  return row.budgetRemaining <= 0 ? styles.bad : row.budgetRemaining < 0.25 ? styles.warn : undefined;
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({
    overflowX: 'auto',
    maxWidth: '100%',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    'th, td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: theme.spacing(1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    'thead th': {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      whiteSpace: 'nowrap',
    },
  }),
  sort: css({
    all: 'unset',
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minHeight: 24,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  name: css({ fontWeight: theme.typography.fontWeightMedium, minWidth: 140 }),
  meta: css({
    display: 'block',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
  bad: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  warn: css({ color: theme.colors.warning.text }),
});
