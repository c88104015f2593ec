export * from './lib/chariot-stream-parser';
export * from './lib/defaults';
export * from './lib/format-value';
export * from './lib/log-format';
export * from './lib/output-line';
export * from './lib/run-status';
export * from './lib/line-buffer';
export * from './lib/function-library';
