import { useCallback, useEffect, useRef, useState } from 'react';
import { type Clock, type GatewayClient, systemClock, toGatewayError } from '@/api';
import { type AlertGroup, type AlertGroupsQuery } from '@opsdeck/contract';

/** Groups per request; "Show more groups" asks for the next ones by offset. */
export const GROUP_PAGE_SIZE = 100;
/** A reload asks for every group shown in one request, up to this many (the list API's ceiling). */
const MAX_GROUP_RELOAD = 1000;

export interface GroupsView {
  groups?: AlertGroup[];
  groupCount: number;
  total: number;
  loading: boolean;
  loadingMore: boolean;
  error?: string;
  updatedAt?: number;
}

/** A group's identity within one grouping: its key values. */
export const groupId = (group: Pick<AlertGroup, 'key'>) => group.key.join('\u001f');

/**
 * The alert groups for `query` (undefined: the page shows no groups), 100 at a time, more on demand. A reload asks
 * again for everything shown (one request), never more.
 */
export function useAlertGroups(client: GatewayClient, query: AlertGroupsQuery | undefined, clock: Clock = systemClock) {
  const initial: GroupsView = { groupCount: 0, total: 0, loading: query !== undefined, loadingMore: false };
  const [view, setView] = useState<GroupsView>(initial);
  const queryKey = query === undefined ? '' : JSON.stringify(query);
  const generation = useRef(0);
  const firstGen = useRef(0);
  const shown = useRef(view);
  shown.current = view;
  const now = useRef(clock);
  now.current = clock;

  const reload = useCallback(() => {
    if (!queryKey) {
      return;
    }
    const gen = generation.current;
    const mine = ++firstGen.current;
    const loaded = shown.current.groups?.length ?? 0;
    const limit = Math.min(MAX_GROUP_RELOAD, Math.max(GROUP_PAGE_SIZE, loaded));
    setView((v) => ({ ...v, loading: true }));
    client.alertGroups({ ...(JSON.parse(queryKey) as AlertGroupsQuery), limit, offset: 0 }).then(
      (answer) =>
        gen === generation.current &&
        mine === firstGen.current &&
        setView((v) => ({
          ...v,
          groups: answer.groups,
          groupCount: answer.groupCount,
          total: answer.total,
          loading: false,
          error: undefined,
          updatedAt: now.current.now(),
        })),
      (err) =>
        gen === generation.current &&
        mine === firstGen.current &&
        setView((v) => ({ ...v, loading: false, error: toGatewayError(err).message }))
    );
  }, [client, queryKey]);

  const loadMore = useCallback(() => {
    const current = shown.current;
    if (!queryKey || !current.groups || current.loadingMore || current.groups.length >= current.groupCount) {
      return;
    }
    const gen = generation.current;
    const offset = current.groups.length;
    setView((v) => ({ ...v, loadingMore: true }));
    client.alertGroups({ ...(JSON.parse(queryKey) as AlertGroupsQuery), limit: GROUP_PAGE_SIZE, offset }).then(
      (answer) =>
        gen === generation.current &&
        setView((v) => {
          // Offsets shift when groups come and go meanwhile: a group already shown is not shown twice.
          const ids = new Set(v.groups?.map(groupId));
          const added = answer.groups.filter((g) => !ids.has(groupId(g)));
          return {
            ...v,
            groups: [...(v.groups ?? []), ...added],
            groupCount: answer.groupCount,
            total: answer.total,
            loadingMore: false,
            error: undefined,
          };
        }),
      (err) =>
        gen === generation.current && setView((v) => ({ ...v, loadingMore: false, error: toGatewayError(err).message }))
    );
  }, [client, queryKey]);

  useEffect(() => {
    generation.current++;
    setView({ groupCount: 0, total: 0, loading: queryKey !== '', loadingMore: false });
    shown.current = { groupCount: 0, total: 0, loading: true, loadingMore: false };
    reload();
  }, [queryKey, reload]);

  return { ...view, reload, loadMore };
}
