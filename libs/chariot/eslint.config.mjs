import baseConfig from '../../eslint.config.mjs';
import typeChecked from '../../eslint.type-checked.mjs';

export default [
  ...baseConfig,
  ...typeChecked,
  {
    // The language library is pure: no Node, Nest or Angular imports, and no console output
    // (everything goes through the injected host hooks). Specs may use node:* to read goldens.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'libs/chariot is pure: use the ChariotHost hooks instead.' },
            { group: ['@nestjs/*', '@angular/*'], message: 'libs/chariot must not depend on frameworks.' },
          ],
          paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https'],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
];
