const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // Scripts run on executor threads started from this second bundle. The path is absolute
      // because Nx resolves entry paths against the workspace root, not this project.
      additionalEntryPoints: [
        {
          entryName: 'executor-worker',
          entryPath: join(__dirname, '../../libs/api/runtime/src/lib/executor/executor.worker.ts'),
        },
      ],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
