import { useCallback, useEffect, useRef, useState } from 'react';
import { type Clock, type GatewayClient, systemClock, toGatewayError } from '@/api';
import { type Alert, type AlertDelta, type AlertListQuery } from '@opsdeck/contract';
import {
  type AlertPages,
  applyAlertChange,
  applyDeltas,
  deltaMayMatch,
  PAGE_SIZE,
  withFirstPage,
  withNextPage,
} from './alertPages';

/** One list the page shows: the flat list, or the members of an expanded group. */
export interface ListSpec {
  key: string;
  query: AlertListQuery;
  /** Ask for facet counts with the first page (the flat list's filter pickers show them). */
  facets?: boolean;
}

export interface ListView {
  pages?: AlertPages;
  /** The first page is loading (and nothing is shown yet, or a reload is on its way). */
  loading: boolean;
  loadingMore: boolean;
  error?: string;
  updatedAt?: number;
}

interface Entry {
  spec: ListSpec;
  queryKey: string;
  /** Bumped by every new query: answers to an older one are dropped. */
  queryGen: number;
  /** Bumped by every first-page load: only the newest one's answer is applied. */
  firstGen: number;
  loadingMore: boolean;
}

/**
 * The alert lists on screen, each loaded a page of 100 at a time as it is scrolled (`nextCursor`), kept current by
 * live deltas applied by id and by reloads of their first page only. `wanted` says which lists there are; a list
 * whose query changes starts again from its first page.
 */
export function useAlertLists(client: GatewayClient, wanted: readonly ListSpec[], clock: Clock = systemClock) {
  const [lists, setLists] = useState<Record<string, ListView>>({});
  const entries = useRef(new Map<string, Entry>());
  const shown = useRef(lists);
  shown.current = lists;
  const now = useRef(clock);
  now.current = clock;

  const setList = useCallback((key: string, change: (view: ListView) => ListView) => {
    setLists((all) => (all[key] ? { ...all, [key]: change(all[key]) } : all));
  }, []);

  const loadFirst = useCallback(
    (key: string) => {
      const entry = entries.current.get(key);
      if (!entry) {
        return;
      }
      const mine = ++entry.firstGen;
      const { queryGen } = entry;
      const ours = () => entries.current.get(key) === entry && entry.firstGen === mine && entry.queryGen === queryGen;
      setList(key, (view) => ({ ...view, loading: true }));
      const { query, facets } = entry.spec;
      client.alerts({ ...query, limit: PAGE_SIZE, ...(facets ? { facets: 'true' } : {}) }).then(
        (answer) =>
          ours() &&
          setList(key, (view) => ({
            ...view,
            pages: withFirstPage(view.pages, answer),
            loading: false,
            error: undefined,
            updatedAt: now.current.now(),
          })),
        (err) => ours() && setList(key, (view) => ({ ...view, loading: false, error: toGatewayError(err).message }))
      );
    },
    [client, setList]
  );

  const loadMore = useCallback(
    (key: string) => {
      const entry = entries.current.get(key);
      const cursor = shown.current[key]?.pages?.nextCursor;
      if (!entry || !cursor || entry.loadingMore) {
        return;
      }
      entry.loadingMore = true;
      const { queryGen } = entry;
      const ours = () => entries.current.get(key) === entry && entry.queryGen === queryGen;
      setList(key, (view) => ({ ...view, loadingMore: true }));
      client.alerts({ ...entry.spec.query, limit: PAGE_SIZE, cursor }).then(
        (answer) => {
          if (ours()) {
            entry.loadingMore = false;
            setList(key, (view) => ({
              ...view,
              loadingMore: false,
              error: undefined,
              pages: view.pages && withNextPage(view.pages, answer),
            }));
          }
        },
        (err) => {
          if (ours()) {
            entry.loadingMore = false;
            setList(key, (view) => ({ ...view, loadingMore: false, error: toGatewayError(err).message }));
          }
        }
      );
    },
    [client, setList]
  );

  const wantedKey = JSON.stringify(wanted.map((s) => [s.key, s.query, s.facets ?? false]));
  useEffect(() => {
    const specs: ListSpec[] = JSON.parse(wantedKey).map(([key, query, facets]: [string, AlertListQuery, boolean]) => ({
      key,
      query,
      facets,
    }));
    const keep = new Set(specs.map((s) => s.key));
    for (const key of [...entries.current.keys()]) {
      if (!keep.has(key)) {
        entries.current.delete(key);
      }
    }
    const load: string[] = [];
    for (const spec of specs) {
      const queryKey = JSON.stringify([spec.query, spec.facets]);
      const entry = entries.current.get(spec.key);
      if (entry?.queryKey === queryKey) {
        continue;
      }
      entries.current.set(spec.key, {
        spec,
        queryKey,
        queryGen: (entry?.queryGen ?? 0) + 1,
        firstGen: 0,
        loadingMore: false,
      });
      load.push(spec.key);
    }
    setLists((all) => {
      const next: Record<string, ListView> = {};
      for (const key of keep) {
        // A new query never shows the previous one's rows under it.
        next[key] = load.includes(key) || !all[key] ? { loading: true, loadingMore: false } : all[key];
      }
      return next;
    });
    load.forEach(loadFirst);
  }, [wantedKey, loadFirst]);

  /** Reloads the first page of these lists (all when absent); deeper pages are kept. */
  const reload = useCallback(
    (keys?: Iterable<string>) => [...(keys ?? entries.current.keys())].forEach(loadFirst),
    [loadFirst]
  );

  /**
   * Applies live deltas to every loaded row by id, and answers which lists need their first page reloaded: those a
   * change may concern that they do not hold (a new alert, or one that moved to the top).
   */
  const applyLive = useCallback((deltas: readonly AlertDelta[]): string[] => {
    const stale: string[] = [];
    for (const [key, entry] of entries.current) {
      const loaded = new Set(shown.current[key]?.pages?.alerts.map((a) => a.id));
      if (deltas.some((d) => !loaded.has(d.id) && deltaMayMatch(d, entry.spec.query))) {
        stale.push(key);
      }
    }
    setLists((all) => {
      let changed = false;
      const next: Record<string, ListView> = {};
      for (const [key, view] of Object.entries(all)) {
        const alerts = view.pages && applyDeltas(view.pages.alerts, deltas);
        changed ||= alerts !== view.pages?.alerts;
        next[key] = alerts && alerts !== view.pages?.alerts ? { ...view, pages: { ...view.pages!, alerts } } : view;
      }
      return changed ? next : all;
    });
    return stale;
  }, []);

  /** An action's answer, patched into every list that holds the alert. */
  const patch = useCallback((changed: Alert) => {
    setLists((all) => {
      const next: Record<string, ListView> = {};
      for (const [key, view] of Object.entries(all)) {
        const alerts = view.pages && applyAlertChange(view.pages.alerts, changed);
        next[key] = alerts && alerts !== view.pages?.alerts ? { ...view, pages: { ...view.pages!, alerts } } : view;
      }
      return next;
    });
  }, []);

  return { lists, loadMore, reload, applyLive, patch };
}

/** The loaded alert with this id in any list, for the drawer. */
export function findLoaded(lists: Record<string, ListView>, id: string): Alert | undefined {
  for (const view of Object.values(lists)) {
    const found = view.pages?.alerts.find((a) => a.id === id);
    if (found) {
      return found;
    }
  }
  return undefined;
}
