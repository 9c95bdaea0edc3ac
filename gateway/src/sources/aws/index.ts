export * from './clients';
export * from './config';
export * from './errors';
export * from './guardedPages';
