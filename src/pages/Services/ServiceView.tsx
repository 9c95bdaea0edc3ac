import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { type Clock, type EventSourceFactory, type GatewayClient } from '@/api';
import { formatTimeAgo } from '@/components/format';
import { testIds } from '@/components/testIds';
import { type OrgRole } from '@/pages/Deployments/rollbackAccess';
import { DemoBadge } from './DemoBadge';
import { GoldenSignals } from './detail/GoldenSignals';
import { ServiceAlerts } from './detail/ServiceAlerts';
import { ServiceCost } from './detail/ServiceCost';
import { ServiceCostEfficiency } from './detail/ServiceCostEfficiency';
import { ServiceDeploys } from './detail/ServiceDeploys';
import { ServiceFatigue } from './detail/ServiceFatigue';
import { ServiceRelations } from './detail/ServiceRelations';
import { ServiceReliability } from './detail/ServiceReliability';
import { ServiceSummary } from './detail/ServiceSummary';
import { SloSection } from './detail/SloSection';
import { UnknownService } from './detail/UnknownService';
import { useServiceDetail } from './useServiceDetail';

interface Props {
  client: GatewayClient;
  service: string;
  role: OrgRole;
  canAcknowledge: boolean;
  eventSources?: EventSourceFactory;
  clock?: Clock;
}

/** One service, everything joined: levels, signals, deploys, what is open, on-call, cost, runbook, relations. */
export function ServiceView({ client, service, role, canAcknowledge, eventSources, clock }: Props) {
  const styles = useStyles2(getStyles);
  const detail = useServiceDetail(client, service, { eventSources, clock });
  const data = detail.data;
  if (!data && !detail.error) {
    return <LoadingPlaceholder text={`Loading ${service}…`} data-testid={testIds.service.loading} />;
  }
  if (!data) {
    return (
      <Alert severity="error" title={`Could not load ${service}`} data-testid={testIds.service.error}>
        {detail.error}
      </Alert>
    );
  }
  if (!data.known) {
    return <UnknownService service={data.service} catalogNames={data.catalogNames} />;
  }
  return (
    <div className={styles.page}>
      <Stack direction="row" wrap="wrap" alignItems="center" gap={2}>
        {data.demo && <DemoBadge testId={testIds.service.demoBadge} />}
        <Text color="secondary" aria-live="polite">
          {detail.updatedAt ? `Updated ${formatTimeAgo(detail.updatedAt)}, refreshes every 10 s` : 'Not loaded yet'}
        </Text>
      </Stack>
      {detail.error && (
        <Alert severity="error" title="The last refresh failed; showing the figures before it">
          {detail.error}
        </Alert>
      )}
      {data.notices.map((notice, i) => (
        <Alert key={i} severity={notice.severity} title={notice.text} />
      ))}
      <ServiceSummary catalog={data.catalog} slo={data.slo} onCall={data.onCall} />
      <SloSection client={client} service={service} objectives={data.slo?.objectives ?? []} />
      <ServiceAlerts
        client={client}
        service={service}
        alerts={data.alerts}
        incidents={data.incidents}
        canAcknowledge={canAcknowledge}
        onChanged={detail.refresh}
      />
      <ServiceReliability client={client} service={service} />
      <ServiceFatigue client={client} service={service} />
      <ServiceCostEfficiency client={client} service={service} />
      <GoldenSignals client={client} service={service} />
      <ServiceDeploys
        client={client}
        service={service}
        deployments={data.deployments}
        role={role}
        onChanged={detail.refresh}
      />
      <div className={styles.pair}>
        <ServiceCost service={service} tagged={!!data.catalog.costAllocationTag} cost={data.cost} />
        <ServiceRelations
          catalog={data.catalog}
          catalogNames={data.catalogNames}
          dependents={data.dependents}
          maintenance={data.maintenance}
          now={detail.updatedAt ?? Date.now()}
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  pair: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
    gap: theme.spacing(2),
  }),
});
