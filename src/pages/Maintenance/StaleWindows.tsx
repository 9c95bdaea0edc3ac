import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type GatewayClient } from '@/api';
import { stackedListStyle } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { type MaintenanceWindow, type StaleMaintenanceWindow } from '@opsdeck/contract';
import { formatDuration, formatTimeAgo } from '@/components/format';
import { describeCoverage } from './maintenanceText';
import { WindowActions } from './WindowActions';

interface Props {
  stale: StaleMaintenanceWindow[];
  actions?: { client: GatewayClient; onChanged: (window: MaintenanceWindow, what: string) => void };
}

/**
 * Windows still suppressing alerts long after everything they cover recovered: the work is probably done and the
 * window forgotten, so the one action offered is ending it.
 */
export function StaleWindows({ stale, actions }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section
      aria-labelledby="opsdeck-maintenance-stale"
      className={styles.section}
      data-testid={testIds.maintenance.stale}
    >
      <h2 id="opsdeck-maintenance-stale" className={styles.heading}>
        Still open after recovery ({stale.length})
      </h2>
      <p className={styles.help}>
        These windows still suppress alerts, but nothing they cover has had an open alert since it recovered.
      </p>
      <ul className={styles.list}>
        {stale.map(({ window, recoveredAt, openForMs }) => (
          <li key={window.id} className={styles.row} data-testid={testIds.maintenance.staleWindow(window.id)}>
            <strong>{describeCoverage(window)}</strong>
            <span className={styles.secondary}>
              recovered {formatTimeAgo(recoveredAt)}, open {formatDuration(openForMs, 'minute')} since · by{' '}
              {window.createdBy}: {window.reason}
            </span>
            {actions && (
              <WindowActions client={actions.client} window={window} canExtend={false} onChanged={actions.onChanged} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({
    border: `1px solid ${theme.colors.warning.border}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5, 2),
    minWidth: 0,
  }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  help: css({ color: theme.colors.text.secondary, margin: theme.spacing(0.5, 0, 1) }),
  list: css(stackedListStyle(theme, 1.5)),
  row: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.25),
    minWidth: 0,
    overflowWrap: 'anywhere',
  }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
