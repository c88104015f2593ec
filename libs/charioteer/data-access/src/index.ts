export * from './lib/api';
export * from './lib/auth.guards';
export * from './lib/auth.interceptor';
export * from './lib/auth.service';
export * from './lib/execution.service';
export * from './lib/functions.service';
export * from './lib/log-stream.service';
export * from './lib/workspace-state.service';
