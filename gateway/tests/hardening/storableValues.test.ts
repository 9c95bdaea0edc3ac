// The one rule every statement's parameters pass (store/storableValues.ts): what is rewritten, and what is not.
import { StoreValueError } from '../../src/store/errors';
import { asStoredJson, storableParameters, storableText } from '../../src/store/storableValues';

const FFFD = '\ufffd';

describe('storableText', () => {
  it('stores U+0000 as U+FFFD in plain text', () => {
    expect(storableText('a\u0000b\u0000')).toBe(`a${FFFD}b${FFFD}`);
  });

  it('stores an escaped NUL inside a JSON document the same way, keys included', () => {
    const document = JSON.stringify({ 'k\u0000': ['v\u0000', { n: 1 }], __proto__x: null });
    expect(JSON.parse(storableText(document))).toEqual({ [`k${FFFD}`]: [`v${FFFD}`, { n: 1 }], __proto__x: null });
    const proto = '{"__proto__":"a\\u0000"}';
    expect(Object.keys(JSON.parse(storableText(proto)))).toEqual(['__proto__']);
  });

  it('leaves alone text that only looks like it: literal backslashes, non-JSON, clean documents', () => {
    for (const text of [
      'see `\\u0000` in the payload',
      '{alertname="a\\u0000"}',
      JSON.stringify({ literal: '\\u0000' }),
      '{ "spaced" : 1.0 }',
      '',
    ]) {
      expect(storableText(text)).toBe(text);
    }
  });

  it('is idempotent, so a value read back and written again stays the same', () => {
    const once = storableText(JSON.stringify({ a: 'x\u0000' }));
    expect(storableText(once)).toBe(once);
  });
});

describe('storableParameters', () => {
  it('returns the same array when nothing needs changing, a changed copy otherwise', () => {
    const clean = ['a', 1, null, Buffer.from('x')];
    expect(storableParameters(clean)).toBe(clean);
    const dirty = ['a\u0000', 2];
    expect(storableParameters(dirty)).toEqual([`a${FFFD}`, 2]);
    expect(dirty[0]).toBe('a\u0000');
  });

  it.each([1e20, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY])('refuses %p with StoreValueError', (n) => {
    expect(() => storableParameters([n])).toThrow(StoreValueError);
  });

  it('accepts every safe integer and fractions', () => {
    expect(storableParameters([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.5])).toHaveLength(3);
  });
});

it('asStoredJson hands back what a reader of the stored JSON gets', () => {
  const value = { summary: 'a\u0000b' };
  expect(asStoredJson(value, JSON.stringify(value))).toEqual({ summary: `a${FFFD}b` });
  const clean = { summary: 'ab' };
  expect(asStoredJson(clean, JSON.stringify(clean))).toBe(clean);
});
