/** The hour classes of alert fatigue, per rule, team and on-call shift alike. */
import type { HourClass } from '@opsdeck/contract';

/**
 * PagerDuty's Operational Reviews split: business hours 08–18 on weekdays, off hours 18–22 on weekdays and 08–22 at
 * weekends, sleep hours 22–08 every day; in the team's time zone.
 */
export function hourClass(t: number, timeZone: string): HourClass {
  const parts = formatterFor(timeZone).formatToParts(new Date(t));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const weekday = parts.find((p) => p.type === 'weekday')?.value;
  if (hour >= 22 || hour < 8) return 'sleep';
  if (weekday === 'Sat' || weekday === 'Sun') return 'off';
  return hour < 18 ? 'business' : 'off';
}

// Building a formatter costs far more than using one; a report classes every alert of a month.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
