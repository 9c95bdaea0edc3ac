export { formatDuration, type DurationPrecision } from './duration';
export { NO_DATA, NOT_APPLICABLE } from './missingValue';
export { formatTimeAgo } from './timeAgo';
