/** OPSDECK_REDIS_URL: what is accepted, and how it is shown (logs, health, errors) without its password. */
import { withoutPassword } from '../config/redactUrl';

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
  return withoutPassword(text, 'redis');
}
