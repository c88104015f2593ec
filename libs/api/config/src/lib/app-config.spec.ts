import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the embedded defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8087);
    expect(config.usesPostgres).toBe(false);
    expect(config.databasePath).toMatch(/data\/chariot\.db$/);
    expect(config.EXECUTION_TIMEOUT_MS).toBe(60_000);
    expect(config.DEBUG_PAUSE_TIMEOUT_MS).toBe(600_000);
  });

  it('refuses a debugger pause limit below 100 ms', () => {
    expect(loadConfig({ DEBUG_PAUSE_TIMEOUT_MS: '1500' }).DEBUG_PAUSE_TIMEOUT_MS).toBe(1500);
    expect(() => loadConfig({ DEBUG_PAUSE_TIMEOUT_MS: '50' })).toThrow(/DEBUG_PAUSE_TIMEOUT_MS="50"/);
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '9000', COOKIE_SECURE: 'true', RETENTION_MINUTES: '7' });
    expect(config.PORT).toBe(9000);
    expect(config.COOKIE_SECURE).toBe(true);
    expect(config.RETENTION_MINUTES).toBe(7);
  });

  it('reads TRUST_PROXY as Express takes it and lists ALLOWED_ORIGINS without trailing slashes', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example/, http://b.example:8080' }).allowedOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
  });

  it('recognises a PostgreSQL url', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' }).usesPostgres).toBe(true);
  });

  it('fails fast naming every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', EXECUTION_TIMEOUT_MS: '5' })).toThrow(ConfigValidationError);
    try {
      loadConfig({ PORT: 'eighty', EXECUTION_TIMEOUT_MS: '5' });
    } catch (e) {
      expect(String(e)).toContain('PORT="eighty"');
      expect(String(e)).toContain('EXECUTION_TIMEOUT_MS="5"');
    }
  });
});
