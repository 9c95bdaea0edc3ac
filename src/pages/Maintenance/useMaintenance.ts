import { useCallback, useEffect, useRef, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, toGatewayError, useLiveEvents } from '@/api';
import { type MaintenanceChangedPayload, type MaintenanceWindow, type StaleMaintenanceWindow } from '@opsdeck/contract';
import { type ListView, upsertWindow, LIST_VIEW_STATES } from './windowList';

/** A full reload is the safety net for anything the live stream missed, and moves windows between states. */
export const MAINTENANCE_REFRESH_MS = 60_000;
/** Several events in a burst lead to one reload. */
export const LIVE_RELOAD_DEBOUNCE_MS = 100;

export interface MaintenancePageState {
  windows?: MaintenanceWindow[];
  stale?: StaleMaintenanceWindow[];
  error?: string;
  loading: boolean;
  /** Windows the gateway sent an `expiring` reminder for while the page was open. */
  reminders: MaintenanceWindow[];
}

/**
 * The windows of a view and the stale list, kept current: a changed window is patched in at once from its live
 * event (or a write's answer), then both lists are reloaded shortly after and every minute.
 */
export function useMaintenance(client: GatewayClient, view: ListView, eventSources?: EventSourceFactory) {
  const [state, setState] = useState<MaintenancePageState>({ loading: true, reminders: [] });
  const generation = useRef(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();

  const reload = useCallback(() => {
    // A slower answer for the other view must never overwrite the one now shown.
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    Promise.all([client.maintenanceWindows(LIST_VIEW_STATES[view]), client.staleMaintenance()]).then(
      ([list, stale]) =>
        mine === generation.current &&
        setState((s) => ({ ...s, windows: list.windows, stale: stale.windows, loading: false, error: undefined })),
      (err) =>
        mine === generation.current && setState((s) => ({ ...s, loading: false, error: toGatewayError(err).message }))
    );
  }, [client, view]);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, MAINTENANCE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(reloadTimer.current);
      generation.current++;
    };
  }, [reload]);

  const scheduleReload = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(reload, LIVE_RELOAD_DEBOUNCE_MS);
  }, [reload]);

  /** Shows a window as a write answered it, before the reload confirms it. */
  const patch = useCallback(
    (window: MaintenanceWindow) => {
      setState((s) => ({
        ...s,
        windows: upsertWindow(s.windows ?? [], window),
        stale: s.stale?.map((entry) => (entry.window.id === window.id ? { ...entry, window } : entry)),
      }));
      scheduleReload();
    },
    [scheduleReload]
  );

  const dismissReminder = useCallback(
    (id: string) => setState((s) => ({ ...s, reminders: s.reminders.filter((w) => w.id !== id) })),
    []
  );

  useLiveEvents(
    client,
    ['maintenance.changed'],
    (event) => {
      const payload = event.payload as MaintenanceChangedPayload | undefined;
      if (payload?.window) {
        const { window, change } = payload;
        setState((s) => ({
          ...s,
          reminders:
            change === 'expiring'
              ? upsertWindow(s.reminders, window)
              : change === 'mirrored'
                ? s.reminders
                : // Extended or ended: the reminder no longer holds.
                  s.reminders.filter((w) => w.id !== window.id),
        }));
        patch(window);
      } else {
        scheduleReload();
      }
    },
    eventSources
  );

  return { ...state, reload, patch, dismissReminder };
}
