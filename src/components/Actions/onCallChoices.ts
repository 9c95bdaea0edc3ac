import { type EscalationPolicyOnCall, type OnCallPerson, type OnCallResponse } from '@opsdeck/contract';
import { type ActionTarget } from './actionLogic';

/** Whether a policy is the one the target's service or team is routed to. */
const covers = (policy: EscalationPolicyOnCall, target: Pick<ActionTarget, 'service' | 'team'>) =>
  (target.service !== undefined && policy.services.includes(target.service)) ||
  (target.team !== undefined && policy.teams.includes(target.team));

/** The policies of GET /api/oncall, those covering the target's service or team first (otherwise as listed). */
export function policiesFor(
  policies: readonly EscalationPolicyOnCall[],
  target: Pick<ActionTarget, 'service' | 'team'>
): EscalationPolicyOnCall[] {
  return [...policies.filter((p) => covers(p, target)), ...policies.filter((p) => !covers(p, target))];
}

export interface AssigneeChoice {
  person: OnCallPerson;
  /** Where the person is on call: "payments on-call, level 1 now". */
  where: string;
  /** On the policy covering the target. */
  own: boolean;
}

/**
 * Everyone the policies name, once each: the target's own policies first, and within a policy by level, on call
 * now before next. The person on call now at the first level of the target's policy is the likeliest choice.
 */
export function assigneeChoices(
  policies: readonly EscalationPolicyOnCall[],
  target: Pick<ActionTarget, 'service' | 'team'>
): AssigneeChoice[] {
  const seen = new Map<string, AssigneeChoice>();
  for (const policy of policiesFor(policies, target)) {
    const layers = [...policy.layers].sort((a, b) => a.level - b.level);
    for (const when of ['now', 'next'] as const) {
      for (const layer of layers) {
        for (const { person } of layer[when]) {
          if (!seen.has(person.id)) {
            seen.set(person.id, {
              person,
              where: `${policy.name}, level ${layer.level} ${when}`,
              own: covers(policy, target),
            });
          }
        }
      }
    }
  }
  return [...seen.values()];
}

/** A policy's levels, lowest first, with who is on call at each now. */
export function levelsOf(policy: EscalationPolicyOnCall): Array<{ level: number; people: string[] }> {
  return [...policy.layers]
    .sort((a, b) => a.level - b.level)
    .map((layer) => ({ level: layer.level, people: layer.now.map((s) => s.person.name) }));
}

/**
 * Whether GET /api/oncall names people by the ids the target's source assigns to: the gateway reads on-call from one
 * source only (PagerDuty, else Opsgenie, else JSM, else the demo roster), so an Opsgenie alert on a gateway whose
 * roster is PagerDuty's gets its assignee typed in instead.
 */
export function rosterAssigns(
  provider: OnCallResponse['provider'],
  target: Pick<ActionTarget, 'source' | 'demo'>
): boolean {
  return target.demo ? provider === 'demo' : provider === target.source;
}

/** What the assignee is called at a source that is not the roster's. */
export const ASSIGNEE_ID_LABELS: Partial<Record<ActionTarget['source'], string>> = {
  pagerduty: 'PagerDuty user id',
  opsgenie: 'Opsgenie username (email) or user id',
  jsm: 'Atlassian account id',
};
