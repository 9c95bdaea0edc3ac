import fc from 'fast-check';
import {
  breakerAllows,
  breakerOnFailure,
  breakerOnSuccess,
  CircuitBreakers,
  CircuitOpenError,
  CLOSED,
  type BreakerState,
} from './circuitBreaker';

const policy = { failureThreshold: 3, coolDownMs: 1000 };

describe('circuit breaker state machine', () => {
  it('opens after the threshold, probes once after the cool-down, closes on success', () => {
    let s: BreakerState = CLOSED;
    s = breakerOnFailure(s, 0, policy);
    s = breakerOnFailure(s, 0, policy);
    expect(breakerAllows(s, 0, policy).allowed).toBe(true);
    s = breakerOnFailure(s, 10, policy);
    expect(s).toEqual({ status: 'open', openedAtMs: 10 });
    expect(breakerAllows(s, 500, policy).allowed).toBe(false);
    const probe = breakerAllows(s, 1010, policy);
    expect(probe).toEqual({ allowed: true, state: { status: 'half_open' } });
    expect(breakerAllows(probe.state, 1011, policy).allowed).toBe(false);
    expect(breakerOnFailure(probe.state, 1020, policy)).toEqual({ status: 'open', openedAtMs: 1020 });
    expect(breakerOnSuccess()).toEqual(CLOSED);
  });

  it('never lets a call through while open and cooling down', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('fail' as const), dt: fc.integer({ min: 0, max: 800 }) }),
      fc.record({ kind: fc.constant('ok' as const), dt: fc.integer({ min: 0, max: 800 }) }),
      fc.record({ kind: fc.constant('ask' as const), dt: fc.integer({ min: 0, max: 800 }) })
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 100 }), (events) => {
        let s: BreakerState = CLOSED;
        let now = 0;
        for (const e of events) {
          now += e.dt;
          if (e.kind === 'fail') s = breakerOnFailure(s, now, policy);
          else if (e.kind === 'ok') s = breakerOnSuccess();
          else {
            const before = s;
            const d = breakerAllows(s, now, policy);
            if (before.status === 'open' && now - before.openedAtMs < policy.coolDownMs) expect(d.allowed).toBe(false);
            if (before.status === 'closed') expect(d.allowed).toBe(true);
            s = d.state;
          }
          if (s.status === 'closed') expect(s.consecutiveFailures).toBeLessThan(policy.failureThreshold);
        }
      })
    );
  });
});

describe('CircuitBreakers', () => {
  it('keeps one breaker per key', async () => {
    let now = 0;
    const breakers = new CircuitBreakers(policy, () => now);
    const fail = () => Promise.reject(new Error('5xx'));
    for (let i = 0; i < 3; i++) await expect(breakers.call('a/eu-west-1/GetMetricData', fail)).rejects.toThrow('5xx');
    await expect(breakers.call('a/eu-west-1/GetMetricData', async () => 1)).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(breakers.call('a/us-east-1/GetMetricData', async () => 2)).resolves.toBe(2);
    now = 1000;
    await expect(breakers.call('a/eu-west-1/GetMetricData', async () => 3)).resolves.toBe(3);
    expect(breakers.get('a/eu-west-1/GetMetricData')).toEqual(CLOSED);
  });
});
