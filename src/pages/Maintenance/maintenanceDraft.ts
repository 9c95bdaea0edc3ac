import { type CreateMaintenanceRequest } from '@opsdeck/contract';

const MINUTE_MS = 60_000;

/** Lengths offered for a window (or each occurrence of a recurring one), in minutes. */
export const DURATION_PRESETS = [30, 60, 120, 240, 480, 1440] as const;
/** Extensions offered on a window, in minutes. */
export const EXTEND_PRESETS = [30, 60] as const;

/** What the create form holds; times are the values of `datetime-local` inputs, i.e. the browser's local time. */
export interface MaintenanceDraft {
  services: string[];
  teams: string[];
  reason: string;
  startMode: 'now' | 'at';
  startAt: string;
  endMode: 'duration' | 'at';
  durationMinutes: number;
  endAt: string;
  recurring: boolean;
  /** 0 = Sunday. */
  daysOfWeek: number[];
  /** `HH:MM`, UTC (how the gateway stores a recurrence). */
  occurrenceStart: string;
}

export function emptyDraft(): MaintenanceDraft {
  return {
    services: [],
    teams: [],
    reason: '',
    startMode: 'now',
    startAt: '',
    endMode: 'duration',
    durationMinutes: 60,
    endAt: '',
    recurring: false,
    daysOfWeek: [],
    occurrenceStart: '02:00',
  };
}

/** The list with the item added, or removed when it is already there (a checkbox in a group). */
export const toggled = <T>(list: T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

export type DraftField = 'services' | 'reason' | 'startAt' | 'endAt' | 'daysOfWeek' | 'occurrenceStart';
export type DraftResult =
  { ok: true; request: CreateMaintenanceRequest } | { ok: false; field: DraftField; error: string };

/** Epoch ms of a `datetime-local` value (`YYYY-MM-DDTHH:MM`, local time), or undefined when empty or malformed. */
export function parseLocalDateTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
    return undefined;
  }
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** A `datetime-local` value for an instant, in the browser's local time. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fail = (field: DraftField, error: string): DraftResult => ({ ok: false, field, error });

/**
 * The request the form describes, or the first thing to fix. "Start now" sends no startsAt: the gateway's clock
 * decides, so a phone whose clock runs a little ahead does not create a window that is still "scheduled".
 */
export function draftToRequest(draft: MaintenanceDraft, now: number): DraftResult {
  if (draft.services.length === 0 && draft.teams.length === 0) {
    return fail('services', 'Pick at least one service or team.');
  }
  const reason = draft.reason.trim();
  if (reason === '') {
    return fail('reason', 'Give a reason: it is shown to whoever sees the suppressed alerts.');
  }
  let startsAt: number | undefined;
  if (draft.startMode === 'at') {
    startsAt = parseLocalDateTime(draft.startAt);
    if (startsAt === undefined) {
      return fail('startAt', 'Pick the start date and time.');
    }
  }
  const start = startsAt ?? now;
  const base = {
    ...(draft.services.length ? { services: draft.services } : {}),
    ...(draft.teams.length ? { teams: draft.teams } : {}),
    reason,
    ...(startsAt !== undefined ? { startsAt } : {}),
  };

  if (draft.recurring) {
    if (draft.daysOfWeek.length === 0) {
      return fail('daysOfWeek', 'Pick at least one day of the week.');
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.occurrenceStart)) {
      return fail('occurrenceStart', 'Give the start time as HH:MM (UTC).');
    }
    const endsAt = parseLocalDateTime(draft.endAt);
    if (endsAt === undefined) {
      return fail('endAt', 'Pick when the weekly series ends.');
    }
    if (endsAt <= Math.max(start, now)) {
      return fail('endAt', 'The series must end after it starts, in the future.');
    }
    const recurrence = {
      daysOfWeek: [...new Set(draft.daysOfWeek)].sort((a, b) => a - b),
      startTime: draft.occurrenceStart,
      durationMinutes: draft.durationMinutes,
    };
    return { ok: true, request: { ...base, endsAt, recurrence } };
  }

  const endsAt =
    draft.endMode === 'duration' ? start + draft.durationMinutes * MINUTE_MS : parseLocalDateTime(draft.endAt);
  if (endsAt === undefined) {
    return fail('endAt', 'Pick the end date and time.');
  }
  if (endsAt <= Math.max(start, now)) {
    return fail('endAt', 'The window must end after it starts, in the future.');
  }
  return { ok: true, request: { ...base, endsAt } };
}
