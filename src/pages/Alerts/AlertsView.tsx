import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { downloadText } from '@/components/download';
import { FilterBar } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { type Alert } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { type AckOutcome, describeAckError, describeBulkResult, describeSingleResult } from './acknowledge';
import { AlertDrawer } from './AlertDrawer';
import {
  ALERT_PARAM,
  type AlertFilterKey,
  filtersFromSearch,
  groupByService,
  toListQuery,
  withFilter,
} from './alertFilters';
import { alertFilterBar } from './alertFilterBar';
import { AlertList } from './AlertList';
import { alertsToCsv, alertsToJson } from './exportAlerts';
import { useAlerts } from './useAlerts';
import { useCatalogNames } from './useCatalogNames';

interface Props {
  client: GatewayClient;
  /** Whether the user may acknowledge (Editor or above); Viewers get no controls. */
  canAcknowledge: boolean;
  eventSources?: EventSourceFactory;
}

/** Alerts by service with URL filters, bulk acknowledge, export of what is shown and a detail drawer. */
export function AlertsView({ client, canAcknowledge, eventSources }: Props) {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = useMemo(() => toListQuery(filters), [filters]);
  const { alerts, error, loading, updatedAt, reload, patch } = useAlerts(client, query, eventSources);
  const catalog = useCatalogNames(client);
  const filterBar = useMemo(() => alertFilterBar(catalog.services, catalog.teams), [catalog]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<AckOutcome>();
  const [acting, setActing] = useState(false);

  const groups = useMemo(() => groupByService(alerts ?? []), [alerts]);
  const shown = useMemo(() => groups.flatMap((g) => g.alerts), [groups]);
  const openId = params.get(ALERT_PARAM) ?? undefined;

  // A selection only ever covers alerts on screen that can still be acknowledged.
  useEffect(() => {
    setSelected((current) => {
      const ackable = new Set(shown.filter((a) => a.status === 'firing').map((a) => a.id));
      const kept = [...current].filter((id) => ackable.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [shown]);

  const setFilter = (key: AlertFilterKey, value: string) => setParams(withFilter(params, key, value));
  const openAlert = (alert: Alert) => setParams(withFilter(params, ALERT_PARAM, alert.id));
  const closeAlert = () => setParams(withFilter(params, ALERT_PARAM, ''));
  const toggle = useCallback(
    (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) {
          next.add(id);
        }
        return next;
      }),
    []
  );
  const firingShown = shown.filter((a) => a.status === 'firing');
  const allSelected = firingShown.length > 0 && firingShown.every((a) => selected.has(a.id));

  const acknowledgeSelected = async () => {
    setActing(true);
    try {
      const response = await client.bulkAcknowledgeAlerts([...selected]);
      response.results.forEach((r) => r.alert && patch(r.alert));
      setOutcome(describeBulkResult(response));
      setSelected(new Set());
    } catch (err) {
      setOutcome(describeAckError(err));
    } finally {
      setActing(false);
      reload();
    }
  };

  const acknowledgeOne = async (alert: Alert) => {
    setActing(true);
    try {
      const result = await client.acknowledgeAlert(alert.id);
      if (result.alert) {
        patch(result.alert);
      }
      setOutcome(describeSingleResult(result));
    } catch (err) {
      setOutcome(describeAckError(err));
    } finally {
      setActing(false);
      reload();
    }
  };

  const deepLink = (id: string) => `${window.location.pathname}?${withFilter(params, ALERT_PARAM, id).toString()}`;

  return (
    <div className={styles.page}>
      <FilterBar
        label="Alert filters"
        idPrefix="opsdeck-alerts"
        filters={filterBar}
        values={filters}
        onChange={setFilter}
      />
      {error && (
        <Notice severity="error" title="Could not load alerts" data-testid={testIds.alerts.error}>
          {error}
        </Notice>
      )}
      {outcome && (
        <Notice
          severity={outcome.severity}
          title={outcome.text}
          data-testid={testIds.alerts.actionResult}
          onRemove={() => setOutcome(undefined)}
        />
      )}
      {!alerts && loading && <LoadingPlaceholder text="Loading alerts…" data-testid={testIds.alerts.loading} />}
      {alerts && (
        <>
          <Stack direction="row" wrap="wrap" alignItems="center" gap={1}>
            <Text color="secondary" aria-live="polite">
              <span data-testid={testIds.alerts.count}>
                {shown.length} alert{shown.length === 1 ? '' : 's'}
                {updatedAt ? `, updated ${formatTimeAgo(updatedAt)}` : ''}
              </span>
            </Text>
            {canAcknowledge && (
              <>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setSelected(allSelected ? new Set() : new Set(firingShown.map((a) => a.id)))}
                  disabled={firingShown.length === 0}
                  data-testid={testIds.alerts.selectAll}
                >
                  {allSelected ? 'Clear selection' : 'Select all firing'}
                </Button>
                <Button
                  size="sm"
                  icon="check"
                  onClick={acknowledgeSelected}
                  disabled={selected.size === 0 || acting}
                  data-testid={testIds.alerts.bulkAcknowledge}
                >
                  Acknowledge {selected.size > 0 ? `(${selected.size})` : ''}
                </Button>
              </>
            )}
            <Button
              size="sm"
              variant="secondary"
              icon="download-alt"
              onClick={() => downloadText('alerts.csv', 'text/csv', alertsToCsv(shown))}
              data-testid={testIds.alerts.exportCsv}
            >
              CSV
            </Button>
            <Button
              size="sm"
              variant="secondary"
              icon="download-alt"
              onClick={() => downloadText('alerts.json', 'application/json', alertsToJson(shown))}
              data-testid={testIds.alerts.exportJson}
            >
              JSON
            </Button>
          </Stack>
          {shown.length === 0 ? (
            <p data-testid={testIds.alerts.empty}>No alerts match these filters.</p>
          ) : (
            <section aria-labelledby="opsdeck-alerts-by-service">
              <h2 id="opsdeck-alerts-by-service" className={styles.heading}>
                By service
              </h2>
              <AlertList
                groups={groups}
                selection={canAcknowledge ? { selected, toggle } : undefined}
                onOpen={openAlert}
              />
            </section>
          )}
        </>
      )}
      {openId && (
        <AlertDrawer
          client={client}
          alertId={openId}
          listed={alerts?.find((a) => a.id === openId)}
          deepLink={deepLink(openId)}
          onAcknowledge={canAcknowledge ? acknowledgeOne : undefined}
          acknowledging={acting}
          onClose={closeAlert}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
});
