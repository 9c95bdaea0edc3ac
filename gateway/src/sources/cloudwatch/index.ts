export * from './fetcher';
export * from './serviceMetricQuery';
export * from './serviceMetrics';
export * from './types';
export * from './coldStarts';
