import { useCallback, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, useGatewayQuery } from '@/api';
import { type MaintenanceChangedPayload, type MaintenanceWindow, type StaleMaintenanceWindow } from '@opsdeck/contract';
import { type ListView, upsertWindow, LIST_VIEW_STATES } from './windowList';

/** A full reload is the safety net for anything the live stream missed, and moves windows between states. */
export const MAINTENANCE_REFRESH_MS = 60_000;
/** Several events in a burst lead to one reload. */
export const LIVE_RELOAD_DEBOUNCE_MS = 100;

interface MaintenanceLists {
  windows: MaintenanceWindow[];
  stale: StaleMaintenanceWindow[];
}

async function loadLists(client: GatewayClient, view: ListView): Promise<MaintenanceLists> {
  const [list, stale] = await Promise.all([
    client.maintenanceWindows(LIST_VIEW_STATES[view]),
    client.staleMaintenance(),
  ]);
  return { windows: list.windows, stale: stale.windows };
}

/** The lists with a window as an event or a write answered it, before the reload confirms it. */
function withWindow(lists: MaintenanceLists, window: MaintenanceWindow): MaintenanceLists {
  return {
    windows: upsertWindow(lists.windows, window),
    stale: lists.stale.map((entry) => (entry.window.id === window.id ? { ...entry, window } : entry)),
  };
}

/** What the `expiring` reminders become after a change of this window. */
function remindersAfter(
  reminders: MaintenanceWindow[],
  { window, change }: MaintenanceChangedPayload
): MaintenanceWindow[] {
  if (change === 'expiring') {
    return upsertWindow(reminders, window);
  }
  // Extended or ended: the reminder no longer holds. A mirror copied to an upstream changes nothing here.
  return change === 'mirrored' ? reminders : reminders.filter((w) => w.id !== window.id);
}

/**
 * The windows of a view and the stale list, kept current: a changed window is patched in at once from its live
 * event (or a write's answer), then both lists are reloaded shortly after and every minute.
 */
export function useMaintenance(client: GatewayClient, view: ListView, eventSources?: EventSourceFactory) {
  /** Windows the gateway sent an `expiring` reminder for while the page was open. */
  const [reminders, setReminders] = useState<MaintenanceWindow[]>([]);
  const lists = useGatewayQuery(client, (gateway) => loadLists(gateway, view), {
    key: view,
    onNewKey: 'keep',
    pollMs: MAINTENANCE_REFRESH_MS,
    liveEvents: ['maintenance.changed'],
    onLiveEvent: (event) => {
      const payload = event.payload as MaintenanceChangedPayload | undefined;
      if (payload?.window) {
        setReminders((current) => remindersAfter(current, payload));
        lists.update((current) => withWindow(current, payload.window));
      }
    },
    settleMs: LIVE_RELOAD_DEBOUNCE_MS,
    eventSources,
  });
  const { update, refresh, refreshSoon } = lists;

  /** Shows a window as a write answered it, then reloads once changes settle. */
  const patch = useCallback(
    (window: MaintenanceWindow) => {
      update((current) => withWindow(current, window));
      refreshSoon();
    },
    [update, refreshSoon]
  );

  const dismissReminder = useCallback(
    (id: string) => setReminders((current) => current.filter((w) => w.id !== id)),
    []
  );

  return {
    windows: lists.data?.windows,
    stale: lists.data?.stale,
    error: lists.error,
    loading: lists.loading,
    reminders,
    reload: refresh,
    patch,
    dismissReminder,
  };
}
