/**
 * Alertmanager silences as the demo's stand-in keeps them, with Alertmanager's rules (API v2, `silence` and
 * `matcher` in its OpenAPI spec): a silence mutes an alert when every matcher matches the alert's labels, a label the
 * alert lacks counts as the empty string, regex matchers are anchored at both ends, `isEqual: false` negates; it is
 * `pending` before startsAt, `active` until endsAt, then `expired` (endsAt is exclusive).
 */
import type { SilenceMatcher, SilenceSpec } from '../alertmanager/client';

export type SilenceState = 'pending' | 'active' | 'expired';

export interface DemoSilence extends Required<Omit<SilenceSpec, 'id'>> {
  id: string;
}

export function silenceState(silence: Pick<DemoSilence, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < silence.startsAt) return 'pending';
  return now < silence.endsAt ? 'active' : 'expired';
}

export function matcherMatches(matcher: SilenceMatcher, labels: Record<string, string>): boolean {
  const value = labels[matcher.name] ?? '';
  const equal = matcher.isRegex ? anchored(matcher.value).test(value) : value === matcher.value;
  return matcher.isEqual === false ? !equal : equal;
}

export function silenceMatches(silence: Pick<DemoSilence, 'matchers'>, labels: Record<string, string>): boolean {
  return silence.matchers.every((m) => matcherMatches(m, labels));
}

/** The silences muting an alert with these labels now. */
export function activeSilencesFor(
  silences: readonly DemoSilence[],
  labels: Record<string, string>,
  now: number
): DemoSilence[] {
  return silences.filter((s) => silenceState(s, now) === 'active' && silenceMatches(s, labels));
}

/** A snooze's silence: equality matchers on every label of the alert, so it mutes that alert and its twins only. */
export function exactMatchers(labels: Record<string, string>): SilenceMatcher[] {
  return Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

function anchored(pattern: string): RegExp {
  // Alertmanager anchors matcher regexes (Prometheus' label-matcher rules); an invalid one matches nothing.
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return /(?!)/;
  }
}
