import { decodeShared, encodeShared, parseSharedEntry } from './sharedJson';

describe('shared cache JSON', () => {
  it('keeps nested Maps as Maps, and plain values as they were', () => {
    const value = {
      days: ['2026-11-01'],
      byGroup: new Map([['checkout-api', new Map([['2026-11-01', 12.5]])]]),
      series: { timestamps: [1, 2], values: [3, null] },
    };
    const back = decodeShared(encodeShared(value)) as typeof value;
    expect(back).toEqual(value);
    expect(back.byGroup.get('checkout-api')).toBeInstanceOf(Map);
  });

  it('treats anything but a well-formed entry as a miss', () => {
    expect(parseSharedEntry(encodeShared({ value: 1, fetchedAtMs: 2, freshUntilMs: 3 }))).toEqual({
      value: 1,
      fetchedAtMs: 2,
      freshUntilMs: 3,
    });
    expect(parseSharedEntry(null)).toBeUndefined();
    expect(parseSharedEntry('{not json')).toBeUndefined();
    expect(parseSharedEntry('{"value":1,"fetchedAtMs":"2","freshUntilMs":3}')).toBeUndefined();
    expect(parseSharedEntry('{"fetchedAtMs":2,"freshUntilMs":3}')).toBeUndefined();
    expect(parseSharedEntry('[1,2]')).toBeUndefined();
  });
});
