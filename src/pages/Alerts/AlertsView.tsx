import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, LinkButton, LoadingPlaceholder, Text, useStyles2 } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  type ActionBodies,
  type ClientActionKind,
  type Clock,
  type EventSourceFactory,
  type GatewayClient,
  systemClock,
  useGatewayMode,
  useLiveEvents,
} from '@/api';
import {
  alertTarget,
  type ActionOutcome,
  DEFAULT_SNOOZE_MS,
  describeBulkOutcomes,
  describeError,
  describeResult,
  newAttempt,
  quickBody,
  type ShortcutCommand,
  ShortcutHelp,
  shortcutFor,
  touchTargets,
} from '@/components/Actions';
import { FilterBar } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import {
  type Alert,
  type AlertBulkRequest,
  type AlertGroup,
  type AlertGroupDimension,
  type AlertsDeltaPayload,
  type BulkAction,
  isActionSupported,
} from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { describeAckError, describeBulkResult } from './acknowledge';
import { AlertDrawer, type DrawerActions } from './AlertDrawer';
import {
  ALERT_PARAM,
  type AlertFilterKey,
  bulkFilter,
  filtersFromSearch,
  GROUP_PARAM,
  groupingFromSearch,
  groupingParam,
  mergeFilter,
  toListQuery,
  withFilter,
} from './alertFilters';
import { alertFilterBar } from './alertFilterBar';
import { type ActiveFilter, FoldedFilters } from './FoldedFilters';
import { AlertGroupList } from './AlertGroupList';
import { deltaMayMatch, ReloadThrottle } from './alertPages';
import { AlertRows, isSelectable, type RowAction, type RowSelection } from './AlertRows';
import {
  acknowledgeIds,
  actOnIds,
  describeBulkError,
  describeBulkJob,
  doingWord,
  runBulkAction,
  SNOOZE_MS,
} from './bulkActions';
import { groupTitle } from './groupLabels';
import { GroupingPicker } from './GroupingPicker';
import { groupId, useAlertGroups } from './useAlertGroups';
import { findLoaded, type ListSpec, useAlertLists } from './useAlertLists';
import { useCatalogNames } from './useCatalogNames';

/** A full reload of what is shown is the safety net for anything the live stream missed. */
export const ALERTS_REFRESH_MS = 30_000;
/** Live reloads of what is shown happen at most this often, however fast the deltas come. */
export const LIVE_RELOAD_MIN_MS = 1000;
/**
 * The gateway shares one answer per groups question for a second among all tabs (gateway/src/alerts/
 * readCoalescer.ts, FRESH_MS), so a reload right after a delta may get an answer from before the change. One more
 * reload this long after the last delta is sure to be computed afresh.
 */
export const GROUPS_CONFIRM_MS = 1100;

const FLAT_LIST = 'all';
const GROUPS = 'groups';
const memberList = (group: AlertGroup) => `group:${groupId(group)}`;
const LIVE_TYPES = ['alerts.delta'] as const;

interface Props {
  client: GatewayClient;
  /** Whether the user may acknowledge (Editor or above); Viewers get no controls. */
  canAcknowledge: boolean;
  eventSources?: EventSourceFactory;
  clock?: Clock;
}

/** Explicit ids, or every alert the page's filters match (acted on by filter, never by ids). */
type Selection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'matching' };
const NOTHING: Selection = { kind: 'ids', ids: new Set() };

interface Progress {
  text: string;
  done: number;
  total: number;
}

const count = (n: number, what = 'alert') => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * The Alerts page for storms: alerts folded into groups (alertname and service unless the URL says otherwise), each
 * group acted on as a whole by filter, expanded into a windowed list that pages as it scrolls; or one flat windowed
 * list of every alert. Filters and grouping live in the URL; live deltas patch rows by id and reload only what is
 * shown, at most once a second.
 */
export function AlertsView({ client, canAcknowledge, eventSources, clock = systemClock }: Props) {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const pageQuery = useMemo(() => toListQuery(filters), [filters]);
  const groupParam = params.get(GROUP_PARAM) ?? '';
  const grouping = useMemo(() => groupingFromSearch(new URLSearchParams({ [GROUP_PARAM]: groupParam })), [groupParam]);
  const grouped = grouping.length > 0;
  const viewKey = JSON.stringify([pageQuery, grouping]);

  const groupsQuery = useMemo(
    () => (grouped ? { ...pageQuery, by: grouping.join(',') } : undefined),
    [grouped, pageQuery, grouping]
  );
  const groups = useAlertGroups(client, groupsQuery, clock);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setExpanded(new Set()), [viewKey]);

  const wanted = useMemo<ListSpec[]>(() => {
    if (!grouped) {
      return [{ key: FLAT_LIST, query: pageQuery, facets: true }];
    }
    return (groups.groups ?? [])
      .filter((g) => expanded.has(groupId(g)))
      .map((g) => ({ key: memberList(g), query: mergeFilter(pageQuery, g.filter) }));
  }, [grouped, pageQuery, groups.groups, expanded]);
  const lists = useAlertLists(client, wanted, clock);
  const flat = grouped ? undefined : lists.lists[FLAT_LIST];

  const catalog = useCatalogNames(client);
  const mode = useGatewayMode(client);
  const facets = flat?.pages?.facets;
  const filterBar = useMemo(() => alertFilterBar(catalog.services, catalog.teams, facets), [catalog, facets]);

  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const [acting, setActing] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  useEffect(() => setSelection(NOTHING), [viewKey]);

  // An explicit selection only ever covers loaded alerts that are still open (firing or acknowledged).
  const openLoaded = useMemo(() => {
    const open = new Map<string, Alert>();
    for (const view of Object.values(lists.lists)) {
      view.pages?.alerts.forEach((a) => isSelectable(a) && open.set(a.id, a));
    }
    return open;
  }, [lists.lists]);
  useEffect(() => {
    setSelection((current) => {
      if (current.kind !== 'ids') {
        return current;
      }
      const kept = [...current.ids].filter((id) => openLoaded.has(id));
      return kept.length === current.ids.size ? current : { kind: 'ids', ids: new Set(kept) };
    });
  }, [openLoaded]);

  // Reloads of what is shown: the groups and the first page of each list, never the deeper pages.
  const latest = useRef({ groups, lists, wanted });
  latest.current = { groups, lists, wanted };
  const throttle = useMemo(
    () =>
      new ReloadThrottle(
        clock,
        (keys) => {
          const { groups: g, lists: l, wanted: w } = latest.current;
          if (keys.has(GROUPS)) {
            g.reload();
          }
          l.reload(w.map((s) => s.key).filter((k) => keys.has(k)));
        },
        LIVE_RELOAD_MIN_MS
      ),
    [clock]
  );
  const confirmGroups = useRef<unknown>();
  useEffect(
    () => () => {
      throttle.cancel();
      clock.clearTimeout(confirmGroups.current);
    },
    [throttle, clock]
  );
  const everything = useCallback(() => [GROUPS, ...latest.current.wanted.map((s) => s.key)], []);
  const reloadShown = useCallback(() => throttle.request(everything()), [throttle, everything]);

  useEffect(() => {
    const poll = clock.setInterval(reloadShown, ALERTS_REFRESH_MS);
    return () => clock.clearInterval(poll);
  }, [clock, reloadShown]);

  useLiveEvents(
    client,
    LIVE_TYPES,
    (event) => {
      const delta = event.payload as AlertsDeltaPayload | undefined;
      if (!delta) {
        return;
      }
      const stale = new Set(lists.applyLive(delta.alerts ?? []));
      if (delta.overflow > 0) {
        everything().forEach((k) => stale.add(k));
      } else if (grouped && (delta.alerts ?? []).some((d) => deltaMayMatch(d, pageQuery, { ignoreStatus: true }))) {
        stale.add(GROUPS);
      }
      throttle.request(stale);
      if (stale.has(GROUPS)) {
        clock.clearTimeout(confirmGroups.current);
        confirmGroups.current = clock.setTimeout(() => throttle.request([GROUPS]), GROUPS_CONFIRM_MS);
      }
    },
    eventSources,
    { compact: true }
  );

  const openId = params.get(ALERT_PARAM) ?? undefined;
  const setFilter = (key: AlertFilterKey, value: string) => setParams(withFilter(params, key, value));
  const setGrouping = (next: AlertGroupDimension[]) => setParams(withFilter(params, GROUP_PARAM, groupingParam(next)));
  const openAlert = useCallback(
    (alert: Alert) => setParams((current) => withFilter(current, ALERT_PARAM, alert.id)),
    [setParams]
  );
  const closeAlert = () => setParams(withFilter(params, ALERT_PARAM, ''));

  const rowSelection = useMemo<RowSelection | undefined>(() => {
    if (!canAcknowledge) {
      return undefined;
    }
    return {
      locked: selection.kind === 'matching',
      isSelected: (alert) => (selection.kind === 'matching' ? true : selection.ids.has(alert.id)),
      toggle: (alert) =>
        setSelection((current) => {
          if (current.kind !== 'ids') {
            return current;
          }
          const ids = new Set(current.ids);
          if (!ids.delete(alert.id)) {
            ids.add(alert.id);
          }
          return { kind: 'ids', ids };
        }),
    };
  }, [canAcknowledge, selection]);

  const total = grouped ? groups.total : (flat?.pages?.total ?? 0);
  const loaded = grouped ? groups.groups !== undefined : flat?.pages !== undefined;
  const loading = grouped ? groups.loading : (flat?.loading ?? true);
  const error = grouped ? groups.error : flat?.error;
  const updatedAt = grouped ? groups.updatedAt : flat?.updatedAt;
  const empty = grouped ? groups.groups?.length === 0 : flat?.pages?.alerts.length === 0;

  const runJob = async (text: string, request: AlertBulkRequest) => {
    setActing(true);
    setOutcome(undefined);
    setProgress({ text, done: 0, total: request.expected ?? 0 });
    try {
      const job = await runBulkAction(
        client,
        request,
        clock,
        (j) => mounted.current && setProgress({ text, done: j.done + j.failed, total: j.total }),
        () => !mounted.current
      );
      setOutcome(describeBulkJob(job));
      setSelection(NOTHING);
    } catch (err) {
      setOutcome(describeBulkError(err, request.action, request.expected));
    } finally {
      setProgress(undefined);
      setActing(false);
      reloadShown();
    }
  };

  const until = (action: BulkAction) => (action === 'snooze' ? { until: clock.now() + SNOOZE_MS } : {});
  const actOnGroup = (group: AlertGroup, action: BulkAction) =>
    runJob(`${doingWord(action)} ${groupTitle(group, grouping)}`, {
      action,
      filter: bulkFilter(mergeFilter(pageQuery, group.filter)),
      expected: group.count,
      ...until(action),
    });
  const actOnMatching = (action: BulkAction) =>
    runJob(`${doingWord(action)} every matching alert`, {
      action,
      filter: bulkFilter(pageQuery),
      expected: total,
      ...until(action),
    });

  const acknowledgeSelected = async () => {
    if (selection.kind === 'matching') {
      return actOnMatching('acknowledge');
    }
    setActing(true);
    try {
      const firing = [...selection.ids].filter((id) => openLoaded.get(id)?.status === 'firing');
      const response = await acknowledgeIds(client, firing);
      response.results.forEach((r) => r.alert && lists.patch(r.alert));
      setOutcome(describeBulkResult(response));
      setSelection(NOTHING);
    } catch (err) {
      setOutcome(describeAckError(err));
    } finally {
      setActing(false);
      reloadShown();
    }
  };

  /** Resolve or snooze (1 h) of an explicit selection: one request per alert, each with its own key. */
  const actOnSelected = async (action: 'resolve' | 'snooze') => {
    if (selection.kind === 'matching') {
      return actOnMatching(action);
    }
    const targets = [...selection.ids].flatMap((id) => {
      const alert = openLoaded.get(id);
      return alert ? [alert] : [];
    });
    const text = `${doingWord(action)} ${count(targets.length)}`;
    setActing(true);
    setOutcome(undefined);
    setProgress({ text, done: 0, total: targets.length });
    try {
      const onProgress = (done: number) => setProgress({ text, done, total: targets.length });
      const body: ActionBodies['resolve' | 'snooze'] =
        action === 'snooze' ? { until: clock.now() + DEFAULT_SNOOZE_MS } : {};
      const outcomes = await actOnIds(
        client,
        targets.map((a) => alertTarget(a, mode)),
        action,
        body,
        onProgress
      );
      outcomes.forEach((o) => o.result?.alert && lists.patch(o.result.alert));
      setOutcome(describeBulkOutcomes(action, outcomes));
      setSelection(NOTHING);
    } finally {
      setProgress(undefined);
      setActing(false);
      reloadShown();
    }
  };

  /** One action on one alert from its row or a shortcut: says at once what the source answered. */
  const actOne = useCallback(
    async (alert: Alert, action: ClientActionKind) => {
      const body = quickBody(action, clock.now());
      const attempt = newAttempt(alertTarget(alert, mode), action, body);
      setActing(true);
      setOutcome(undefined);
      try {
        const result = await client.act('alert', alert.id, action, body, attempt.idempotencyKey);
        if (result.alert) {
          lists.patch(result.alert);
        }
        setOutcome(describeResult(result));
      } catch (err) {
        setOutcome(describeError(action, err));
      } finally {
        setActing(false);
        reloadShown();
      }
    },
    [client, clock, lists, reloadShown, mode]
  );
  const rowAction = useMemo<RowAction | undefined>(
    () => (canAcknowledge ? { run: actOne, disabled: acting } : undefined),
    [canAcknowledge, actOne, acting]
  );

  // Keyboard shortcuts (desktop): the alert the keyboard is on, the form a shortcut asked the drawer for.
  const [activeAlert, setActiveAlert] = useState<Alert>();
  const [requested, setRequested] = useState<DrawerActions['requested']>();
  const [help, setHelp] = useState(false);
  const onShortcut = useRef<(command: ShortcutCommand) => boolean>(() => false);
  onShortcut.current = (command) => {
    const alert = activeAlert ? (openLoaded.get(activeAlert.id) ?? activeAlert) : undefined;
    const canDo = (action: ClientActionKind) =>
      canAcknowledge && alert && isActionSupported(alert.source, action, alertTarget(alert, mode));
    switch (command) {
      case 'help':
        setHelp(true);
        return true;
      case 'close':
        if (help) {
          setHelp(false);
          return true;
        }
        return false;
      case 'next':
      case 'previous': {
        // Inside a list the list moves itself; from elsewhere on the page, j/k land on its first row.
        const row = document.querySelector<HTMLElement>(`[data-testid="${testIds.alerts.list}"] [data-index="0"]`);
        row?.focus();
        return row !== null;
      }
      case 'acknowledge':
        if (canDo('acknowledge') && alert!.status === 'firing') {
          void actOne(alert!, 'acknowledge');
          return true;
        }
        return false;
      case 'resolve':
        if (canDo('resolve') && isSelectable(alert!)) {
          void actOne(alert!, 'resolve');
          return true;
        }
        return false;
      case 'snooze':
      case 'note':
      case 'escalate':
        if (canDo(command)) {
          openAlert(alert!);
          setRequested({ action: command, requestKey: Date.now() });
          return true;
        }
        return false;
      case 'select':
        if (alert && rowSelection && !rowSelection.locked && isSelectable(alert)) {
          rowSelection.toggle(alert);
          return true;
        }
        return false;
      default:
        return false;
    }
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      // The list handles its own arrows and Enter; a shortcut handled here is not typed anywhere else.
      const inList = (event.target as HTMLElement | null)?.closest?.('[data-index]');
      if (!command || (inList && ['next', 'previous', 'open'].includes(command))) {
        return;
      }
      if (onShortcut.current(command)) {
        event.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const toggleGroup = (group: AlertGroup) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(groupId(group))) {
        next.add(groupId(group));
      }
      return next;
    });

  const activeFilters: ActiveFilter[] = filterBar.flatMap((f) =>
    filters[f.key] ? [{ key: f.key, text: `${f.label}: ${filters[f.key]}`, onRemove: () => setFilter(f.key, '') }] : []
  );
  if (groupParam) {
    activeFilters.push({
      key: GROUP_PARAM,
      text: `Grouping: ${grouped ? grouping.join(', ') : 'none'}`,
      onRemove: () => setParams(withFilter(params, GROUP_PARAM, '')),
    });
  }

  const deepLink = (id: string) => `${window.location.pathname}?${withFilter(params, ALERT_PARAM, id).toString()}`;
  const selectedCount = selection.kind === 'ids' ? selection.ids.size : total;
  const loadMoreFlat = useCallback(() => lists.loadMore(FLAT_LIST), [lists]);

  return (
    <div className={styles.page}>
      <FoldedFilters active={activeFilters}>
        <FilterBar
          label="Alert filters"
          idPrefix="opsdeck-alerts"
          filters={filterBar}
          values={filters}
          onChange={setFilter}
        />
        <GroupingPicker grouping={grouping} onChange={setGrouping} />
      </FoldedFilters>
      {error && (
        <Notice severity="error" title="Could not load alerts" data-testid={testIds.alerts.error}>
          {error}
        </Notice>
      )}
      {progress && (
        <Notice severity="info" title={progress.text} data-testid={testIds.alerts.bulkProgress}>
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={progress.text} />{' '}
          {progress.done.toLocaleString('en-US')} of {count(progress.total)}
        </Notice>
      )}
      {outcome && (
        <Notice
          severity={outcome.severity}
          title={outcome.text}
          data-testid={testIds.alerts.actionResult}
          onRemove={() => setOutcome(undefined)}
        />
      )}
      {!loaded && loading && <LoadingPlaceholder text="Loading alerts…" data-testid={testIds.alerts.loading} />}
      {loaded && (
        <>
          <div className={cx(styles.toolbar, touchTargets.row)}>
            <Text color="secondary" aria-live="polite">
              <span data-testid={testIds.alerts.count}>
                {grouped
                  ? `${count(groups.groupCount, 'group')}, ${count(total)}`
                  : `${(flat?.pages?.alerts.length ?? 0).toLocaleString('en-US')} of ${count(total)}`}
                {updatedAt ? `, updated ${formatTimeAgo(updatedAt)}` : ''}
              </span>
            </Text>
            {canAcknowledge && (
              <>
                {selection.kind === 'matching' ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setSelection(NOTHING)}
                    data-testid={testIds.alerts.clearSelection}
                  >
                    Clear selection
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setSelection({ kind: 'matching' })}
                    disabled={total === 0 || acting}
                    data-testid={testIds.alerts.selectAll}
                  >
                    Select all {total.toLocaleString('en-US')} matching
                  </Button>
                )}
                <Button
                  size="sm"
                  icon="check"
                  onClick={acknowledgeSelected}
                  disabled={selectedCount === 0 || acting}
                  data-testid={testIds.alerts.bulkAcknowledge}
                >
                  {selection.kind === 'matching'
                    ? `Acknowledge all ${total.toLocaleString('en-US')}`
                    : `Acknowledge${selectedCount > 0 ? ` (${selectedCount})` : ''}`}
                </Button>
                {selection.kind === 'ids' && selectedCount > 0 && (
                  <>
                    <Button
                      size="sm"
                      variant="secondary"
                      icon="check-circle"
                      onClick={() => actOnSelected('resolve')}
                      disabled={acting}
                      data-testid={testIds.alerts.bulkSelected('resolve')}
                    >
                      Resolve ({selectedCount})
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      icon="clock-nine"
                      onClick={() => actOnSelected('snooze')}
                      disabled={acting}
                      data-testid={testIds.alerts.bulkSelected('snooze')}
                    >
                      Snooze 1 h ({selectedCount})
                    </Button>
                  </>
                )}
                {selection.kind === 'matching' && (
                  <>
                    <Button
                      size="sm"
                      variant="secondary"
                      icon="check-circle"
                      onClick={() => actOnMatching('resolve')}
                      disabled={acting}
                      data-testid={testIds.alerts.bulkAction('resolve')}
                    >
                      Resolve all
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      icon="clock-nine"
                      onClick={() => actOnMatching('snooze')}
                      disabled={acting}
                      data-testid={testIds.alerts.bulkAction('snooze')}
                    >
                      Snooze all 1 h
                    </Button>
                  </>
                )}
              </>
            )}
            {/* The gateway streams the whole filtered set; the browser saves it without holding it in memory. */}
            <LinkButton
              size="sm"
              variant="secondary"
              icon="download-alt"
              href={client.alertsExportUrl(pageQuery, 'csv')}
              className={touchTargets.control}
              download="alerts.csv"
              data-testid={testIds.alerts.exportCsv}
            >
              CSV
            </LinkButton>
            <LinkButton
              size="sm"
              variant="secondary"
              icon="download-alt"
              href={client.alertsExportUrl(pageQuery, 'json')}
              className={touchTargets.control}
              download="alerts.json"
              data-testid={testIds.alerts.exportJson}
            >
              JSON
            </LinkButton>
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              icon="keyboard"
              className={styles.desktopOnly}
              onClick={() => setHelp(true)}
              data-testid={testIds.alerts.shortcutsButton}
            >
              Shortcuts (?)
            </Button>
          </div>
          {empty ? (
            <p data-testid={testIds.alerts.empty}>No alerts match these filters.</p>
          ) : grouped ? (
            <section aria-labelledby="opsdeck-alerts-groups">
              <h2 id="opsdeck-alerts-groups" className={styles.heading}>
                Groups
              </h2>
              <AlertGroupList
                groups={groups.groups ?? []}
                by={grouping}
                groupCount={groups.groupCount}
                loadingMore={groups.loadingMore}
                onLoadMore={groups.loadMore}
                isExpanded={(g) => expanded.has(groupId(g))}
                onToggle={toggleGroup}
                members={(g) => lists.lists[memberList(g)]}
                onLoadMoreMembers={(g) => lists.loadMore(memberList(g))}
                selection={rowSelection}
                onOpen={openAlert}
                rowAction={rowAction}
                onActive={setActiveAlert}
                actions={canAcknowledge ? { act: actOnGroup, disabled: acting } : undefined}
              />
            </section>
          ) : (
            flat?.pages && (
              <section aria-labelledby="opsdeck-alerts-all">
                <h2 id="opsdeck-alerts-all" className={styles.heading}>
                  All alerts
                </h2>
                <AlertRows
                  alerts={flat.pages.alerts}
                  total={flat.pages.total}
                  hasMore={flat.pages.nextCursor !== undefined}
                  loadingMore={flat.loadingMore}
                  onLoadMore={loadMoreFlat}
                  selection={rowSelection}
                  onOpen={openAlert}
                  rowAction={rowAction}
                  onActive={setActiveAlert}
                  label="Alerts, newest change first"
                />
              </section>
            )
          )}
        </>
      )}
      {openId && (
        <AlertDrawer
          client={client}
          alertId={openId}
          listed={findLoaded(lists.lists, openId)}
          deepLink={deepLink(openId)}
          actions={
            canAcknowledge
              ? {
                  client,
                  clock,
                  mode,
                  requested,
                  onDone: (result) => {
                    if (result.alert) {
                      lists.patch(result.alert);
                    }
                    reloadShown();
                  },
                }
              : undefined
          }
          onClose={closeAlert}
        />
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  toolbar: css({ alignItems: 'center' }),
  desktopOnly: css({ '@media (max-width: 768px), (pointer: coarse)': { display: 'none' } }),
});
