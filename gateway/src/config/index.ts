export { ConfigError, ENVIRONMENT } from './ConfigError';
export { loadConfig, isPostgresUrl } from './loadConfig';
export { resolveApiToken, API_TOKEN_FILE, type ResolvedApiToken } from './apiToken';
export { SETTINGS, DEFAULTS, CONFIG_FILE_ENV } from './settings';
export { LOG_LEVELS, type LogLevel, type LoadedConfig, type GatewayConfig } from './types';
