/** A query a source cannot answer because of one of its fields; reported for the query's refId, naming the field. */
export class QueryFieldError extends Error {
  constructor(
    readonly field: string,
    reason: string
  ) {
    super(`${field}: ${reason}`);
    this.name = 'QueryFieldError';
  }
}
