/**
 * The SharedCache on Redis (OPSDECK_REDIS_URL; ElastiCache or Valkey in AWS), through ioredis. Redis is an
 * optimisation, never a dependency: every command has a short timeout, nothing is queued while disconnected, and
 * after a failure the cache stops asking for a few seconds. Meanwhile it answers as an empty cache that grants every
 * lock, so each replica fetches for itself and serves from its own in-process cache (docs/HA.md).
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { RedisHealth } from '@opsdeck/contract';
import {
  breakerAllows,
  breakerOnFailure,
  breakerOnSuccess,
  CLOSED,
  LOCAL_LOCK,
  type BreakerPolicy,
  type BreakerState,
  type SharedCache,
  type SharedEntry,
  type SharedLock,
} from '../upstream';
import { encodeShared, parseSharedEntry } from '../upstream/sharedJson';
import { describeRedisUrl } from './redisUrl';

export interface RedisSharedCacheOptions {
  url: string;
  /** Every key starts with it (OPSDECK_REDIS_PREFIX), so several installations or test runs can share one Redis. */
  prefix: string;
  /** A command not answered within this fails, and the caller goes on without Redis. */
  commandTimeoutMs?: number;
  /** After a failure, how long no command is sent; then one probe decides. */
  coolOffMs?: number;
}

export const REDIS_COMMAND_TIMEOUT_MS = 200;
export const REDIS_COOL_OFF_MS = 5_000;
/** Bumped when the stored shape changes, so replicas of two versions never read each other's values. */
const FORMAT = 'v1';
// Deletes the lock only if it is still ours: after its expiry another replica may have taken it.
const RELEASE_IF_OURS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const NOTICE =
  'Redis is unreachable: each replica serves from its own in-process cache, so CloudWatch and Cost Explorer calls grow with the number of replicas until it is back';

type Outcome<T> = { ok: true; value: T } | { ok: false };

export class RedisSharedCache implements SharedCache {
  private readonly client: Redis;
  private readonly keyPrefix: string;
  private readonly breakerPolicy: BreakerPolicy;
  private breaker: BreakerState = CLOSED;
  private lastFailure: { reason: string; sinceMs: number } | undefined;
  private reported: RedisHealth['state'] | undefined;
  private closed = false;
  private readonly listeners: Array<(health: RedisHealth) => void> = [];

  constructor(private readonly options: RedisSharedCacheOptions) {
    const commandTimeout = options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS;
    this.keyPrefix = `${options.prefix}:${FORMAT}:`;
    this.breakerPolicy = { failureThreshold: 1, coolDownMs: options.coolOffMs ?? REDIS_COOL_OFF_MS };
    this.client = new Redis(options.url, {
      commandTimeout,
      connectTimeout: Math.max(commandTimeout, 1_000),
      // Fail at once while disconnected instead of holding requests until Redis is back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
      // A panel refresh asks for hundreds of series at once: one round trip for all of them.
      enableAutoPipelining: true,
    });
    this.client.on('error', (error: Error) => this.failed(error));
    this.client.on('ready', () => this.report());
    this.client.on('close', () => this.report());
  }

  async get<V>(key: string): Promise<SharedEntry<V> | undefined> {
    const outcome = await this.run(() => this.client.get(this.keyPrefix + key));
    return outcome.ok ? parseSharedEntry<V>(outcome.value) : undefined;
  }

  async set<V>(key: string, entry: SharedEntry<V>, ttlMs: number): Promise<void> {
    const text = encodeShared(entry);
    await this.run(() => this.client.set(this.keyPrefix + key, text, 'PX', Math.ceil(ttlMs)));
  }

  async lock(key: string, ttlMs: number): Promise<SharedLock | undefined> {
    const lockKey = `${this.keyPrefix}lock:${key}`;
    const token = randomUUID();
    const outcome = await this.run(() => this.client.set(lockKey, token, 'PX', Math.ceil(ttlMs), 'NX'));
    if (!outcome.ok) return LOCAL_LOCK;
    if (outcome.value !== 'OK') return undefined;
    return {
      release: async () => {
        await this.run(() => this.client.eval(RELEASE_IF_OURS, 1, lockKey, token));
      },
    };
  }

  /** Asks Redis now (a PING, unless cooling off), so health tells the state of this moment. */
  async health(): Promise<RedisHealth> {
    await this.run(() => this.client.ping());
    return this.describe();
  }

  /** Called on every change between up and down, with what health would answer. */
  onStateChange(listener: (health: RedisHealth) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves true once connected, false after `timeoutMs`: lets a start or a test begin with Redis up. */
  async waitUntilUp(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const ready = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.client.off('ready', ready);
        resolve(false);
      }, timeoutMs);
      this.client.once('ready', ready);
    });
  }

  close(): void {
    this.closed = true;
    this.client.disconnect();
  }

  private async run<T>(command: () => Promise<T>): Promise<Outcome<T>> {
    if (this.client.status !== 'ready') return { ok: false };
    const decision = breakerAllows(this.breaker, Date.now(), this.breakerPolicy);
    if (!decision.allowed) return { ok: false };
    this.breaker = decision.state;
    try {
      const value = await command();
      this.breaker = breakerOnSuccess();
      this.report();
      return { ok: true, value };
    } catch (error) {
      this.breaker = breakerOnFailure(this.breaker, Date.now(), this.breakerPolicy);
      this.failed(error as Error);
      return { ok: false };
    }
  }

  private failed(error: Error): void {
    const reason = error.message || String(error);
    if (this.lastFailure?.reason !== reason) this.lastFailure = { reason, sinceMs: Date.now() };
    this.report();
  }

  private describe(): RedisHealth {
    const up = this.client.status === 'ready' && this.breaker.status === 'closed';
    if (up) return { configured: true, state: 'up' };
    const since = this.lastFailure ? ` since ${new Date(this.lastFailure.sinceMs).toISOString()}` : '';
    const reason = this.lastFailure?.reason ?? `not connected (${this.client.status})`;
    return {
      configured: true,
      state: 'down',
      notice: NOTICE,
      message: `${describeRedisUrl(this.options.url)}: ${reason}${since}`,
    };
  }

  private report(): void {
    const health = this.describe();
    if (this.closed || health.state === this.reported) return;
    this.reported = health.state;
    if (health.state === 'up') this.lastFailure = undefined;
    for (const listener of this.listeners) listener(health);
  }
}
