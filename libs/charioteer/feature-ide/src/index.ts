export * from './lib/charioteer.routes';
export * from './lib/ide/ide.store';
