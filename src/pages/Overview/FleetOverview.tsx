import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { type ReactNode, useMemo, useState } from 'react';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { FilterBar, type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { groupByTeam, summarise } from './fleetHealth';
import { FleetSummary } from './FleetSummary';
import { formatTimeAgo } from '@/components/format';
import { ServiceCard } from './ServiceCard';
import { useFleetHealth } from './useFleetHealth';

const ALL_TEAMS = '';
type OverviewFilterKey = 'team';

/**
 * The fleet at a glance from the gateway's fleet_health query, reloaded every 10 s and on alert and incident events. `glance` (e.g. the infrastructure
 * and cost strip) sits between the fleet summary and the per-service detail.
 */
export function FleetOverview({
  client,
  glance,
  eventSources,
}: {
  client: GatewayClient;
  glance?: ReactNode;
  /** Tests hand in a fake EventSource; the browser's is used otherwise. */
  eventSources?: EventSourceFactory;
}) {
  const styles = useStyles2(getStyles);
  const { health, error, loading, updatedAt, refresh } = useFleetHealth(client, eventSources);
  const [team, setTeam] = useState(ALL_TEAMS);

  const rows = useMemo(() => health?.rows ?? [], [health]);
  const filterBar = useMemo<Array<FilterDescriptor<OverviewFilterKey>>>(
    () => [
      {
        key: 'team',
        label: 'Team',
        noFilterLabel: 'All teams',
        choices: [...new Set(rows.map((r) => r.team))].sort(),
        testId: testIds.overview.teamFilter,
        width: 24,
      },
    ],
    [rows]
  );
  const visible = team === ALL_TEAMS ? rows : rows.filter((r) => r.team === team);
  const groups = groupByTeam(visible);

  if (!health && loading) {
    return <LoadingPlaceholder text="Loading fleet health…" data-testid={testIds.overview.loading} />;
  }

  return (
    <div className={styles.page}>
      {error && (
        <Alert severity="error" title="Could not load fleet health" data-testid={testIds.overview.error}>
          {error}
        </Alert>
      )}
      {health && (
        <>
          <Stack direction="row" wrap="wrap" alignItems="center" gap={2}>
            {health.demo && (
              <span data-testid={testIds.overview.demoBadge}>
                <Badge
                  color="purple"
                  icon="info-circle"
                  text="Demo data"
                  tooltip="The gateway has no upstream sources configured and serves a generated demo fleet."
                />
              </span>
            )}
            <Text color="secondary" aria-live="polite">
              <span data-testid={testIds.overview.lastUpdated}>
                {updatedAt ? `Updated ${formatTimeAgo(updatedAt)}, refreshes every 30 s` : 'Not loaded yet'}
              </span>
            </Text>
            <Button
              variant="secondary"
              size="sm"
              icon={loading ? 'spinner' : 'sync'}
              onClick={refresh}
              disabled={loading}
              data-testid={testIds.overview.refresh}
            >
              Refresh
            </Button>
            <FilterBar
              label="Fleet filters"
              idPrefix="opsdeck-overview"
              filters={filterBar}
              values={{ team }}
              onChange={(_key, value) => setTeam(value)}
            />
          </Stack>
          {health.notices.length > 0 && (
            <div data-testid={testIds.overview.notices}>
              {health.notices
                .filter((n) => n.severity !== 'info' || !health.demo)
                .map((notice, i) => (
                  <Alert key={i} severity={notice.severity} title={notice.text} />
                ))}
            </div>
          )}
          <FleetSummary summary={summarise(visible)} />
          {glance}
          <section aria-labelledby="opsdeck-fleet-services" data-testid={testIds.overview.fleet}>
            <h2 id="opsdeck-fleet-services" className={styles.heading}>
              Services
            </h2>
            {groups.length === 0 && (
              <p data-testid={testIds.overview.empty}>
                The gateway reported no services. Check the service catalog (services.yaml).
              </p>
            )}
            {groups.map((group) => (
              <section
                key={group.team}
                aria-labelledby={`opsdeck-team-${group.team}`}
                data-testid={testIds.overview.teamGroup(group.team)}
                className={styles.group}
              >
                <h3 id={`opsdeck-team-${group.team}`} className={styles.teamHeading}>
                  Team {group.team || 'unknown'} <span className={styles.count}>({group.rows.length})</span>
                </h3>
                <div className={styles.cards}>
                  {group.rows.map((row) => (
                    <ServiceCard key={row.service} row={row} />
                  ))}
                </div>
              </section>
            ))}
          </section>
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  group: css({ marginBottom: theme.spacing(2) }),
  teamHeading: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  count: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  // min(100%, …) lets cards shrink to one column on a 375 px screen instead of forcing a horizontal scroll.
  cards: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
    gap: theme.spacing(1.5),
  }),
});
