import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Combobox, useStyles2 } from '@grafana/ui';
import { type FilterDescriptor, filterOptions } from './filterOptions';

interface Props<K extends string> {
  /** Read out by screen readers for the group: "Alert filters". */
  label: string;
  /** Makes the pickers' element ids unique on the page: `${idPrefix}-${key}`. */
  idPrefix: string;
  filters: ReadonlyArray<FilterDescriptor<K>>;
  values: Partial<Record<K, string>>;
  onChange: (key: K, value: string) => void;
}

/** A row of labelled pickers, one per filter descriptor; a page declares its filters and never builds pickers. */
export function FilterBar<K extends string>({ label, idPrefix, filters, values, onChange }: Props<K>) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.bar} role="group" aria-label={label}>
      {filters.map((filter) => (
        <div key={filter.key} className={filter.width ? styles.fixedField : styles.field}>
          <label htmlFor={`${idPrefix}-${filter.key}`} className={styles.label}>
            {filter.label}
          </label>
          <Combobox<string>
            id={`${idPrefix}-${filter.key}`}
            data-testid={filter.testId}
            options={filterOptions(filter, values[filter.key])}
            value={values[filter.key] ?? ''}
            width={filter.width}
            onChange={(picked) => onChange(filter.key, picked?.value ?? '')}
          />
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const field = { display: 'flex', flexDirection: 'column' as const, gap: theme.spacing(0.5), minWidth: 0 };
  return {
    // One column on a phone, as many as fit on wider screens.
    bar: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), maxWidth: '100%' }),
    field: css({ ...field, flex: '1 1 180px' }),
    fixedField: css({ ...field, flex: 'none', maxWidth: '100%' }),
    label: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  };
};
