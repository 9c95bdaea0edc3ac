/**
 * Who is on call now and next, per escalation policy and level, from PagerDuty's oncalls (with users and their
 * contact methods), schedules and escalation policies; policies are tied to catalog services by PagerDuty service id.
 */
import type {
  CatalogService,
  EscalationPolicyOnCall,
  OnCallContact,
  OnCallLayer,
  OnCallPerson,
  OnCallResponse,
  OnCallShift,
} from '@opsdeck/contract';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import type { PdContactMethod, PdOnCall, PdUser } from '../../sources/pagerduty/types';
import { lookup } from '../../upstream/parse/lookup';

/** How far ahead "next" looks. */
const LOOKAHEAD_MS = 14 * 86_400_000;

export async function pagerDutyOnCall(
  client: PagerDutyClient,
  catalog: CatalogService[],
  now: number
): Promise<OnCallResponse> {
  const [policies, schedules, oncalls] = await Promise.all([
    client.listEscalationPolicies(),
    client.listSchedules(),
    client.listOnCalls(new Date(now).toISOString(), new Date(now + LOOKAHEAD_MS).toISOString()),
  ]);
  const scheduleNames = new Map(schedules.map((s) => [s.id, s.name]));
  const result: EscalationPolicyOnCall[] = policies.map((policy) => {
    const serviceIds = new Set((policy.services ?? []).map((s) => s.id));
    const services = catalog.filter((s) => s.pagerdutyServiceId && serviceIds.has(s.pagerdutyServiceId));
    const entries = oncalls.filter((o) => o.escalation_policy.id === policy.id);
    return {
      id: policy.id,
      name: policy.name,
      teams: [...new Set(services.map((s) => s.team))].sort(),
      services: services.map((s) => s.name).sort(),
      steps: policy.escalation_rules.map((rule, index) => ({
        level: index + 1,
        delayMinutes: rule.escalation_delay_in_minutes,
        targets: rule.targets.map((t) => ({
          type: t.type.startsWith('schedule') ? ('schedule' as const) : ('user' as const),
          id: t.id,
          name: t.summary ?? scheduleNames.get(t.id) ?? t.id,
        })),
      })),
      layers: layersOf(entries, scheduleNames, now),
    };
  });
  return { provider: 'pagerduty', generatedAt: now, policies: result.sort((a, b) => a.name.localeCompare(b.name)) };
}

function layersOf(entries: PdOnCall[], scheduleNames: Map<string, string>, now: number): OnCallLayer[] {
  const groups = new Map<string, PdOnCall[]>();
  for (const entry of entries) {
    const key = `${entry.escalation_level}|${entry.schedule?.id ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const layers = [...groups.values()].map((group): OnCallLayer => {
    const shifts = group.map(toShift);
    const current = shifts.filter((s) => (s.start ?? -Infinity) <= now && now < (s.end ?? Infinity));
    const upcomingStarts = shifts.map((s) => s.start).filter((t): t is number => t !== undefined && t > now);
    const nextStart = upcomingStarts.length > 0 ? Math.min(...upcomingStarts) : undefined;
    const schedule = group[0].schedule;
    return {
      level: group[0].escalation_level,
      ...(schedule
        ? { scheduleId: schedule.id, scheduleName: scheduleNames.get(schedule.id) ?? schedule.summary ?? schedule.id }
        : {}),
      now: current,
      next: nextStart === undefined ? [] : shifts.filter((s) => s.start === nextStart),
    };
  });
  return layers.sort((a, b) => a.level - b.level || (a.scheduleName ?? '').localeCompare(b.scheduleName ?? ''));
}

function toShift(entry: PdOnCall): OnCallShift {
  return {
    person: toPerson(entry.user),
    ...(entry.start ? { start: Date.parse(entry.start) } : {}),
    ...(entry.end ? { end: Date.parse(entry.end) } : {}),
  };
}

function toPerson(user: PdUser): OnCallPerson {
  const contacts = (user.contact_methods ?? []).map(toContact).filter((c): c is OnCallContact => c !== undefined);
  if (user.email && !contacts.some((c) => c.type === 'email' && c.address === user.email)) {
    contacts.unshift({ type: 'email', address: user.email });
  }
  return {
    id: user.id,
    name: user.name ?? user.summary ?? user.id,
    ...(user.email ? { email: user.email } : {}),
    contacts,
  };
}

const CONTACT_TYPES: Record<string, OnCallContact['type']> = {
  email_contact_method: 'email',
  phone_contact_method: 'phone',
  sms_contact_method: 'sms',
  push_notification_contact_method: 'push',
};

function toContact(method: PdContactMethod): OnCallContact | undefined {
  const type = lookup(CONTACT_TYPES, method.type);
  if (!type || !method.address) return undefined;
  const address =
    (type === 'phone' || type === 'sms') && method.country_code
      ? `+${method.country_code} ${method.address}`
      : method.address;
  return { type, address, ...(method.label ? { label: method.label } : {}) };
}
