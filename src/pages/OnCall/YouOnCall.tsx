import { Alert as Notice } from '@grafana/ui';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { type OnCallDuty, type OnCallYou } from '@opsdeck/contract';

function duty(d: OnCallDuty, when: 'now' | 'next'): string {
  const where = `${d.policyName}, level ${d.level}${d.scheduleName && d.scheduleName !== d.policyName ? ` (${d.scheduleName})` : ''}`;
  if (when === 'now') return d.end === undefined ? where : `${where} until ${formatDateTime(d.end)}`;
  return d.start === undefined ? where : `${where} from ${formatDateTime(d.start)}`;
}

/**
 * "You are on call" for the signed-in Grafana user, as the gateway matched the login to a roster email. Nothing when
 * the login maps to no email: the page cannot tell, and saying "not on call" would be a guess.
 */
export function YouOnCall({ you }: { you?: OnCallYou }) {
  if (!you?.email) {
    return null;
  }
  if (you.now.length > 0) {
    return (
      <Notice severity="warning" title="You are on call" data-testid={testIds.onCall.you}>
        {you.now.map((d) => duty(d, 'now')).join('; ')}
        {you.next.length > 0 && `. Next: ${you.next.map((d) => duty(d, 'next')).join('; ')}`}
      </Notice>
    );
  }
  return (
    <Notice severity="info" title={you.next.length > 0 ? 'You are on call next' : 'You are not on call'} data-testid={testIds.onCall.you}>
      {you.next.length > 0 ? you.next.map((d) => duty(d, 'next')).join('; ') : `Nobody on call now or next is ${you.email}.`}
    </Notice>
  );
}
