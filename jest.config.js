// Three projects, one runner: UI code in jsdom, the gateway and the browser tests in node.
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

// Grafana packages ship some ESM-only dependencies; let swc transform them (same list as create-plugin's config).
const esModules = ['@grafana/schema', 'd3', 'd3-color', 'd3-force', 'd3-interpolate', 'd3-scale-chromatic', 'ol', 'react-colorful', 'rxjs', 'uuid', 'marked', 'react-calendar', 'get-user-locale', 'memoize', 'mimic-function', '@wojtekmaj/date-utils'].join('|');

const common = {
  // .mjs too: under jsdom, d3-color (pulled in by @grafana/data) resolves to its ESM-only dist/d3-color.mjs.
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc, '^.+\\.md$': '<rootDir>/tests/support/textTransform.js' },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@opsdeck/contract$': '<rootDir>/contract/src/index.ts',
    '\\.(css|scss|sass)$': 'identity-obj-proxy',
  },
  transformIgnorePatterns: [`node_modules/(?!(${esModules}))`],
};

module.exports = {
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'jsdom',
      setupFilesAfterEnv: ['<rootDir>/tests/support/jest-setup.js'],
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/tests/static/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'gateway',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/gateway/src/**/*.test.ts', '<rootDir>/gateway/tests/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
