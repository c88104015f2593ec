import type { LogPage } from '@chariot/contract';
import { collect, openSse } from '../support/sse';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

describe(`log text downloads (${e2eDatabase})`, () => {
  const suite = useServer();

  it('keeps every entry on its own line of logs.txt and escapes control characters', async () => {
    const { server, admin } = suite;
    const program = [
      'let esc = fromCharCode(27)',
      'logPrint("one" + fromCharCode(10) + "2026-01-01T00:00:00.000Z [ERROR] forged" + fromCharCode(13))',
      'logPrint(esc + "]0;window title" + fromCharCode(7) + esc + "[2J" + fromCharCode(155) + "cleared")',
      'logPrint("abc" + fromCharCode(8238) + "gnp.exe" + fromCharCode(9) + "tab stays")',
    ].join('\n');
    const id = await admin.startAsync(program);
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    // The JSON log keeps messages exactly as logged: escaping is for the text download.
    const json = (await admin.get<LogPage>(`/api/executions/${id}/logs`)).body.data.entries.map((e) => e.message);
    expect(json[0]).toBe('one\n2026-01-01T00:00:00.000Z [ERROR] forged\r');

    const download = await admin.get(`/api/executions/${id}/logs.txt`);
    expect(download.status).toBe(200);
    const lines = download.text.split('\n');
    expect(lines).toHaveLength(4); // three entries and the final newline
    expect(lines[0]).toMatch(/^\S+ \[INFO\] one\\n2026-01-01T00:00:00.000Z \[ERROR\] forged\\r$/);
    expect(lines[1]).toMatch(/^\S+ \[INFO\] \\x1b\]0;window title\\x07\\x1b\[2J\\x9bcleared$/);
    expect(lines[2]).toMatch(/^\S+ \[INFO\] abc\\u202egnp\.exe\ttab stays$/);
    // eslint-disable-next-line no-control-regex -- asserting that none is left
    expect(download.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});
