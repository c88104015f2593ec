import baseConfig from '../../eslint.config.mjs';
import typeChecked from '../../eslint.type-checked.mjs';

export default [
  ...baseConfig,
  ...typeChecked,
  {
    // Issue 13, last resort: these two specs had uncommitted work of other issues in progress when the
    // specs were typed, so they still read untyped replies (ApiClient calls without a type argument).
    // Type their calls like the other specs do, then remove this block.
    files: ['src/api/cluster.spec.ts', 'src/api/history.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
];
