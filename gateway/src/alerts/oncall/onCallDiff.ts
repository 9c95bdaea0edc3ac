/**
 * What changed between two reads of who is on call: one change per escalation level (of one policy, through one
 * schedule) whose holders differ, with who left, who came and why. Pure: the watcher (onCallWatcher.ts) does the
 * reading and the appending.
 *
 * Why a change happened is read from the shift times the providers give, since none of them says "override" in its
 * on-call answer: a holder whose shift still had time left was overridden; someone an override displaced coming back
 * ends it; the planned next holder arriving (or any arrival after the shift ended) is a handover; anything else is a
 * roster change. A provider without shift times (Opsgenie, JSM) still gets handovers through its "next on call".
 */
import type { EscalationPolicyOnCall, OnCallChangedPayload, OnCallResponse, OnCallShift } from '@opsdeck/contract';

/** Who holds one escalation level now, and who is planned next (person ids). */
export interface OnCallAssignment {
  key: string;
  policy: { id: string; name: string };
  level: number;
  schedule?: { id: string; name: string };
  teams: string[];
  services: string[];
  /** Sorted by person id; never empty (a level nobody holds has no assignment). */
  holders: OnCallShift[];
  next: string[];
}

export type OnCallChange = Omit<OnCallChangedPayload, 'provider'> & { key: string };

/** Who an override displaced, per assignment key, until they are back: what tells an override's end from a handover. */
export type Displaced = Readonly<Record<string, readonly string[]>>;

export interface OnCallState {
  assignments: OnCallAssignment[];
  displaced: Displaced;
}

export function assignmentKey(policyId: string, level: number, scheduleId?: string): string {
  return JSON.stringify([policyId, level, scheduleId ?? '']);
}

/** The assignments of one on-call answer, sorted by key. */
export function assignmentsOf(response: Pick<OnCallResponse, 'policies'>): OnCallAssignment[] {
  return response.policies
    .flatMap((policy) => policy.layers.map((layer) => toAssignment(policy, layer)))
    .filter((a): a is OnCallAssignment => a !== undefined)
    .sort((a, b) => a.key.localeCompare(b.key));
}

function toAssignment(
  policy: EscalationPolicyOnCall,
  layer: EscalationPolicyOnCall['layers'][number]
): OnCallAssignment | undefined {
  const holders = uniqueByPerson(layer.now);
  if (holders.length === 0) return undefined;
  return {
    key: assignmentKey(policy.id, layer.level, layer.scheduleId),
    policy: { id: policy.id, name: policy.name },
    level: layer.level,
    ...(layer.scheduleId ? { schedule: { id: layer.scheduleId, name: layer.scheduleName ?? layer.scheduleId } } : {}),
    teams: policy.teams,
    services: policy.services,
    holders,
    next: [...new Set(layer.next.map((s) => s.person.id))].sort(),
  };
}

function uniqueByPerson(shifts: readonly OnCallShift[]): OnCallShift[] {
  const byId = new Map<string, OnCallShift>();
  for (const shift of shifts) if (!byId.has(shift.person.id)) byId.set(shift.person.id, shift);
  return [...byId.values()].sort((a, b) => a.person.id.localeCompare(b.person.id));
}

/** The changes from `before` to `after`, read at `at` (epoch ms), in key order; none when the holders are the same. */
export function diffOnCall(
  before: readonly OnCallAssignment[],
  after: readonly OnCallAssignment[],
  at: number,
  displaced: Displaced = {}
): OnCallChange[] {
  const was = new Map(before.map((a) => [a.key, a]));
  const is = new Map(after.map((a) => [a.key, a]));
  const keys = [...new Set([...was.keys(), ...is.keys()])].sort();
  return keys.flatMap((key): OnCallChange[] => {
    const old = was.get(key);
    const now = is.get(key);
    const oldIds = new Set(old?.holders.map((s) => s.person.id));
    const nowIds = new Set(now?.holders.map((s) => s.person.id));
    const left = (old?.holders ?? []).filter((s) => !nowIds.has(s.person.id));
    const came = (now?.holders ?? []).filter((s) => !oldIds.has(s.person.id));
    if (left.length === 0 && came.length === 0) return [];
    const about = (now ?? old) as OnCallAssignment;
    return [
      {
        key,
        change: reasonOf(old, now, left, came, at, displaced[key] ?? []),
        policy: about.policy,
        level: about.level,
        ...(about.schedule ? { schedule: about.schedule } : {}),
        teams: about.teams,
        services: about.services,
        left,
        came,
      },
    ];
  });
}

function reasonOf(
  old: OnCallAssignment | undefined,
  now: OnCallAssignment | undefined,
  left: OnCallShift[],
  came: OnCallShift[],
  at: number,
  displaced: readonly string[]
): OnCallChange['change'] {
  if (!old || !now) return 'roster-changed';
  if (came.some((s) => displaced.includes(s.person.id))) return 'override-ended';
  const cutShort = left.filter((s) => s.end !== undefined && s.end > at);
  if (cutShort.length > 0) {
    const latest = Math.max(...cutShort.map((s) => s.end as number));
    // A schedule edit also cuts a shift short, but hands the rest of it (or more) to someone else for good.
    const temporary = came.length > 0 && came.every((s) => s.end !== undefined && s.end <= latest);
    return temporary ? 'override-started' : 'roster-changed';
  }
  if (came.length > 0 && came.every((s) => old.next.includes(s.person.id))) return 'handover';
  if (left.length > 0 && left.every((s) => s.end !== undefined && s.end <= at)) return 'handover';
  return 'roster-changed';
}

/** `before` with the changes applied: who holds each level afterwards (the inverse of diffOnCall, on holders). */
export function applyChanges(
  before: readonly OnCallAssignment[],
  changes: readonly OnCallChange[]
): OnCallAssignment[] {
  const byKey = new Map(before.map((a) => [a.key, a]));
  for (const change of changes) {
    const current = byKey.get(change.key);
    const leaving = new Set(change.left.map((s) => s.person.id));
    const holders = uniqueByPerson([
      ...(current?.holders ?? []).filter((s) => !leaving.has(s.person.id)),
      ...change.came,
    ]);
    if (holders.length === 0) byKey.delete(change.key);
    else {
      const { key, policy, level, schedule, teams, services } = change;
      byKey.set(key, {
        key,
        policy,
        level,
        ...(schedule ? { schedule } : {}),
        teams,
        services,
        next: current?.next ?? [],
        holders,
      });
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** One watcher step: the changes since `state`, and the state to diff the next read against. */
export function stepOnCall(
  state: OnCallState,
  after: OnCallAssignment[],
  at: number
): { changes: OnCallChange[]; state: OnCallState } {
  const changes = diffOnCall(state.assignments, after, at, state.displaced);
  const displaced: Record<string, string[]> = {};
  const live = new Set(after.map((a) => a.key));
  for (const [key, ids] of Object.entries(state.displaced)) if (live.has(key)) displaced[key] = [...ids];
  for (const change of changes) {
    const back = new Set(change.came.map((s) => s.person.id));
    const still = (displaced[change.key] ?? []).filter((id) => !back.has(id));
    if (change.change === 'override-started') still.push(...change.left.map((s) => s.person.id));
    if (still.length > 0 && live.has(change.key)) displaced[change.key] = [...new Set(still)].sort();
    else delete displaced[change.key];
  }
  return { changes, state: { assignments: after, displaced } };
}
