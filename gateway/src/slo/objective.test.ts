import { checkObjective } from './objective';

describe('checkObjective', () => {
  it('accepts each SLI kind and defaults the window to 30 days', () => {
    expect(checkObjective({ id: 'availability', sli: { kind: 'availability' }, target: 0.999 })).toEqual({
      ok: true,
      objective: { id: 'availability', sli: { kind: 'availability' }, target: 0.999, windowDays: 30 },
    });
    expect(
      checkObjective({ id: 'fast', sli: { kind: 'latency', thresholdMs: 300 }, target: 0.99, windowDays: 28 })
    ).toMatchObject({ ok: true, objective: { windowDays: 28 } });
    expect(
      checkObjective({ id: 'p99', sli: { kind: 'latency-percentile', thresholdMs: 800 }, target: 0.95, windowDays: 7 })
    ).toMatchObject({ ok: true, objective: { sli: { kind: 'latency-percentile', thresholdMs: 800 } } });
  });

  it.each([
    [{ sli: { kind: 'availability' }, target: 0.999 }, 'id', 'missing'],
    [{ id: 'a', sli: { kind: 'availability' }, target: 99.9 }, 'target', 'expected a number between 0 and 1'],
    [{ id: 'a', sli: { kind: 'availability' }, target: 1 }, 'target', 'expected a number between 0 and 1'],
    [{ id: 'a', sli: { kind: 'availability' }, target: 0.99, windowDays: 14 }, 'windowDays', 'expected 7, 28, 30 days'],
    [{ id: 'a', sli: { kind: 'uptime' }, target: 0.99 }, 'sli.kind', 'expected kind availability, latency'],
    [{ id: 'a', sli: { kind: 'latency' }, target: 0.99 }, 'sli.thresholdMs', 'missing'],
    [
      { id: 'a', sli: { kind: 'latency', thresholdMs: -5 }, target: 0.99 },
      'sli.thresholdMs',
      'expected milliseconds > 0',
    ],
    [{ id: 'a', sli: { kind: 'availability' }, target: 0.99, windowDay: 7 }, 'windowDay', 'unknown field'],
    [{ id: 'Checkout API', sli: { kind: 'availability' }, target: 0.99 }, 'id', 'expected a lower-case id'],
  ])('names the field in error: %j', (input, field, detail) => {
    const result = checkObjective(input);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ field });
    expect(result.ok === false && result.detail).toContain(detail);
  });
});
