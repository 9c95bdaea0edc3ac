/** Classifies AWS SDK errors for retries, breakers and the messages users see. */
import type { FailureKind } from '../../upstream';

/** Throttling codes the SDK itself treats as retryable (from @smithy/core; research/aws-apis.md §1). */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'TimeoutError']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function asAwsError(err: unknown): AwsLikeError {
  return typeof err === 'object' && err !== null ? (err as AwsLikeError) : {};
}

export function classifyAwsError(err: unknown): FailureKind {
  const e = asAwsError(err);
  const status = e.$metadata?.httpStatusCode;
  if ((e.name && THROTTLING_CODES.has(e.name)) || status === 429) return 'throttle';
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return 'transient';
  if ((e.code && NETWORK_CODES.has(e.code)) || (e.name && NETWORK_CODES.has(e.name))) return 'transient';
  return 'fatal';
}

export function isAccessDenied(err: unknown): boolean {
  const name = asAwsError(err).name ?? '';
  return name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnauthorizedOperation';
}

/** A one-line reason for stale notices and health: the AWS error name and message, never credentials. */
export function describeAwsError(err: unknown): string {
  const e = asAwsError(err);
  const inner = (err as { lastError?: unknown }).lastError;
  if (inner) return describeAwsError(inner);
  const name = e.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${e.message ?? String(err)}`;
}
