import { css } from '@emotion/css';
import { type GrafanaTheme2, type IconName } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { type FleetRow } from './fleetHealth';

type Status = FleetRow['status'];

const LABELS: Record<Status, string> = { ok: 'OK', degraded: 'Degraded', down: 'Down', unknown: 'Unknown' };
const ICONS: Record<Status, IconName> = {
  ok: 'check-circle',
  degraded: 'exclamation-triangle',
  down: 'times-circle',
  unknown: 'question-circle',
};

export function statusLabel(status: Status): string {
  return LABELS[status];
}

/** Status as icon + word in the theme's status colour: the colour is never the only signal. */
export function StatusIndicator({ status, testId }: { status: Status; testId?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <span className={`${styles.base} ${styles[status]}`} data-testid={testId} data-status={status}>
      <Icon name={ICONS[status]} aria-hidden />
      {LABELS[status]}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  base: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightMedium,
  }),
  // The `.text` variants are the theme's accessible-contrast shades for text on the page background.
  ok: css({ color: theme.colors.success.text }),
  degraded: css({ color: theme.colors.warning.text }),
  down: css({ color: theme.colors.error.text }),
  unknown: css({ color: theme.colors.text.secondary }),
});
