export * from './deployFakeServer';
export * from './codeDeployFake';
export * from './codePipelineFake';
export * from './lambdaFake';
export * from './ecsFake';
