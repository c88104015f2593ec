export * from './lib/auth.module';
export * from './lib/users.service';
export * from './lib/sessions.service';
