// Four projects, one runner: UI code in jsdom; the gateway, the CDK app and the browser tests in node.
// `npm test` runs them one after another so CI output shows each project's counts.
process.env.TZ = 'UTC';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: false },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
  },
];

const grafanaBase = require('./.config/jest.config');
// Grafana packages ship some ESM-only dependencies that swc must transform; create-plugin keeps the list.
const { grafanaESModules } = require('./.config/jest/utils');

const common = {
  // .mjs too: under jsdom, d3-color (pulled in by @grafana/data) resolves to its ESM-only dist/d3-color.mjs.
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc, '^.+\\.md$': '<rootDir>/tests/support/textTransform.js' },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@opsdeck/contract$': '<rootDir>/contract/src/index.ts',
    '\\.(css|scss|sass)$': 'identity-obj-proxy',
  },
  transformIgnorePatterns: [`node_modules/(?!(${grafanaESModules.join('|')}))`],
};

module.exports = {
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  projects: [
    {
      // create-plugin's base (jsdom, module paths, the react-inlinesvg mock), with our transforms and mappings.
      ...grafanaBase,
      ...common,
      moduleNameMapper: { ...grafanaBase.moduleNameMapper, ...common.moduleNameMapper },
      transformIgnorePatterns: grafanaBase.transformIgnorePatterns,
      displayName: 'unit',
      setupFilesAfterEnv: ['<rootDir>/tests/support/jest-setup.js'],
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/tests/static/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'gateway',
      testEnvironment: 'node',
      // infra/lambda: the event Lambda's tests, which drive a real gateway.
      testMatch: [
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/gateway/tests/**/*.test.ts',
        '<rootDir>/infra/lambda/**/*.test.ts',
      ],
    },
    {
      // The CDK app (infra/): stacks synthesised in-process, offline; temporary cloud assemblies are removed.
      ...common,
      displayName: 'infra',
      testEnvironment: 'node',
      setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
      testMatch: ['<rootDir>/infra/test/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
