import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Checkbox, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
// The same windowing library @grafana/ui 13 itself depends on (its Combobox and tables), at the version pinned in
// package.json; it is bundled with the plugin, as Grafana does not share it with plugins.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type ClientActionKind } from '@/api';
import { ACTION_LABELS, mostLikelyAction, touchTargets } from '@/components/Actions';
import { testIds } from '@/components/testIds';
import { formatTimeAgo } from '@/components/format';
import { type Alert } from '@opsdeck/contract';
import { SeverityBadge, StatusBadge } from './AlertBadges';

/** A row's height before it is measured (rows wrap on a phone, so each is measured once drawn). */
export const ROW_ESTIMATE_PX = 64;
/** Rows drawn above and below the visible ones, so a fast scroll shows no blank. */
const OVERSCAN = 8;
/** The next page is asked for when the last drawn row is this close to the end of what is loaded. */
const LOAD_AHEAD = 20;

export interface RowSelection {
  isSelected: (alert: Alert) => boolean;
  toggle: (alert: Alert) => void;
  /** "All matching" is selected: every box shows checked and none can be changed one by one. */
  locked: boolean;
}

/** An open alert (firing or acknowledged) can be selected: acknowledge, resolve and snooze all apply to it. */
export const isSelectable = (alert: Alert) => alert.status === 'firing' || alert.status === 'acknowledged';

/** The row's own button: the most likely action (acknowledge while firing, resolve once acknowledged). */
export interface RowAction {
  run: (alert: Alert, action: ClientActionKind) => void;
  disabled: boolean;
}

interface Props {
  alerts: Alert[];
  /** All alerts the list's filters match, loaded or not. */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Present only for users who may act: without it there are no checkboxes. */
  selection?: RowSelection;
  onOpen: (alert: Alert) => void;
  /** Present only for users who may act. */
  rowAction?: RowAction;
  /** The row the keyboard is on, for the page's shortcuts. */
  onActive?: (alert: Alert) => void;
  label: string;
  testId?: string;
  /** Where the list is inside a group, for a lower window. */
  compact?: boolean;
}

/**
 * A windowed list of alerts: only the rows in view (and a few around them) are in the DOM, so 50,000 alerts cost
 * what 30 do. Pages load as the end comes into view. Keyboard: arrow keys (and Home/End) move between rows, Space
 * selects the focused row, Enter opens it.
 */
export function AlertRows({
  alerts,
  total,
  hasMore,
  loadingMore,
  onLoadMore,
  selection,
  onOpen,
  rowAction,
  onActive,
  label,
  testId = testIds.alerts.list,
  compact = false,
}: Props) {
  const styles = useStyles2(getStyles);
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusWanted = useRef<number>();
  const virtualizer = useVirtualizer({
    count: alerts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (index) => alerts[index]?.id ?? index,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastDrawn = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastDrawn >= alerts.length - 1 - LOAD_AHEAD) {
      onLoadMore();
    }
  }, [hasMore, loadingMore, lastDrawn, alerts.length, onLoadMore]);

  // A moved focus lands once its row is drawn (scrolling to a far row draws it on a later render).
  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === undefined) {
      return;
    }
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${wanted}"]`);
    if (row) {
      focusWanted.current = undefined;
      row.focus({ preventScroll: true });
    }
  });

  const safeActive = Math.min(active, Math.max(0, alerts.length - 1));
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(alerts.length - 1, index));
    setActive(next);
    focusWanted.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    const index = row ? Number(row.dataset.index) : safeActive;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      j: index + 1,
      k: index - 1,
      Home: 0,
      End: alerts.length - 1,
    };
    if (event.key in moves && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      moveTo(moves[event.key]);
      return;
    }
    // On the row itself; its checkbox and title button keep their own Space and Enter.
    if (!row || target !== row) {
      return;
    }
    const alert = alerts[index];
    if (event.key === 'Enter' && alert) {
      event.preventDefault();
      onOpen(alert);
    } else if (event.key === ' ' && alert) {
      event.preventDefault();
      if (selection && !selection.locked && isSelectable(alert)) {
        selection.toggle(alert);
      }
    }
  };

  return (
    <div
      ref={scroller}
      className={cx(styles.scroller, compact && styles.compact)}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <div role="list" aria-label={label} className={styles.sizer} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const alert = alerts[item.index];
          const likely = rowAction ? mostLikelyAction(alert) : undefined;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              data-index={item.index}
              ref={virtualizer.measureElement}
              tabIndex={item.index === safeActive ? 0 : -1}
              onFocus={() => {
                setActive(item.index);
                onActive?.(alert);
              }}
              className={cx(styles.row, styles[alert.severity])}
              style={{ transform: `translateY(${item.start}px)` }}
              data-testid={testIds.alerts.row(alert.id)}
            >
              {selection && (
                <Checkbox
                  aria-label={`Select ${alert.summary}`}
                  data-testid={testIds.alerts.rowSelect(alert.id)}
                  value={selection.isSelected(alert)}
                  onChange={() => selection.toggle(alert)}
                  disabled={selection.locked || !isSelectable(alert)}
                  tabIndex={-1}
                  className={styles.select}
                />
              )}
              <div className={styles.main}>
                <button
                  type="button"
                  className={styles.summary}
                  onClick={() => onOpen(alert)}
                  data-testid={testIds.alerts.rowOpen(alert.id)}
                  tabIndex={-1}
                >
                  {alert.summary}
                </button>
                <div className={styles.meta}>
                  <SeverityBadge severity={alert.severity} />
                  <StatusBadge status={alert.status} testId={testIds.alerts.rowStatus(alert.id)} />
                  {alert.service && <span>{alert.service}</span>}
                  <span>{alert.source}</span>
                  {alert.team && <span>team {alert.team}</span>}
                  <time dateTime={new Date(alert.startsAt).toISOString()}>started {formatTimeAgo(alert.startsAt)}</time>
                </div>
              </div>
              {rowAction && likely && (
                <Button
                  size="sm"
                  variant={likely === 'acknowledge' ? 'primary' : 'secondary'}
                  className={cx(touchTargets.control, styles.rowAction)}
                  onClick={() => rowAction.run(alert, likely)}
                  disabled={rowAction.disabled}
                  aria-label={`${ACTION_LABELS[likely]} ${alert.summary}`}
                  data-testid={testIds.alerts.rowAction(alert.id)}
                  tabIndex={-1}
                >
                  {ACTION_LABELS[likely]}
                </Button>
              )}
            </div>
          );
        })}
      </div>
      {loadingMore && (
        <div className={styles.more} data-testid={testIds.alerts.listMore}>
          <LoadingPlaceholder text="Loading more alerts…" />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // The list scrolls in its own box: the window decides which rows exist, so its height must be known.
  scroller: css({
    position: 'relative',
    overflowY: 'auto',
    overflowX: 'hidden',
    maxHeight: 'max(320px, calc(100vh - 280px))',
    minWidth: 0,
    overscrollBehavior: 'contain',
  }),
  compact: css({ maxHeight: 'min(480px, 70vh)' }),
  sizer: css({ position: 'relative', width: '100%' }),
  row: css({
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    padding: theme.spacing(1, 1.5),
    background: theme.colors.background.primary,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    borderLeft: `${theme.spacing(0.5)} solid transparent`,
    minWidth: 0,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  critical: css({ borderLeftColor: theme.colors.error.border }),
  warning: css({ borderLeftColor: theme.colors.warning.border }),
  info: css({ borderLeftColor: theme.colors.info.border }),
  main: css({ minWidth: 0, flex: 1 }),
  rowAction: css({ flex: 'none', alignSelf: 'center' }),
  // The box itself stays small; on a phone the label around it is the 44 px target.
  select: css({
    flex: 'none',
    '@media (max-width: 768px), (pointer: coarse)': {
      minWidth: 44,
      minHeight: 44,
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
    },
  }),
  // A real button (pointer, screen readers) that reads as the alert's title; the keyboard reaches it as the row.
  summary: css({
    all: 'unset',
    cursor: 'pointer',
    display: 'block',
    minHeight: 24,
    '@media (max-width: 768px), (pointer: coarse)': { minHeight: 44 },
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
    minWidth: 0,
    overflowWrap: 'anywhere',
  }),
  more: css({ padding: theme.spacing(1) }),
});
