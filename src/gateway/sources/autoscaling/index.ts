export * from './capacitySource';
