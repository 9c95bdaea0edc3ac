import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, LoadingPlaceholder, RadioButtonGroup, Text, useStyles2 } from '@grafana/ui';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { testIds } from '@/components/testIds';
import { type MaintenanceWindow } from '@opsdeck/contract';
import { CreateMaintenanceForm } from './CreateMaintenanceForm';
import { describeCoverage, describeTimeLeft } from './maintenanceText';
import { StaleWindows } from './StaleWindows';
import { useCatalogServices } from './useCatalogServices';
import { useMaintenance } from './useMaintenance';
import { useNow } from './useNow';
import { WindowCard } from './WindowCard';
import { type ListView, VIEW_PARAM, viewFromSearch, windowsForView } from './windowList';

interface Props {
  client: GatewayClient;
  /** Whether the user may create, extend and end windows (Editor or above); Viewers get no controls. */
  canEdit: boolean;
  eventSources?: EventSourceFactory;
}

const VIEW_OPTIONS: Array<{ label: string; value: ListView }> = [
  { label: 'Active and scheduled', value: 'current' },
  { label: 'Recently ended', value: 'ended' },
];

/** Maintenance windows: the live and scheduled ones (or the recently ended), the forgotten ones, and the controls. */
export function MaintenanceView({ client, canEdit, eventSources }: Props) {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const view = viewFromSearch(params);
  const { windows, stale, error, loading, reminders, patch, dismissReminder } = useMaintenance(
    client,
    view,
    eventSources
  );
  const catalog = useCatalogServices(client);
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const shown = useMemo(() => windowsForView(windows ?? [], view, now), [windows, view, now]);

  const setView = (next: ListView) => {
    const nextParams = new URLSearchParams(params);
    if (next === 'current') {
      nextParams.delete(VIEW_PARAM);
    } else {
      nextParams.set(VIEW_PARAM, next);
    }
    setParams(nextParams);
  };
  const changed = (window: MaintenanceWindow, what: string) => {
    patch(window);
    setOutcome(`${what}: ${describeCoverage(window)}.`);
  };
  const actions = canEdit ? { client, onChanged: changed } : undefined;

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <RadioButtonGroup
          options={VIEW_OPTIONS}
          value={view}
          onChange={setView}
          aria-label="Which windows"
          data-testid={testIds.maintenance.view}
        />
        {canEdit && !creating && (
          <Button icon="plus" onClick={() => setCreating(true)} data-testid={testIds.maintenance.createOpen}>
            New maintenance window
          </Button>
        )}
        {!canEdit && <Text color="secondary">Editors can create, extend and end windows.</Text>}
      </div>
      {creating && (
        <CreateMaintenanceForm
          client={client}
          catalog={catalog}
          onCancel={() => setCreating(false)}
          onCreated={(window) => {
            setCreating(false);
            changed(window, 'Created');
          }}
        />
      )}
      {outcome && (
        <Notice
          severity="success"
          title={outcome}
          onRemove={() => setOutcome(undefined)}
          data-testid={testIds.maintenance.actionResult}
        />
      )}
      {reminders.map((w) => (
        <Notice
          key={w.id}
          severity="warning"
          title={`Maintenance on ${describeCoverage(w)} ${describeTimeLeft(w, now).text}`}
          onRemove={() => dismissReminder(w.id)}
          data-testid={testIds.maintenance.reminder(w.id)}
        >
          {canEdit
            ? 'Extend it below if the work is not done, or alerts will fire again when it ends.'
            : 'Alerts will fire again when it ends.'}
        </Notice>
      ))}
      {error && (
        <Notice severity="error" title="Could not load maintenance windows" data-testid={testIds.maintenance.error}>
          {error}
        </Notice>
      )}
      {!windows && loading && (
        <LoadingPlaceholder text="Loading maintenance windows…" data-testid={testIds.maintenance.loading} />
      )}
      {view === 'current' && stale && stale.length > 0 && <StaleWindows stale={stale} actions={actions} />}
      {windows && (
        <section aria-labelledby="opsdeck-maintenance-list" data-testid={testIds.maintenance.list}>
          <h2 id="opsdeck-maintenance-list" className={styles.heading}>
            {view === 'current' ? 'Active and scheduled' : 'Ended in the last 7 days'} ({shown.length})
          </h2>
          {shown.length === 0 ? (
            <p data-testid={testIds.maintenance.empty}>
              {view === 'current'
                ? 'No maintenance window is active or scheduled: every alert notifies as usual.'
                : 'No window ended in the last 7 days.'}
            </p>
          ) : (
            <div className={styles.cards}>
              {shown.map((w) => (
                <WindowCard key={w.id} window={w} now={now} actions={actions} />
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  toolbar: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1, 2) }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  cards: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 380px), 1fr))',
    gap: theme.spacing(1.5),
  }),
});
