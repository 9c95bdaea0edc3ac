export * from './jsmFake';
