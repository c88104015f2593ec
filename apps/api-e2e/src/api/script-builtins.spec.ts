import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/**
 * Issue 11, class 7, through the server: script builtins reach no host object and burn no
 * unmetered CPU (the language library's unit specs hold the details).
 */
describe(`script builtins against a hostile script (${e2eDatabase})`, () => {
  const suite = useServer({ SCRIPT_ENV_ALLOWLIST: 'CHARIOT_E2E_GREETING' });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'gives getEnv("%s") nothing the host object inherits',
    async (name) => {
      const reply = await suite.admin.post('/api/execute', { program: `[getEnv("${name}"), hasEnv("${name}")]` });
      expect(reply.body).toEqual({ result: 'OK', data: ['', false] });
    },
  );

  it('keeps __proto__ keys of parsed JSON as plain data', async () => {
    const reply = await suite.admin.post<unknown>('/api/execute', {
      program: 'parseJSON(\'{"__proto__": {"x": 1}, "a": 2}\')',
    });
    expect(reply.body).toEqual({ result: 'OK', data: JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown });
  });

  it('refuses a YAML line of 50,000 spaces and a 100,000,000-character random string at once, and the server goes on', async () => {
    const started = performance.now();
    const yaml = await suite.admin.post('/api/execute', { program: 'parseYAML(concat("a", repeat(" ", 50000), "b"))' });
    expect(yaml.body).toMatchObject({ result: 'ERROR', error: { code: 'RUNTIME_ERROR' } });
    const random = await suite.admin.post('/api/execute', { program: 'randomString(100000000)' });
    expect(random.body).toMatchObject({ result: 'ERROR', error: { code: 'STRING_LIMIT' } });
    // these took 10 s and 7 s before; a generous bound for a loaded machine
    expect(performance.now() - started).toBeLessThan(4000);
    expect((await suite.admin.post('/api/execute', { program: '1+2' })).body).toEqual({ result: 'OK', data: 3 });
  });
});
