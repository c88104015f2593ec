import { readFileSync } from 'node:fs';
import { CliOptions } from './args';
import { parseSse } from './sse';

interface Envelope<T> {
  result?: string;
  data?: T;
  error?: unknown;
}

/** Logs in, starts an async execution and streams its log entries until the `done` event. */
export async function runRemoteCommand(o: CliOptions): Promise<number> {
  const base = (o.server as string).replace(/\/+$/, '');
  const program = readFileSync(o.file as string, 'utf8');
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: o.user, password: o.password }),
  });
  const lbody = (await login.json().catch(() => ({}))) as Envelope<{ token?: string }>;
  let token = lbody.data?.token;
  if (!token) token = /chariot_token=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!login.ok || !token) throw new Error(`login failed: HTTP ${login.status}`);
  const auth = { authorization: `Bearer ${token}` };

  const start = await fetch(`${base}/api/execute-async`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ program }),
  });
  const sbody = (await start.json().catch(() => ({}))) as Envelope<{ execution_id?: string }>;
  const id = sbody.data?.execution_id;
  if (!start.ok || !id) throw new Error(`execute-async failed: HTTP ${start.status} ${JSON.stringify(sbody.error ?? sbody)}`);
  if (!o.quiet) process.stderr.write(`execution ${id}\n`);

  const res = await fetch(`${base}/api/logs/${encodeURIComponent(id)}`, { headers: { accept: 'text/event-stream', ...auth } });
  if (!res.ok || !res.body) throw new Error(`log stream failed: HTTP ${res.status}`);
  for await (const ev of parseSse(res.body)) {
    if (ev.event === 'done') {
      const done = JSON.parse(ev.data) as { status?: string; result?: unknown; error?: unknown };
      if (done.status === 'succeeded' || (done.error === undefined && done.status !== 'failed')) {
        process.stdout.write(JSON.stringify(done.result ?? null) + '\n');
        return 0;
      }
      process.stderr.write(`error (${done.status ?? 'failed'}): ${typeof done.error === 'string' ? done.error : JSON.stringify(done.error)}\n`);
      return 1;
    }
    if (ev.event === 'message' && !o.quiet) {
      try {
        const e = JSON.parse(ev.data) as { timestamp?: string; level?: string; message?: string };
        process.stderr.write(`${e.timestamp ?? ''} ${(e.level ?? 'INFO').padEnd(5)} ${e.message ?? ''}\n`);
      } catch {
        process.stderr.write(ev.data + '\n');
      }
    } else if (ev.event === 'progress' && !o.quiet) {
      process.stderr.write(`PROGRESS ${ev.data}\n`);
    }
  }
  throw new Error('log stream ended without a done event');
}
