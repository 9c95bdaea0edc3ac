import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, Stack, Tab, TabsBar, Text, useStyles2 } from '@grafana/ui';
import { useMemo, useState } from 'react';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { type Deployment } from '@opsdeck/contract';
import { FilterBar } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { deploymentFilterBar, deploymentFilterChange } from './deploymentFilterBar';
import { DeploymentHistory } from './DeploymentHistory';
import { DoraFiguresSection } from './DoraFiguresSection';
import { formatTimeAgo } from '@/components/format';
import { isInFlight } from './format';
import { InFlightDeployments } from './InFlightDeployments';
import { mayRollBack, type OrgRole } from './rollbackAccess';
import { RollbackDialog } from './RollbackDialog';
import { RollbackHistory } from './RollbackHistory';
import { ServiceDeployCard } from './ServiceDeployCard';
import { SuspectDeploys } from './SuspectDeploys';
import { activeFilters, useDeploymentFilters } from './useDeploymentFilters';
import { currentDeployments, useDeploymentsOverview } from './useDeploymentsOverview';

interface Props {
  client: GatewayClient;
  /** The signed-in user's org role (config.bootData.user.orgRole). */
  role: OrgRole;
  /** For tests: the EventSource used to follow a rollback live. */
  eventSource?: EventSourceFactory;
}

/** Pipelines, deploys in flight, history, DORA figures and suspects, and the rollback audit log, per filters. */
export function DeploymentsView({ client, role, eventSource }: Props) {
  const styles = useStyles2(getStyles);
  const [filters, setFilters] = useDeploymentFilters();
  const overview = useDeploymentsOverview(client, filters);
  const [rollbackOf, setRollbackOf] = useState<Deployment>();
  const onRollback = mayRollBack(role) ? setRollbackOf : undefined;

  const data = overview.data;
  const current = useMemo(() => currentDeployments(data?.deployments ?? []), [data]);
  const environments = useMemo(() => [...new Set((data?.deployments ?? []).map((d) => d.environment))], [data]);
  const filterBar = useMemo(
    () => deploymentFilterBar(data?.teams ?? [], data?.serviceNames ?? [], environments),
    [data, environments]
  );
  const inFlight = useMemo(() => (data?.deployments ?? []).filter((d) => isInFlight(d.status)), [data]);

  return (
    <div className={styles.page}>
      <Stack direction="row" wrap="wrap" alignItems="center" gap={2}>
        <FilterBar
          label="Deployment filters"
          idPrefix="opsdeck-deploy"
          filters={filterBar}
          values={filters}
          onChange={(key, value) => setFilters(deploymentFilterChange(key, value))}
        />
        <Text color="secondary" aria-live="polite">
          <span data-testid={testIds.deployments.lastUpdated}>
            {overview.updatedAt
              ? `Updated ${formatTimeAgo(overview.updatedAt)}, refreshes every 30 s`
              : 'Not loaded yet'}
          </span>
        </Text>
        <Button
          variant="secondary"
          size="sm"
          icon={overview.loading ? 'spinner' : 'sync'}
          onClick={overview.refresh}
          disabled={overview.loading}
          data-testid={testIds.deployments.refresh}
        >
          Refresh
        </Button>
      </Stack>
      <TabsBar>
        <Tab
          label="Deployments"
          active={filters.view === 'deployments'}
          onChangeTab={() => setFilters({ view: 'deployments' })}
          data-testid={testIds.deployments.view('deployments')}
        />
        <Tab
          label="Rollback history"
          active={filters.view === 'rollbacks'}
          onChangeTab={() => setFilters({ view: 'rollbacks' })}
          data-testid={testIds.deployments.view('rollbacks')}
        />
      </TabsBar>
      {overview.error && (
        <Alert severity="error" title="Could not load deployments" data-testid={testIds.deployments.error}>
          {overview.error}
        </Alert>
      )}
      {filters.view === 'rollbacks' && (
        <RollbackHistory client={client} team={filters.team} service={filters.service} />
      )}
      {filters.view === 'deployments' && !data && !overview.error && (
        <LoadingPlaceholder text="Loading deployments…" data-testid={testIds.deployments.loading} />
      )}
      {filters.view === 'deployments' && data && (
        <>
          {filters.service && <SuspectDeploys client={client} service={filters.service} onRollback={onRollback} />}
          <section aria-labelledby="opsdeck-deploy-services" data-testid={testIds.deployments.services}>
            <h2 id="opsdeck-deploy-services" className={styles.heading}>
              Pipelines ({data.services.length})
            </h2>
            <div className={styles.cards}>
              {data.services.map((service) => (
                <ServiceDeployCard
                  key={service.name}
                  service={service}
                  pipeline={data.pipelines.get(service.name)}
                  current={current.get(service.name)}
                  onRollback={onRollback}
                />
              ))}
            </div>
          </section>
          <InFlightDeployments deployments={inFlight} />
          <DeploymentHistory
            deployments={data.deployments}
            filters={activeFilters(filters)}
            now={overview.updatedAt ?? Date.now()}
          />
          <DoraFiguresSection client={client} team={filters.team} service={filters.service} />
        </>
      )}
      {rollbackOf && (
        <RollbackDialog
          client={client}
          deployment={rollbackOf}
          role={role}
          eventSource={eventSource}
          onDismiss={() => setRollbackOf(undefined)}
          onSettled={overview.refresh}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  // min(100%, …) lets cards shrink to one column on a 375 px screen instead of forcing a horizontal scroll.
  cards: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
    gap: theme.spacing(1.5),
  }),
});
