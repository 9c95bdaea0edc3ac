import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, Field, Input, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { DURATION_PRESETS, type DraftField, type MaintenanceDraft } from './maintenanceDraft';
import { formatDuration, WEEKDAYS } from './maintenanceText';

interface Props {
  draft: MaintenanceDraft;
  set: (change: Partial<MaintenanceDraft>) => void;
  errorFor: (field: DraftField) => string | undefined;
}

const START_OPTIONS = [
  { label: 'Now', value: 'now' as const },
  { label: 'At a time', value: 'at' as const },
];
const END_OPTIONS = [
  { label: 'After', value: 'duration' as const },
  { label: 'At a time', value: 'at' as const },
];
const DURATION_OPTIONS = DURATION_PRESETS.map((m) => ({ label: formatDuration(m * 60_000), value: m }));
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const LOCAL_TIME = "In your browser's time zone.";

/** When the window applies: start now or at a time; end after a while or at a time; or weekly until a date. */
export function ScheduleFields({ draft, set, errorFor }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <>
      <Field label={draft.recurring ? 'Series starts' : 'Starts'}>
        <RadioButtonGroup
          options={START_OPTIONS}
          value={draft.startMode}
          onChange={(startMode) => set({ startMode })}
          data-testid={testIds.maintenance.createStartMode}
        />
      </Field>
      {draft.startMode === 'at' && (
        <Field
          label="Start time"
          description={LOCAL_TIME}
          invalid={Boolean(errorFor('startAt'))}
          error={errorFor('startAt')}
        >
          <Input
            id="opsdeck-maintenance-start-at"
            type="datetime-local"
            value={draft.startAt}
            onChange={(e) => set({ startAt: e.currentTarget.value })}
            data-testid={testIds.maintenance.createStartAt}
          />
        </Field>
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
                  onChange={() =>
                    set({
                      daysOfWeek: draft.daysOfWeek.includes(day)
                        ? draft.daysOfWeek.filter((d) => d !== day)
                        : [...draft.daysOfWeek, day],
                    })
                  }
                  data-testid={testIds.maintenance.createDay(day)}
                />
              ))}
            </div>
            {errorFor('daysOfWeek') && <p className={styles.fieldError}>{errorFor('daysOfWeek')}</p>}
          </fieldset>
          <Field
            label="Each time from (UTC)"
            invalid={Boolean(errorFor('occurrenceStart'))}
            error={errorFor('occurrenceStart')}
          >
            <Input
              id="opsdeck-maintenance-occurrence-start"
              type="time"
              value={draft.occurrenceStart}
              onChange={(e) => set({ occurrenceStart: e.currentTarget.value })}
              data-testid={testIds.maintenance.createOccurrenceStart}
            />
          </Field>
          <Field label="Each time for">
            <RadioButtonGroup
              size="sm"
              options={DURATION_OPTIONS}
              value={draft.durationMinutes}
              onChange={(durationMinutes) => set({ durationMinutes })}
              data-testid={testIds.maintenance.createDuration}
            />
          </Field>
          <Field
            label="Series ends"
            description={LOCAL_TIME}
            invalid={Boolean(errorFor('endAt'))}
            error={errorFor('endAt')}
            required
          >
            <Input
              id="opsdeck-maintenance-end-at"
              type="datetime-local"
              value={draft.endAt}
              onChange={(e) => set({ endAt: e.currentTarget.value })}
              data-testid={testIds.maintenance.createEndAt}
            />
          </Field>
        </>
      ) : (
        <>
          <Field label="Ends">
            <RadioButtonGroup
              options={END_OPTIONS}
              value={draft.endMode}
              onChange={(endMode) => set({ endMode })}
              data-testid={testIds.maintenance.createEndMode}
            />
          </Field>
          {draft.endMode === 'duration' ? (
            <Field label="Lasts">
              <RadioButtonGroup
                size="sm"
                options={DURATION_OPTIONS}
                value={draft.durationMinutes}
                onChange={(durationMinutes) => set({ durationMinutes })}
                data-testid={testIds.maintenance.createDuration}
              />
            </Field>
          ) : (
            <Field
              label="End time"
              description={LOCAL_TIME}
              invalid={Boolean(errorFor('endAt'))}
              error={errorFor('endAt')}
            >
              <Input
                id="opsdeck-maintenance-end-at"
                type="datetime-local"
                value={draft.endAt}
                onChange={(e) => set({ endAt: e.currentTarget.value })}
                data-testid={testIds.maintenance.createEndAt}
              />
            </Field>
          )}
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
