export * from './pagerdutyFake';
