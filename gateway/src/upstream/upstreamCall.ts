/**
 * Upstream failures in the terms a rollback preview and the audit log need: "the role lacks X" is different from
 * "AWS said no for another reason". The SDK names the error after the wire's `__type` / `x-amzn-errortype`.
 */

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
]);

export class UpstreamAccessDenied extends Error {
  override readonly name = 'UpstreamAccessDenied';
  constructor(
    readonly iamAction: string,
    readonly upstreamMessage: string
  ) {
    super(`the gateway's AWS role may not call ${iamAction}: ${upstreamMessage}`);
  }
}

export class UpstreamCallFailed extends Error {
  override readonly name = 'UpstreamCallFailed';
  constructor(
    readonly iamAction: string,
    readonly errorName: string,
    readonly upstreamMessage: string
  ) {
    super(`${iamAction} failed: ${errorName}: ${upstreamMessage}`);
  }
}

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isAccessDenied(err: unknown): boolean {
  const e = err as SdkLikeError;
  return typeof e?.name === 'string' && ACCESS_DENIED.has(e.name);
}

/** Runs one AWS call, translating its failure into UpstreamAccessDenied or UpstreamCallFailed. */
export async function callUpstream<T>(iamAction: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const e = err as SdkLikeError;
    const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
    if (isAccessDenied(err)) throw new UpstreamAccessDenied(iamAction, message);
    throw new UpstreamCallFailed(iamAction, typeof e?.name === 'string' ? e.name : 'Error', message);
  }
}
