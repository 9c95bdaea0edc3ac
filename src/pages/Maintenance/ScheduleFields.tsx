import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { DraftChoiceField, type DraftForm, DraftTextField } from './DraftFields';
import { DURATION_PRESETS, toggled } from './maintenanceDraft';
import { formatDuration } from '@/components/format';
import { WEEKDAYS } from './maintenanceText';

const START_OPTIONS = [
  { label: 'Now', value: 'now' as const },
  { label: 'At a time', value: 'at' as const },
];
const END_OPTIONS = [
  { label: 'After', value: 'duration' as const },
  { label: 'At a time', value: 'at' as const },
];
const DURATION_OPTIONS = DURATION_PRESETS.map((m) => ({ label: formatDuration(m * 60_000, 'minute'), value: m }));
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const LOCAL_TIME = "In your browser's time zone.";

/** When the window applies: start now or at a time; end after a while or at a time; or weekly until a date. */
export function ScheduleFields({ form }: { form: DraftForm }) {
  const styles = useStyles2(getStyles);
  const { draft, set, errorFor } = form;
  const duration = (label: string) => (
    <DraftChoiceField
      form={form}
      field="durationMinutes"
      label={label}
      size="sm"
      options={DURATION_OPTIONS}
      testId={testIds.maintenance.createDuration}
    />
  );
  const endAt = (label: string, required?: boolean) => (
    <DraftTextField
      form={form}
      field="endAt"
      type="datetime-local"
      label={label}
      description={LOCAL_TIME}
      required={required}
      testId={testIds.maintenance.createEndAt}
    />
  );
  return (
    <>
      <DraftChoiceField
        form={form}
        field="startMode"
        label={draft.recurring ? 'Series starts' : 'Starts'}
        options={START_OPTIONS}
        testId={testIds.maintenance.createStartMode}
      />
      {draft.startMode === 'at' && (
        <DraftTextField
          form={form}
          field="startAt"
          type="datetime-local"
          label="Start time"
          description={LOCAL_TIME}
          testId={testIds.maintenance.createStartAt}
        />
      )}

      {draft.recurring ? (
        <>
          <fieldset className={styles.days}>
            <legend className={styles.legend}>On</legend>
            <div className={styles.dayList}>
              {WEEK_ORDER.map((day) => (
                <Checkbox
                  key={day}
                  label={WEEKDAYS[day].slice(0, 3)}
                  aria-label={WEEKDAYS[day]}
                  value={draft.daysOfWeek.includes(day)}
                  onChange={() => set({ daysOfWeek: toggled(draft.daysOfWeek, day) })}
                  data-testid={testIds.maintenance.createDay(day)}
                />
              ))}
            </div>
            {errorFor('daysOfWeek') && <p className={styles.fieldError}>{errorFor('daysOfWeek')}</p>}
          </fieldset>
          <DraftTextField
            form={form}
            field="occurrenceStart"
            type="time"
            label="Each time from (UTC)"
            testId={testIds.maintenance.createOccurrenceStart}
          />
          {duration('Each time for')}
          {endAt('Series ends', true)}
        </>
      ) : (
        <>
          <DraftChoiceField
            form={form}
            field="endMode"
            label="Ends"
            options={END_OPTIONS}
            testId={testIds.maintenance.createEndMode}
          />
          {draft.endMode === 'duration' ? duration('Lasts') : endAt('End time')}
        </>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  days: css({ border: 'none', padding: 0, margin: theme.spacing(0, 0, 2), minWidth: 0 }),
  legend: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    marginBottom: theme.spacing(0.5),
  }),
  dayList: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) }),
  fieldError: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize, margin: 0 }),
});
