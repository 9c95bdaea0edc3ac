import { describeRedisUrl, isRedisUrl } from './redisUrl';

describe('Redis URLs', () => {
  it('accepts redis:// and rediss:// with a host, nothing else', () => {
    expect(isRedisUrl('redis://127.0.0.1:6379')).toBe(true);
    expect(isRedisUrl('REDISS://user:pw@cache.internal:6380/1')).toBe(true);
    expect(isRedisUrl('redis://')).toBe(false);
    expect(isRedisUrl('valkey://cache:6379')).toBe(false);
    expect(isRedisUrl('cache:6379')).toBe(false);
  });

  it('shows a URL without its password', () => {
    expect(describeRedisUrl('redis://opsdeck:s3cret-pw@cache.internal:6379/0')).toBe(
      'redis://opsdeck:***@cache.internal:6379/0'
    );
    expect(describeRedisUrl('redis://:s3cret-pw@cache.internal')).not.toContain('s3cret');
    expect(describeRedisUrl('redis://cache.internal:6379')).toBe('redis://cache.internal:6379');
    expect(describeRedisUrl('not a url')).toBe('redis://(unparseable URL)');
  });
});
