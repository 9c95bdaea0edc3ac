import { type MaintenanceMirrors, type MaintenanceRecurrence, type MaintenanceWindow } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';

const MINUTE_MS = 60_000;

/** 0 = Sunday, as MaintenanceRecurrence.daysOfWeek counts. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** The order days are listed in: the working week first, as most people plan maintenance. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** "Every Monday and Wednesday at 02:00 UTC for 2 h"; the recurrence is stored in UTC, so it is shown in UTC. */
export function describeRecurrence(recurrence: MaintenanceRecurrence): string {
  const days = new Set(recurrence.daysOfWeek);
  let when: string;
  if (days.size === 7) {
    when = 'Every day';
  } else if (days.size === 5 && [1, 2, 3, 4, 5].every((d) => days.has(d))) {
    when = 'Every weekday';
  } else {
    const names = WEEK_ORDER.filter((d) => days.has(d)).map((d) => WEEKDAYS[d]);
    when = `Every ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
  }
  return `${when} at ${recurrence.startTime} UTC for ${formatDuration(recurrence.durationMinutes * MINUTE_MS, 'minute')}`;
}

/** What the window covers, services first: "checkout-api, team payments". */
export function describeCoverage(window: Pick<MaintenanceWindow, 'services' | 'teams'>): string {
  return [...window.services, ...window.teams.map((t) => `team ${t}`)].join(', ');
}

export interface TimeNote {
  text: string;
  /** True when an active window ends within the reminder lead time (the gateway's `expiring` event). */
  endingSoon: boolean;
}

/** The gateway reminds this long before a window ends (maintenanceService MAINTENANCE_REMINDER_MS). */
export const ENDING_SOON_MS = 15 * MINUTE_MS;

/** Time left or elapsed, in words, for the window's state at `now`. */
export function describeTimeLeft(window: MaintenanceWindow, now: number): TimeNote {
  switch (window.state) {
    case 'scheduled':
      return { text: `starts in ${formatDuration(window.startsAt - now, 'minute')}`, endingSoon: false };
    case 'active': {
      const left = Math.max(0, window.endsAt - now);
      const prefix = window.recurrence ? 'series ends in' : 'ends in';
      return { text: `${prefix} ${formatDuration(left, 'minute')}`, endingSoon: left <= ENDING_SOON_MS };
    }
    case 'ended':
      return { text: `ended early by ${window.endedBy ?? 'someone'}`, endingSoon: false };
    default:
      return { text: 'ran to its planned end', endingSoon: false };
  }
}

export interface MirrorLine {
  label: string;
  value: string;
}

const KNOWN_MIRRORS: Record<string, string> = {
  alertmanagerSilenceId: 'Alertmanager silence',
  pagerdutyMaintenanceWindowId: 'PagerDuty maintenance window',
};

/** "pagerdutyOccurrenceIds" → "Pagerduty occurrence ids": a readable label for a mirror field this page does not know. */
function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One mirror of a single occurrence of a recurring window, as the gateway reports it under `occurrence`. */
interface OccurrenceMirror {
  startsAt: number;
  endsAt: number;
  alertmanagerSilenceId?: string;
  pagerdutyMaintenanceWindowId?: string;
}

function isOccurrenceMirror(value: unknown): value is OccurrenceMirror {
  const v = value as Partial<OccurrenceMirror> | null;
  return typeof v === 'object' && v !== null && typeof v.startsAt === 'number' && typeof v.endsAt === 'number';
}

function describeValue(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Where the window is mirrored, one line per mirror; `errors` are not lines. A recurring window's mirrors are per
 * occurrence (`occurrence`, read by shape so this page works with gateways from before it existed), and fields added
 * to MaintenanceMirrors later are listed under a derived label rather than hidden.
 */
export function mirrorLines(mirrors: MaintenanceMirrors, formatInstant: (ms: number) => string): MirrorLine[] {
  const lines: MirrorLine[] = [];
  for (const [key, value] of Object.entries(mirrors as unknown as Record<string, unknown>)) {
    if (key === 'errors' || value === undefined || value === null || value === '') {
      continue;
    }
    if (key === 'occurrence' && isOccurrenceMirror(value)) {
      const span = `${formatInstant(value.startsAt)} → ${formatInstant(value.endsAt)}`;
      for (const [field, name] of Object.entries(KNOWN_MIRRORS)) {
        const id = (value as unknown as Record<string, unknown>)[field];
        if (typeof id === 'string' && id !== '') {
          lines.push({ label: `${name} (occurrence ${span})`, value: id });
        }
      }
      continue;
    }
    const label = KNOWN_MIRRORS[key] ?? humanise(key);
    if (Array.isArray(value)) {
      if (value.length > 0) {
        lines.push({ label, value: value.map(describeValue).join(', ') });
      }
    } else {
      lines.push({ label, value: describeValue(value) });
    }
  }
  return lines;
}
