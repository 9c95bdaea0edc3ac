export * from './autoScalingFake';
export * from './cloudwatchFake';
export * from './costExplorerFake';
export * from './fakeServer';
export * from './logsFake';
