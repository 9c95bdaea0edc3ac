export { buildSources, activeSources, type SourceSettings } from './buildSources';
export { DemoSource } from './demo';
export * from './types';
export * from './capabilities';
