/** A rollback request the gateway turns down before anything runs; `status` is the HTTP status the route answers. */
export class RollbackRequestError extends Error {
  override readonly name = 'RollbackRequestError';
  constructor(
    readonly status: 400 | 404 | 409 | 422 | 503,
    message: string,
    readonly field?: string
  ) {
    super(message);
  }
}
