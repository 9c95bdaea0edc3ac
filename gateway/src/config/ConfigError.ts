/** Where a setting came from, when it is not a file: environment variables. */
export const ENVIRONMENT = 'environment';

/**
 * A setting the gateway cannot start with. The message is one line naming the key and where it was read, because
 * this is what an operator sees when the start is refused.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The offending key as the operator wrote it: `OPSDECK_PORT` in the environment, `port` in a YAML file. */
    readonly key: string,
    /** The YAML file path, or `environment`. */
    readonly file: string,
    readonly detail: string
  ) {
    super(`${file}: ${key}: ${detail}`);
  }
}
