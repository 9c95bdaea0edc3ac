import { bearerToken, matchesSharedSecret, parseSecretList, verifyBearer } from '../../src/upstream/sharedSecret';

describe('shared-secret webhook authentication', () => {
  it('reads comma-separated secret lists, dropping blanks', () => {
    expect(parseSecretList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseSecretList(undefined)).toEqual([]);
  });

  it('extracts the bearer token only from a Bearer authorization header', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic YWxhZGRpbjpvcGVuc2VzYW1l')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('accepts any configured token and nothing else', () => {
    expect(verifyBearer('Bearer current', ['previous', 'current'])).toBe(true);
    expect(verifyBearer('Bearer previous', ['previous', 'current'])).toBe(true);
    expect(verifyBearer('Bearer currentX', ['previous', 'current'])).toBe(false);
    expect(verifyBearer('Bearer curren', ['current'])).toBe(false);
  });

  it('never matches when no secret is configured or nothing is presented', () => {
    expect(matchesSharedSecret('anything', [])).toBe(false);
    expect(matchesSharedSecret('', [''])).toBe(false);
    expect(matchesSharedSecret(undefined, ['x'])).toBe(false);
    expect(matchesSharedSecret('opsgenie-header-value', ['opsgenie-header-value'])).toBe(true);
  });
});
