export * from './query';
export * from './frame';
export * from './api';
export * from './events';
export * from './http';
export * from './alerts';
export * from './deployments';
