export * from './opsgenieFake';
export * from './opsgenieSchedules';
