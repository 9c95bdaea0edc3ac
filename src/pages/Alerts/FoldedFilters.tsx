import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';
import { type ReactNode, useState } from 'react';
import { touchTargets } from '@/components/Actions';
import { testIds } from '@/components/testIds';

/** Below this width the filters fold into one control, so the first alert is above the fold on a phone. */
const NARROW = '@media (max-width: 768px)';

export interface ActiveFilter {
  key: string;
  /** "Service: checkout-api" */
  text: string;
  onRemove: () => void;
}

interface Props {
  active: ActiveFilter[];
  children: ReactNode;
}

/**
 * On a phone: one "Filters (n)" button with the active filters as removable chips; the pickers open beneath it. On
 * wider screens the pickers are always shown and the button is not.
 */
export function FoldedFilters({ active, children }: Props) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  return (
    <div className={styles.wrap}>
      <div className={cx(styles.folded, touchTargets.row)}>
        <Button
          variant="secondary"
          icon="filter"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-controls="opsdeck-alerts-filters"
          data-testid={testIds.alerts.filtersToggle}
        >
          Filters ({active.length})
        </Button>
        {active.map((filter) => (
          <Button
            key={filter.key}
            size="sm"
            variant="secondary"
            fill="outline"
            icon="times"
            onClick={filter.onRemove}
            aria-label={`Remove filter ${filter.text}`}
            data-testid={testIds.alerts.filterChip(filter.key)}
          >
            {filter.text}
          </Button>
        ))}
      </div>
      <div
        id="opsdeck-alerts-filters"
        className={cx(styles.panel, open && styles.open)}
        data-testid={testIds.alerts.filtersPanel}
      >
        {children}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  folded: css({ display: 'none', alignItems: 'center', [NARROW]: { display: 'flex' } }),
  panel: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    minWidth: 0,
    [NARROW]: { display: 'none' },
  }),
  open: css({ [NARROW]: { display: 'flex' } }),
});
