import fc from 'fast-check';
import { lookup } from './lookup';

const TABLE: Record<string, number> = { one: 1, two: 2 };

describe('lookup', () => {
  it('finds own entries', () => {
    expect(lookup(TABLE, 'one')).toBe(1);
    expect(lookup(TABLE, undefined)).toBeUndefined();
  });

  it("finds nothing for Object.prototype's names", () => {
    for (const key of Object.getOwnPropertyNames(Object.prototype)) {
      expect(lookup(TABLE, key)).toBeUndefined();
    }
  });

  it('finds a value only for a key the table has', () => {
    fc.assert(
      fc.property(fc.string(), (key) => (lookup(TABLE, key) !== undefined) === (key === 'one' || key === 'two'))
    );
  });
});
