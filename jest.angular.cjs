const { join, relative } = require('path');

/** The Jest setup every Charioteer (Angular) project shares; `projectRoot` is relative to the workspace. */
module.exports = function angularJestConfig(displayName, projectRoot) {
  return {
    displayName,
    // Jest takes a preset for a file only when its path is relative.
    preset: relative(join(__dirname, projectRoot), join(__dirname, 'jest.preset.js')),
    setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
    coverageDirectory: join(__dirname, 'coverage', projectRoot),
    transform: {
      '^.+\\.(ts|mjs|js|html)$': [
        'jest-preset-angular',
        { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
      ],
    },
    transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
    snapshotSerializers: [
      'jest-preset-angular/build/serializers/no-ng-attributes',
      'jest-preset-angular/build/serializers/ng-snapshot',
      'jest-preset-angular/build/serializers/html-comment',
    ],
  };
};
