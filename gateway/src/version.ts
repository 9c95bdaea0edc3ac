import packageJson from '../../package.json';

/** The gateway's version: the package version, bundled in at build time. */
export const GATEWAY_VERSION: string = packageJson.version;
