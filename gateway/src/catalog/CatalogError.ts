/** A catalog entry the gateway cannot use. The message names the file and the field path, on one line. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  constructor(
    readonly file: string,
    /** e.g. `services[2].tier`; empty for file-level problems. */
    readonly field: string,
    readonly detail: string
  ) {
    super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
  }
}
