import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Combobox, type ComboboxOption, Input, useStyles2 } from '@grafana/ui';
import { useEffect, useState } from 'react';
import { testIds } from '@/components/testIds';
import { type AlertGroupDimension, DEFAULT_ALERT_GROUPING, LABEL_DIMENSION_PREFIX } from '@opsdeck/contract';
import { dimensionName } from './groupLabels';

const LABEL_CHOICE = 'label';
const NONE_CHOICE = 'none';

const CHOICES: Array<ComboboxOption<string>> = [
  { value: DEFAULT_ALERT_GROUPING.join(','), label: 'Alert name and service' },
  { value: 'service', label: 'Service' },
  { value: 'alertname', label: 'Alert name' },
  { value: 'groupKey', label: 'Alertmanager group' },
  { value: LABEL_CHOICE, label: 'A label…' },
  { value: NONE_CHOICE, label: 'No grouping' },
];

const isLabelGrouping = (grouping: readonly AlertGroupDimension[]) =>
  grouping.length === 1 && grouping[0].startsWith(LABEL_DIMENSION_PREFIX);

interface Props {
  grouping: readonly AlertGroupDimension[];
  onChange: (grouping: AlertGroupDimension[]) => void;
}

/** How the alerts are grouped: the usual groupings, one label by name, or none (one flat list). */
export function GroupingPicker({ grouping, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const labelName = isLabelGrouping(grouping) ? grouping[0].slice(LABEL_DIMENSION_PREFIX.length) : '';
  const [pickingLabel, setPickingLabel] = useState(labelName !== '');
  const [draft, setDraft] = useState(labelName);
  useEffect(() => {
    setDraft(labelName);
    if (labelName) {
      setPickingLabel(true);
    }
  }, [labelName]);

  const current = grouping.length === 0 ? NONE_CHOICE : pickingLabel ? LABEL_CHOICE : grouping.join(',');
  const options = CHOICES.some((c) => c.value === current)
    ? CHOICES
    : // A grouping from a link that the picker does not offer (`team,severity`) stays visible and selectable.
      [...CHOICES, { value: current, label: grouping.map(dimensionName).join(' and ') }];

  const pick = (value: string) => {
    if (value === LABEL_CHOICE) {
      setPickingLabel(true);
      return;
    }
    setPickingLabel(false);
    onChange(value === NONE_CHOICE ? [] : (value.split(',') as AlertGroupDimension[]));
  };
  const applyLabel = () => {
    const name = draft.trim();
    if (name && name !== labelName) {
      onChange([`${LABEL_DIMENSION_PREFIX}${name}`]);
    }
  };

  return (
    <div className={styles.row}>
      <div className={styles.field}>
        <label htmlFor="opsdeck-alerts-grouping" className={styles.label}>
          Group by
        </label>
        <Combobox<string>
          id="opsdeck-alerts-grouping"
          data-testid={testIds.alerts.grouping}
          options={options}
          value={current}
          onChange={(picked) => pick(picked?.value ?? DEFAULT_ALERT_GROUPING.join(','))}
        />
      </div>
      {pickingLabel && (
        <div className={styles.field}>
          <label htmlFor="opsdeck-alerts-grouping-label" className={styles.label}>
            Label name
          </label>
          <Input
            id="opsdeck-alerts-grouping-label"
            data-testid={testIds.alerts.groupingLabel}
            value={draft}
            placeholder="e.g. cluster"
            onChange={(e) => setDraft(e.currentTarget.value)}
            onBlur={applyLabel}
            onKeyDown={(e) => e.key === 'Enter' && applyLabel()}
          />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), maxWidth: '100%' }),
  field: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0, flex: '1 1 180px' }),
  label: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
