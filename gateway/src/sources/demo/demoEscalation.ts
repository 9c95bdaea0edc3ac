/**
 * Escalating and reassigning on the demo on-call roster (alerts/oncall/demoRoster.ts): pure choices over the
 * policies GET /api/oncall shows, so what the demo does is what the On-call page says.
 */
import type { EscalationPolicyOnCall, OnCallPerson } from '@opsdeck/contract';
import { ActionInputError, ActionNotSupportedError } from '../../upstream/incidentActions';

export interface EscalationPosition {
  policyId: string;
  level: number;
}

export interface EscalationStep extends EscalationPosition {
  policyName: string;
  people: OnCallPerson[];
}

/**
 * Where an escalation goes: a chosen policy (`escalation` = its id) at `level` (default 1); otherwise the policy the
 * alert is at (or its service's) at `level`, default the next one. Unknown policies or levels are bad input (400);
 * the last level has nowhere further to go (409).
 */
export function escalationStep(
  policies: readonly EscalationPolicyOnCall[],
  service: string | undefined,
  current: EscalationPosition | undefined,
  asked: { level?: number; escalation?: string }
): EscalationStep {
  const policyId = asked.escalation ?? current?.policyId;
  const policy = policyId
    ? policies.find((p) => p.id === policyId)
    : policies.find((p) => service !== undefined && p.services.includes(service));
  if (!policy) {
    throw new ActionInputError(
      asked.escalation
        ? `no on-call policy ${asked.escalation}; the demo has ${policies.map((p) => p.id).join(', ')}`
        : `no on-call policy covers ${service ?? 'this alert'}: name one in escalation`
    );
  }
  const last = Math.max(...policy.layers.map((l) => l.level));
  const level = asked.level ?? (asked.escalation ? 1 : (current?.level ?? 1) + 1);
  if (asked.level === undefined && level > last) {
    throw new ActionNotSupportedError(`already at the last level (${last}) of ${policy.name}`);
  }
  const layer = policy.layers.find((l) => l.level === level);
  if (!layer) throw new ActionInputError(`level: ${policy.name} has levels 1 to ${last}`);
  return { policyId: policy.id, policyName: policy.name, level, people: layer.now.map((s) => s.person) };
}

/** Everyone the roster names, on call now or next, once each. */
export function rosterPeople(policies: readonly EscalationPolicyOnCall[]): OnCallPerson[] {
  const people = new Map<string, OnCallPerson>();
  for (const layer of policies.flatMap((p) => p.layers)) {
    for (const shift of [...layer.now, ...layer.next]) people.set(shift.person.id, shift.person);
  }
  return [...people.values()];
}
