import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, type IconName, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { formatTimeAgo } from '@/components/format';
import { type Alert, type AlertGroup, type AlertGroupDimension, type BulkAction } from '@opsdeck/contract';
import { touchTargets } from '@/components/Actions';
import { SeverityBadge } from './AlertBadges';
import { AlertRows, type RowAction, type RowSelection } from './AlertRows';
import { groupKeyText, groupTitle, statusCounts } from './groupLabels';
import { groupId } from './useAlertGroups';
import { type ListView } from './useAlertLists';

const GROUP_ACTIONS: Array<{ action: BulkAction; icon: IconName; label: string }> = [
  { action: 'acknowledge', icon: 'check', label: 'Acknowledge' },
  { action: 'resolve', icon: 'check-circle', label: 'Resolve' },
  { action: 'snooze', icon: 'clock-nine', label: 'Snooze 1 h' },
];

export interface GroupActions {
  act: (group: AlertGroup, action: BulkAction) => void;
  /** While another action runs: one bulk job at a time. */
  disabled: boolean;
}

interface Props {
  groups: AlertGroup[];
  by: readonly AlertGroupDimension[];
  groupCount: number;
  loadingMore: boolean;
  onLoadMore: () => void;
  isExpanded: (group: AlertGroup) => boolean;
  onToggle: (group: AlertGroup) => void;
  /** The member list of an expanded group. */
  members: (group: AlertGroup) => ListView | undefined;
  onLoadMoreMembers: (group: AlertGroup) => void;
  selection?: RowSelection;
  onOpen: (alert: Alert) => void;
  rowAction?: RowAction;
  onActive?: (alert: Alert) => void;
  /** Present only for users who may act (Editors). */
  actions?: GroupActions;
}

/** The groups of a storm, biggest first: key, count, counts by status, worst severity, newest summary and age. */
export function AlertGroupList(props: Props) {
  const { groups, groupCount, loadingMore, onLoadMore } = props;
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.alerts.groups}>
      <ul className={styles.list}>
        {groups.map((group) => (
          <GroupRow key={groupId(group)} group={group} {...props} />
        ))}
      </ul>
      {groups.length < groupCount && (
        <Button
          variant="secondary"
          size="sm"
          className={styles.more}
          onClick={onLoadMore}
          disabled={loadingMore}
          data-testid={testIds.alerts.groupsMore}
        >
          {loadingMore
            ? 'Loading groups…'
            : `Show more groups (${groups.length.toLocaleString('en-US')} of ${groupCount.toLocaleString('en-US')})`}
        </Button>
      )}
    </div>
  );
}

function GroupRow({
  group,
  by,
  isExpanded,
  onToggle,
  members,
  onLoadMoreMembers,
  selection,
  onOpen,
  rowAction,
  onActive,
  actions,
}: Props & { group: AlertGroup }) {
  const styles = useStyles2(getStyles);
  const keyText = groupKeyText(group.key);
  const title = groupTitle(group, by);
  const expanded = isExpanded(group);
  const list = expanded ? members(group) : undefined;
  const membersId = `opsdeck-alerts-group-${groupId(group).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const firing = group.byStatus.firing ?? 0;
  const open = firing + (group.byStatus.acknowledged ?? 0);
  return (
    <li className={`${styles.group} ${styles[group.severity]}`} data-testid={testIds.alerts.group(keyText)}>
      <div className={styles.header}>
        <button
          type="button"
          className={styles.toggle}
          aria-expanded={expanded}
          aria-controls={expanded ? membersId : undefined}
          onClick={() => onToggle(group)}
          data-testid={testIds.alerts.groupToggle(keyText)}
        >
          <Icon name={expanded ? 'angle-down' : 'angle-right'} aria-hidden />
          <span className={styles.title}>{title}</span>
        </button>
        <span className={styles.count} data-testid={testIds.alerts.groupCount(keyText)}>
          {group.count.toLocaleString('en-US')} alert{group.count === 1 ? '' : 's'}
        </span>
      </div>
      <div className={styles.meta}>
        <SeverityBadge severity={group.severity} />
        <span>{statusCounts(group)}</span>
        <time dateTime={new Date(group.updatedAt).toISOString()}>updated {formatTimeAgo(group.updatedAt)}</time>
      </div>
      <p className={styles.summary}>{group.summary}</p>
      {actions && (
        <div
          className={cx(styles.actions, touchTargets.row)}
          role="group"
          aria-label={`Act on the ${group.count} alerts of ${title}`}
        >
          {GROUP_ACTIONS.map(({ action, icon, label }) => (
            <Button
              key={action}
              size="sm"
              icon={icon}
              variant="secondary"
              // Acknowledging needs a firing alert; resolving and snoozing any open one.
              disabled={actions.disabled || (action === 'acknowledge' ? firing : open) === 0}
              onClick={() => actions.act(group, action)}
              data-testid={testIds.alerts.groupAction(keyText, action)}
            >
              {label}
            </Button>
          ))}
        </div>
      )}
      {expanded && (
        <div id={membersId} className={styles.members}>
          {list?.pages ? (
            list.pages.alerts.length === 0 ? (
              <p className={styles.summary}>No alerts in this group match any more.</p>
            ) : (
              <AlertRows
                alerts={list.pages.alerts}
                total={list.pages.total}
                hasMore={list.pages.nextCursor !== undefined}
                loadingMore={list.loadingMore}
                onLoadMore={() => onLoadMoreMembers(group)}
                selection={selection}
                onOpen={onOpen}
                rowAction={rowAction}
                onActive={onActive}
                label={`Alerts of ${title}`}
                testId={testIds.alerts.groupMembers(keyText)}
                compact
              />
            )
          ) : list?.error ? (
            <p role="alert">{list.error}</p>
          ) : (
            <LoadingPlaceholder text="Loading alerts…" />
          )}
        </div>
      )}
    </li>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  group: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
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
  header: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1), minWidth: 0 }),
  toggle: css({
    all: 'unset',
    cursor: 'pointer',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minHeight: 32,
    '@media (max-width: 768px), (pointer: coarse)': { minHeight: 44 },
    minWidth: 0,
    flex: '1 1 12rem',
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  title: css({ overflowWrap: 'anywhere', minWidth: 0 }),
  count: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
  meta: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  summary: css({ margin: 0, overflowWrap: 'anywhere', color: theme.colors.text.secondary }),
  actions: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) }),
  members: css({ marginTop: theme.spacing(1), minWidth: 0 }),
  more: css({ marginTop: theme.spacing(1) }),
});
