import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, Checkbox, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type FormEvent, useState } from 'react';
import { type GatewayClient } from '@/api';
import { boxStyle } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { type MaintenanceWindow } from '@opsdeck/contract';
import { CatalogPicker } from './CatalogPicker';
import { DraftTextField } from './DraftFields';
import { type DraftField, draftToRequest, emptyDraft, type MaintenanceDraft } from './maintenanceDraft';
import { ScheduleFields } from './ScheduleFields';
import { type CatalogState } from './useCatalogServices';
import { describeWriteError } from './writeErrors';

interface Props {
  client: GatewayClient;
  catalog: CatalogState;
  onCreated: (window: MaintenanceWindow) => void;
  onCancel: () => void;
}

/** Services/teams, reason, start now or later, end after a while or at a time, optionally repeating weekly. */
export function CreateMaintenanceForm({ client, catalog, onCreated, onCancel }: Props) {
  const styles = useStyles2(getStyles);
  const [draft, setDraft] = useState<MaintenanceDraft>(emptyDraft);
  const [problem, setProblem] = useState<{ field?: DraftField; message: string }>();
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<MaintenanceDraft>) => setDraft((d) => ({ ...d, ...change }));
  const errorFor = (field: DraftField) => (problem?.field === field ? problem.message : undefined);
  const form = { draft, set, errorFor };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = draftToRequest(draft, Date.now());
    if (!result.ok) {
      setProblem({ field: result.field, message: result.error });
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
      onCreated(await client.createMaintenance(result.request));
    } catch (err) {
      setProblem({ message: describeWriteError(err, 'Creating the window') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className={styles.form}
      aria-labelledby="opsdeck-maintenance-create-title"
      data-testid={testIds.maintenance.createForm}
      noValidate
    >
      <h2 id="opsdeck-maintenance-create-title" className={styles.title}>
        New maintenance window
      </h2>
      {catalog.error && (
        <Notice severity="error" title="Could not load the service catalog">
          {catalog.error}
        </Notice>
      )}
      {!catalog.teams && !catalog.error && <LoadingPlaceholder text="Loading the catalog…" />}
      {catalog.teams && (
        <CatalogPicker
          teams={catalog.teams}
          services={draft.services}
          selectedTeams={draft.teams}
          onChange={({ services, teams }) => set({ services, teams })}
          invalid={problem?.field === 'services'}
        />
      )}
      {errorFor('services') && <p className={styles.fieldError}>{errorFor('services')}</p>}

      <DraftTextField
        form={form}
        field="reason"
        label="Reason"
        description="Shown with every alert the window suppresses."
        required
        testId={testIds.maintenance.createReason}
      />

      <div className={styles.recurring}>
        <Checkbox
          label="Repeat weekly"
          value={draft.recurring}
          onChange={() => set({ recurring: !draft.recurring })}
          data-testid={testIds.maintenance.createRecurring}
        />
      </div>

      <ScheduleFields form={form} />

      {problem && !problem.field && (
        <Notice severity="error" title={problem.message} data-testid={testIds.maintenance.createError} />
      )}
      {problem?.field && (
        <p className={styles.srOnly} role="alert" data-testid={testIds.maintenance.createError}>
          {problem.message}
        </p>
      )}
      <div className={styles.buttons}>
        <Button
          type="submit"
          icon={saving ? 'spinner' : 'check'}
          disabled={saving}
          data-testid={testIds.maintenance.createSubmit}
        >
          {saving ? 'Creating…' : 'Create window'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel} data-testid={testIds.maintenance.createCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ ...boxStyle(theme), maxWidth: 720 }),
  title: css({ fontSize: theme.typography.h4.fontSize, margin: theme.spacing(0, 0, 1.5) }),
  recurring: css({ marginBottom: theme.spacing(2) }),
  fieldError: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(-1, 0, 2),
  }),
  // The field shows the message where the problem is; this copy is for screen readers, announced once.
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
  buttons: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) }),
});
