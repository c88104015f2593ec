import tseslint from 'typescript-eslint';

const TYPESCRIPT = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];

/**
 * typescript-eslint's recommendedTypeChecked rules for the TypeScript sources of a project, typed
 * through the project's own tsconfig files (the project service finds the one that includes each file).
 */
// Jest configs are read by Jest alone and no tsconfig includes them.
const ignores = ['**/jest.config.cts', '**/jest.config.ts'];

export default [
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TYPESCRIPT, ignores })),
  {
    files: TYPESCRIPT,
    ignores,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
];
