module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/api-e2e',
  // The cluster suite makes its own PostgreSQL database whatever E2E_DATABASE says: it runs once, in the postgres pass.
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.E2E_DATABASE === 'postgres' ? [] : ['/cluster\\.spec\\.ts$']),
  ],
};
