import { timelineText } from './actionService';

describe('escalation timeline text', () => {
  it('names the policy and level the provider chose, and who moved it', () => {
    const text = timelineText(
      { action: 'escalate', escalation: 'demo-payments', reason: 'need the lead' },
      { provider: 'opsdeck', escalatedTo: { policy: 'payments on-call', level: 2, by: 'demo' } }
    );
    expect(text).toBe('Escalated to payments on-call, level 2: need the lead (demo)');
  });

  it('falls back to what was asked where the provider does not say', () => {
    expect(timelineText({ action: 'escalate', escalation: 'PPOL01', level: 2 }, { provider: 'pagerduty' })).toBe(
      'Escalated to PPOL01, level 2 (pagerduty)'
    );
    expect(timelineText({ action: 'escalate', level: 3 }, { provider: 'opsgenie' })).toBe(
      'Escalated to level 3 (opsgenie)'
    );
    expect(timelineText({ action: 'escalate' }, { provider: 'jsm' })).toBe('Escalated (jsm)');
  });
});
