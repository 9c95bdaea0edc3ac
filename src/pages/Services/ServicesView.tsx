import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { type Clock, type EventSourceFactory, type GatewayClient } from '@/api';
import { FilterBar, type FilterDescriptor } from '@/components/FilterBar';
import { formatTimeAgo } from '@/components/format';
import { testIds } from '@/components/testIds';
import { DemoBadge } from './DemoBadge';
import { filterRows, type SortKey, sortRows } from './serviceRows';
import { ServicesTable } from './ServicesTable';
import { useServiceFilters } from './useServiceFilters';
import { useServicesOverview } from './useServicesOverview';

interface Props {
  client: GatewayClient;
  eventSources?: EventSourceFactory;
  clock?: Clock;
}

/** Every catalog service with its status, health, budget, burn, incidents, on-call, last deploy and cost. */
export function ServicesView({ client, eventSources, clock }: Props) {
  const styles = useStyles2(getStyles);
  const [filters, setFilters] = useServiceFilters();
  const overview = useServicesOverview(client, { eventSources, clock });
  const data = overview.data;

  const filterBar = useMemo<Array<FilterDescriptor<'team' | 'tier'>>>(
    () => [
      {
        key: 'team',
        label: 'Team',
        noFilterLabel: 'All teams',
        choices: [...new Set((data?.rows ?? []).map((r) => r.team))].sort(),
        testId: testIds.services.filter('team'),
        width: 24,
      },
      {
        key: 'tier',
        label: 'Tier',
        noFilterLabel: 'All tiers',
        choices: ['1', '2', '3'].map((tier) => ({ value: tier, label: `Tier ${tier}` })),
        testId: testIds.services.filter('tier'),
        width: 16,
      },
    ],
    [data]
  );
  const rows = useMemo(
    () => sortRows(filterRows(data?.rows ?? [], filters), filters.sort, filters.order),
    [data, filters]
  );
  const onSort = (key: SortKey) =>
    setFilters(
      key === filters.sort ? { order: filters.order === 'worst' ? 'best' : 'worst' } : { sort: key, order: 'worst' }
    );

  if (!data && !overview.error) {
    return <LoadingPlaceholder text="Loading services…" data-testid={testIds.services.loading} />;
  }
  return (
    <div className={styles.page}>
      {overview.error && (
        <Alert severity="error" title="Could not load service levels" data-testid={testIds.services.error}>
          {overview.error}
        </Alert>
      )}
      <Stack direction="row" wrap="wrap" alignItems="flex-end" gap={2}>
        <FilterBar
          label="Service filters"
          idPrefix="opsdeck-services"
          filters={filterBar}
          values={filters}
          onChange={(key, value) => setFilters({ [key]: value })}
        />
        {data?.demo && <DemoBadge testId={testIds.services.demoBadge} />}
        <Text color="secondary" aria-live="polite">
          <span data-testid={testIds.services.lastUpdated}>
            {overview.updatedAt
              ? `Updated ${formatTimeAgo(overview.updatedAt)}, refreshes every 10 s`
              : 'Not loaded yet'}
          </span>
        </Text>
      </Stack>
      {data && data.notices.length > 0 && (
        <div data-testid={testIds.services.notices}>
          {data.notices.map((notice, i) => (
            <Alert key={i} severity={notice.severity} title={notice.text} />
          ))}
        </div>
      )}
      {data && (
        <section aria-labelledby="opsdeck-services-list">
          <h2 id="opsdeck-services-list" className={styles.heading}>
            {rows.length} of {data.rows.length} services, {sortDescription(filters.sort, filters.order)}
          </h2>
          {rows.length === 0 ? (
            <p data-testid={testIds.services.empty}>No catalog service matches these filters.</p>
          ) : (
            <ServicesTable rows={rows} sort={filters.sort} order={filters.order} onSort={onSort} />
          )}
        </section>
      )}
    </div>
  );
}

const WORST_FIRST_WORDS: Record<SortKey, [string, string]> = {
  budget: ['least error budget left first', 'most error budget left first'],
  health: ['lowest health first', 'highest health first'],
  burn: ['fastest burn first', 'slowest burn first'],
  incidents: ['most incidents first', 'fewest incidents first'],
  cost: ['highest cost first', 'lowest cost first'],
  service: ['by name', 'by name, Z to A'],
};

function sortDescription(sort: SortKey, order: 'worst' | 'best'): string {
  return WORST_FIRST_WORDS[sort][order === 'worst' ? 0 : 1];
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
});
