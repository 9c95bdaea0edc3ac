/** OPSDECK_REDIS_URL: what is accepted, and how it is shown (logs, health, errors) without its password. */

/** redis:// or rediss:// (TLS, e.g. ElastiCache with in-transit encryption) with a host. */
export function isRedisUrl(text: string): boolean {
  if (!/^rediss?:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

export function describeRedisUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}
