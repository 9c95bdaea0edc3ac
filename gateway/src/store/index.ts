export { openStore, describeDatabase, type OpenStoreOptions } from './openStore';
export { KyselyStore } from './KyselyStore';
export * from './types';
