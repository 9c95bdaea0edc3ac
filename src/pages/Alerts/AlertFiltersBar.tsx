import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Combobox, type ComboboxOption, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { testIds } from '@/components/testIds';
import { ALERT_SEVERITIES, ALERT_SOURCES, ALERT_STATUSES, STATUS_ALL } from '@opsdeck/contract';
import { type AlertFilterKey, type AlertFilterValues } from './alertFilters';

const option = (value: string, label = value): ComboboxOption<string> => ({ value, label });

interface Props {
  filters: AlertFilterValues;
  services: string[];
  teams: string[];
  onChange: (key: AlertFilterKey, value: string) => void;
}

/** One picker per filter; the empty value is "no filter" (for status: the open alerts, as the API defaults). */
export function AlertFiltersBar({ filters, services, teams, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const pickers = useMemo<Array<{ key: AlertFilterKey; label: string; options: Array<ComboboxOption<string>> }>>(
    () => [
      { key: 'service', label: 'Service', options: [option('', 'All services'), ...services.map((s) => option(s))] },
      { key: 'team', label: 'Team', options: [option('', 'All teams'), ...teams.map((t) => option(t))] },
      { key: 'severity', label: 'Severity', options: [option('', 'All severities'), ...ALERT_SEVERITIES.map((s) => option(s))] },
      {
        key: 'status',
        label: 'Status',
        options: [option('', 'Open'), ...ALERT_STATUSES.map((s) => option(s)), option(STATUS_ALL, 'Any status')],
      },
      { key: 'source', label: 'Source', options: [option('', 'All sources'), ...ALERT_SOURCES.map((s) => option(s))] },
    ],
    [services, teams]
  );

  return (
    <div className={styles.bar} role="group" aria-label="Alert filters">
      {pickers.map(({ key, label, options }) => (
        <div key={key} className={styles.field}>
          <label htmlFor={`opsdeck-alerts-${key}`} className={styles.label}>
            {label}
          </label>
          <Combobox<string>
            id={`opsdeck-alerts-${key}`}
            data-testid={testIds.alerts.filter(key)}
            options={options}
            value={filters[key] ?? ''}
            onChange={(picked) => onChange(key, picked?.value ?? '')}
          />
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // One column on a phone, as many as fit on wider screens.
  bar: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 180px), 1fr))',
    gap: theme.spacing(1),
  }),
  field: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0 }),
  label: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
