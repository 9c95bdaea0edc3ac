import { mayClaimTick, mayTake, tickOf, tokenAfterTake, type LeaseRow } from './leaseRules';

const row = (over: Partial<LeaseRow> = {}): LeaseRow => ({
  holder: 'a',
  token: 3,
  expiresAt: 10_000,
  lastTick: 7,
  ...over,
});

describe('lease rules', () => {
  it('numbers ticks by wall clock and interval, alike on every replica', () => {
    expect(tickOf(59_999, 60_000)).toBe(0);
    expect(tickOf(60_000, 60_000)).toBe(1);
    expect(tickOf(125_000, 5_000)).toBe(25);
  });

  it('lets the holder renew at any time and anyone take an expired lease', () => {
    expect(mayTake(row(), 'a', 5_000)).toBe(true);
    expect(mayTake(row(), 'b', 9_999)).toBe(false);
    expect(mayTake(row(), 'b', 10_000)).toBe(true);
  });

  it('keeps the token on renewal and raises it on takeover', () => {
    expect(tokenAfterTake(row(), 'a')).toBe(3);
    expect(tokenAfterTake(row(), 'b')).toBe(4);
  });

  it('claims a tick once, only under the current token and before expiry', () => {
    expect(mayClaimTick(row(), 'a', 3, 8, 5_000)).toBe(true);
    expect(mayClaimTick(row(), 'a', 3, 7, 5_000)).toBe(false);
    expect(mayClaimTick(row(), 'a', 2, 8, 5_000)).toBe(false);
    expect(mayClaimTick(row(), 'b', 3, 8, 5_000)).toBe(false);
    expect(mayClaimTick(row(), 'a', 3, 8, 10_000)).toBe(false);
  });

  it('refuses a paused leader the tick its successor ran', () => {
    // a held token 3 until 10 s, paused; b took over at 12 s (token 4) and ran tick 9.
    const afterTakeover = row({ holder: 'b', token: 4, expiresAt: 22_000, lastTick: 9 });
    expect(mayClaimTick(afterTakeover, 'a', 3, 9, 13_000)).toBe(false);
    expect(mayClaimTick(afterTakeover, 'a', 3, 10, 13_000)).toBe(false);
    expect(mayClaimTick(afterTakeover, 'b', 4, 10, 13_000)).toBe(true);
  });
});
