import { ApiException } from '@chariot/api-common';
import { checkFileName, fileNameProblem, MAX_FILE_NAME_LENGTH } from './file-name';

function rejection(name: unknown): { status: number; code: string; message: string } {
  try {
    checkFileName(name);
  } catch (error) {
    const e = error as ApiException;
    const body = e.getResponse() as { error: { code: string; message: string } };
    return { status: e.getStatus(), ...body.error };
  }
  throw new Error(`${JSON.stringify(name)} was accepted`);
}

describe('file names', () => {
  it.each([
    'hello.ch',
    'streaming-demo.ch',
    'My Script_2.ch',
    'a.ch',
    'v1.2.ch',
    'a.ch.ch',
    'x'.repeat(MAX_FILE_NAME_LENGTH - 3) + '.ch',
  ])('accepts %j', (name) => {
    expect(fileNameProblem(name)).toBeUndefined();
    expect(checkFileName(name)).toBe(name);
  });

  it.each([
    ['../a.ch', "'..'"],
    ['..\\a.ch', "'..'"],
    ['a/b.ch', 'path separator'],
    ['a\\b.ch', 'path separator'],
    ['/etc/passwd.ch', 'path separator'],
    ['%2e%2e%2fa.ch', 'may only contain'],
    ['%2e%2e', 'may only contain'],
    ['a..b.ch', "'..'"],
    ['.hidden.ch', 'starts with a dot'],
    ['.ch', 'starts with a dot'],
    [' a.ch', 'starts with a space'],
    ['a\u0000.ch', 'control character'],
    ['a.ch\u0000.txt', 'control character'],
    ['line\nbreak.ch', 'control character'],
    ['tab\t.ch', 'control character'],
    ['del\u007f.ch', 'control character'],
    ['hello', "must end in '.ch'"],
    ['hello.txt', "must end in '.ch'"],
    ['hello.CH', "must end in '.ch'"],
    ['hello.ch ', 'must end in'],
    ['', 'empty'],
    ['x'.repeat(MAX_FILE_NAME_LENGTH - 2) + '.ch', 'longer than 128'],
    ['café.ch', 'may only contain'],
    ['a:b.ch', 'may only contain'],
    ['a*.ch', 'may only contain'],
    ['\u202egnp.ch', 'may only contain'],
  ])('rejects %j (%s)', (name, why) => {
    const { status, code, message } = rejection(name);
    expect(status).toBe(400);
    expect(code).toBe('INVALID_FILE_NAME');
    expect(message).toContain(why);
  });

  it('rejects values that are not strings', () => {
    expect(rejection(undefined).code).toBe('INVALID_FILE_NAME');
    expect(rejection(42).message).toContain('of type number');
  });

  it('echoes a rejected name escaped and cut short', () => {
    const { message } = rejection('a\u0000' + 'y'.repeat(300));
    expect(message).toContain('"a\\u0000');
    expect(message).not.toContain('\u0000');
    expect(message.length).toBeLessThan(400);
  });
});
