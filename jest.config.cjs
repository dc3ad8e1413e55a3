// Jest runs TypeScript through SWC (transpile only; `npm run typecheck` does the type check).
// middy and jose ship ESM only, so they are transformed too.
// Two projects: `unit` (pure, no emulators: test/unit, test/infra) and `integration` (over the wire to
// DynamoDB Local, s3rver and the SES sink, started once per run by test/setup/global-setup.ts).
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
};
/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit', '<rootDir>/test/infra'], testMatch: ['**/*.test.ts'], setupFiles: ['<rootDir>/test/setup/unit-env.ts'] },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/integration-env.ts'],
    },
  ],
};
