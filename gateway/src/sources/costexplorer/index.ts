export * from './costSource';
export * from './dates';
export * from './types';
