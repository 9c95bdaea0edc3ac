export * from './opsgenieFake';
