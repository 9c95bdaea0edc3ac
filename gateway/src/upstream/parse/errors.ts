/**
 * Errors a webhook can end in. The route layer maps them to HTTP: MalformedPayloadError → 400 naming the field,
 * WebhookAuthError → 401. Parsers and verifiers throw nothing else for bad input (the fuzz tests hold them to it).
 */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
  constructor(
    /** Dotted path of the field at fault, e.g. `event.data.status`, or `body` for the whole payload. */
    readonly field: string,
    message: string
  ) {
    super(`${field}: ${message}`);
  }
}

export class WebhookAuthError extends Error {
  override readonly name = 'WebhookAuthError';
}

/** Something we depend on to verify a delivery (e.g. the SNS certificate host) is unreachable: answer 503 so the
 * sender retries later instead of dropping the event. */
export class VerificationUnavailableError extends Error {
  override readonly name = 'VerificationUnavailableError';
}
