/**
 * "You are on call": the signed-in Grafana login mapped to an email (OPSDECK_ONCALL_EMAIL_BY_USER, then
 * OPSDECK_PAGERDUTY_FROM_BY_USER, then the login itself when it is an email), and the escalation levels that email
 * holds now and next in an on-call answer. Pure.
 */
import type { OnCallDuty, OnCallPerson, OnCallResponse, OnCallShift, OnCallYou } from '@opsdeck/contract';

/** Login → email; the on-call setting wins over the PagerDuty one for the same login. */
export function emailByLogin(...maps: Array<Record<string, string>>): Record<string, string> {
  return Object.assign({}, ...maps.slice().reverse());
}

export function youOf(response: OnCallResponse, login: string, emails: Record<string, string>): OnCallYou {
  const email = Object.hasOwn(emails, login) ? emails[login] : login.includes('@') ? login : undefined;
  if (!email) return { login, now: [], next: [] };
  const mine = (shift: OnCallShift) => isPerson(shift.person, email);
  const now: OnCallDuty[] = [];
  const next: OnCallDuty[] = [];
  for (const policy of response.policies) {
    for (const layer of policy.layers) {
      const duty = (shift: OnCallShift): OnCallDuty => ({
        policyId: policy.id,
        policyName: policy.name,
        level: layer.level,
        ...(layer.scheduleName ? { scheduleName: layer.scheduleName } : {}),
        ...(shift.start === undefined ? {} : { start: shift.start }),
        ...(shift.end === undefined ? {} : { end: shift.end }),
      });
      now.push(...layer.now.filter(mine).map(duty));
      next.push(...layer.next.filter(mine).map(duty));
    }
  }
  return { login, email, now, next };
}

function isPerson(person: OnCallPerson, email: string): boolean {
  const wanted = email.toLowerCase();
  return [person.email, person.id, ...person.contacts.filter((c) => c.type === 'email').map((c) => c.address)].some(
    (address) => address?.toLowerCase() === wanted
  );
}
