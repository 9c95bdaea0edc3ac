import { css, cx } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Badge, type BadgeColor, TextLink, useStyles2 } from '@grafana/ui';
import { type GatewayClient } from '@/api';
import { accentCardStyle, cardHeaderStyle } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES } from '@/constants';
import { type MaintenanceState, type MaintenanceWindow } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { describeCoverage, describeRecurrence, describeTimeLeft, mirrorLines } from './maintenanceText';
import { WindowActions } from './WindowActions';
import { GROUP_PARAM } from '@/pages/Alerts/alertFilters';

const STATE_COLORS: Record<MaintenanceState, BadgeColor> = {
  active: 'purple',
  scheduled: 'blue',
  expired: 'darkgrey',
  ended: 'darkgrey',
};

/** An instant in the user's Grafana time zone, to the minute (windows are planned in minutes). */
export const formatInstant = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });

/** The Alerts page filtered to what the window suppresses, as narrowly as its filters allow (one service or team). */
export function suppressedAlertsLink(window: Pick<MaintenanceWindow, 'services' | 'teams'>): string {
  const params = new URLSearchParams({ status: 'suppressed' });
  if (window.services.length === 1 && window.teams.length === 0) {
    params.set('service', window.services[0]);
  } else if (window.teams.length === 1 && window.services.length === 0) {
    params.set('team', window.teams[0]);
  }
  // A flat list: the point is to see exactly which alerts the window held back.
  params.set(GROUP_PARAM, 'none');
  return `${prefixRoute(ROUTES.Alerts)}?${params.toString()}`;
}

interface Props {
  window: MaintenanceWindow;
  now: number;
  /** Present for Editors: the write controls. */
  actions?: { client: GatewayClient; onChanged: (window: MaintenanceWindow, what: string) => void };
}

/** One window: what it covers and why, when, time left, who made it, where it is mirrored, and its controls. */
export function WindowCard({ window, now, actions }: Props) {
  const styles = useStyles2(getStyles);
  const time = describeTimeLeft(window, now);
  const mirrors = mirrorLines(window.mirrors, formatInstant);
  const errors = window.mirrors.errors ?? [];
  const live = window.state === 'active' || window.state === 'scheduled';
  const headingId = `opsdeck-maintenance-${window.id}`;
  const stateText =
    window.recurrence && window.state === 'active'
      ? window.activeNow
        ? 'active now'
        : 'between occurrences'
      : window.state;

  return (
    <article
      aria-labelledby={headingId}
      className={cx(styles.card, live && styles[window.state])}
      data-testid={testIds.maintenance.window(window.id)}
    >
      <div className={styles.header}>
        <h3 id={headingId} className={styles.title}>
          {describeCoverage(window)}
        </h3>
        <span data-testid={testIds.maintenance.windowState(window.id)} data-state={window.state}>
          <Badge color={STATE_COLORS[window.state]} text={stateText} />
        </span>
      </div>
      <p className={styles.reason}>{window.reason}</p>
      <dl className={styles.facts}>
        <dt>When</dt>
        <dd>
          {window.recurrence ? (
            <>
              {describeRecurrence(window.recurrence)}
              <br />
              <span className={styles.secondary}>
                from {formatInstant(window.startsAt)} until {formatInstant(window.endsAt)}
              </span>
            </>
          ) : (
            `${formatInstant(window.startsAt)} → ${formatInstant(window.endsAt)}`
          )}
        </dd>
        <dt>{live ? 'Time left' : 'Outcome'}</dt>
        <dd data-testid={testIds.maintenance.windowTimeLeft(window.id)} data-ending-soon={time.endingSoon}>
          <span className={cx(time.endingSoon && styles.endingSoon)}>{time.text}</span>
          {window.endedAt !== undefined && ` at ${formatInstant(window.endedAt)}`}
        </dd>
        <dt>Created</dt>
        <dd>
          by {window.createdBy}, {formatTimeAgo(window.createdAt)}
        </dd>
        <dt>Mirrors</dt>
        <dd data-testid={testIds.maintenance.windowMirrors(window.id)}>
          {mirrors.length === 0
            ? 'Opsdeck only'
            : mirrors.map((m) => (
                <div key={m.label}>
                  {m.label}: <code className={styles.code}>{m.value}</code>
                </div>
              ))}
        </dd>
      </dl>
      {errors.length > 0 && (
        <Notice
          severity="warning"
          title="Not mirrored everywhere: the window still applies in Opsdeck"
          data-testid={testIds.maintenance.windowMirrorErrors(window.id)}
        >
          <ul className={styles.errors}>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Notice>
      )}
      <TextLink
        href={suppressedAlertsLink(window)}
        inline={false}
        icon="bell-slash"
        data-testid={testIds.maintenance.windowSuppressed(window.id)}
      >
        Suppressed alerts
      </TextLink>
      {actions && live && <WindowActions client={actions.client} window={window} onChanged={actions.onChanged} />}
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({ ...accentCardStyle(theme), overflowWrap: 'anywhere' }),
  active: css({ borderLeftColor: theme.visualization.getColorByName('purple') }),
  scheduled: css({ borderLeftColor: theme.colors.info.border }),
  expired: css({}),
  ended: css({}),
  header: css({ ...cardHeaderStyle(theme), alignItems: 'center' }),
  title: css({ margin: 0, fontSize: theme.typography.h5.fontSize, minWidth: 0 }),
  reason: css({ margin: theme.spacing(0.5, 0, 1), whiteSpace: 'pre-wrap' }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(0, 0, 1),
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0 },
  }),
  secondary: css({ color: theme.colors.text.secondary }),
  endingSoon: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  code: css({ fontSize: theme.typography.bodySmall.fontSize, overflowWrap: 'anywhere' }),
  errors: css({ margin: 0, paddingLeft: theme.spacing(2) }),
});
