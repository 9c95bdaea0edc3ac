import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, TextLink, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { type Alert } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { SeverityBadge, StatusBadge } from './AlertBadges';
import { NO_SERVICE, type ServiceGroup } from './alertFilters';

interface Props {
  groups: ServiceGroup[];
  /** Present only for users who may acknowledge: without it there are no checkboxes. */
  selection?: { selected: ReadonlySet<string>; toggle: (id: string) => void };
  onOpen: (alert: Alert) => void;
}

/** Alerts grouped by service, each a row with severity, status, summary and age. */
export function AlertList({ groups, selection, onOpen }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.alerts.list}>
      {groups.map((group) => {
        const headingId = `opsdeck-alerts-group-${group.service}`;
        return (
          <section
            key={group.service}
            aria-labelledby={headingId}
            className={styles.group}
            data-testid={testIds.alerts.serviceGroup(group.service)}
          >
            <h3 id={headingId} className={styles.heading}>
              {group.service === NO_SERVICE ? (
                group.service
              ) : (
                <TextLink href={servicePageUrl(group.service)} variant="h5">
                  {group.service}
                </TextLink>
              )}{' '}
              <span className={styles.count}>({group.alerts.length})</span>
            </h3>
            <ul className={styles.list}>
              {group.alerts.map((alert) => (
                <li
                  key={alert.id}
                  className={`${styles.row} ${styles[alert.severity]}`}
                  data-testid={testIds.alerts.row(alert.id)}
                >
                  {selection && (
                    <Checkbox
                      aria-label={`Select ${alert.summary}`}
                      data-testid={testIds.alerts.rowSelect(alert.id)}
                      value={selection.selected.has(alert.id)}
                      onChange={() => selection.toggle(alert.id)}
                      disabled={alert.status !== 'firing'}
                    />
                  )}
                  <div className={styles.main}>
                    <button
                      type="button"
                      className={styles.summary}
                      onClick={() => onOpen(alert)}
                      data-testid={testIds.alerts.rowOpen(alert.id)}
                    >
                      {alert.summary}
                    </button>
                    <div className={styles.meta}>
                      <SeverityBadge severity={alert.severity} />
                      <StatusBadge status={alert.status} testId={testIds.alerts.rowStatus(alert.id)} />
                      <span>{alert.source}</span>
                      {alert.team && <span>team {alert.team}</span>}
                      <time dateTime={new Date(alert.startsAt).toISOString()}>
                        started {formatTimeAgo(alert.startsAt)}
                      </time>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  group: css({ marginBottom: theme.spacing(2) }),
  heading: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1), overflowWrap: 'anywhere' }),
  count: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  row: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    padding: theme.spacing(1, 1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderLeftWidth: theme.spacing(0.5),
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  critical: css({ borderLeftColor: theme.colors.error.border }),
  warning: css({ borderLeftColor: theme.colors.warning.border }),
  info: css({ borderLeftColor: theme.colors.info.border }),
  main: css({ minWidth: 0, flex: 1 }),
  // A real button (keyboard, screen readers) that reads as the alert's title.
  summary: css({
    all: 'unset',
    cursor: 'pointer',
    display: 'block',
    minHeight: 24,
    padding: theme.spacing(0.5, 0),
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.link,
    overflowWrap: 'anywhere',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  meta: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
