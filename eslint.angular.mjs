import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/** The lint rules every Charioteer (Angular) project shares: `ch-` prefixed components and directives. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'ch', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'ch', style: 'kebab-case' }],
    },
  },
];
