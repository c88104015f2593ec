import { readFileSync } from 'node:fs';
import { CliOptions } from './args';
import { parseSse } from './sse';
import { forTerminal } from './terminal-text';

interface Envelope<T> {
  result?: string;
  data?: T;
  error?: unknown;
}

/** What the server sends, as one line on stderr: its text cannot drive the terminal. */
function say(line: string): void {
  process.stderr.write(forTerminal(line) + '\n');
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
  try {
    return await runOnServer(base, auth, program, o);
  } finally {
    // Each run signs in afresh: ending its session keeps it from counting against the user's
    // session cap (MAX_SESSIONS_PER_USER), where it would end their oldest one, the IDE's maybe.
    await fetch(`${base}/logout`, { method: 'POST', headers: auth }).catch(() => undefined);
  }
}

async function runOnServer(
  base: string,
  auth: Record<string, string>,
  program: string,
  o: CliOptions,
): Promise<number> {
  const start = await fetch(`${base}/api/execute-async`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ program }),
  });
  const sbody = (await start.json().catch(() => ({}))) as Envelope<{ execution_id?: string }>;
  const id = sbody.data?.execution_id;
  if (!start.ok || !id)
    throw new Error(`execute-async failed: HTTP ${start.status} ${JSON.stringify(sbody.error ?? sbody)}`);
  if (!o.quiet) say(`execution ${id}`);

  const res = await fetch(`${base}/api/logs/${encodeURIComponent(id)}`, {
    headers: { accept: 'text/event-stream', ...auth },
  });
  if (!res.ok || !res.body) throw new Error(`log stream failed: HTTP ${res.status}`);
  for await (const ev of parseSse(res.body)) {
    if (ev.event === 'done') {
      const done = JSON.parse(ev.data) as { status?: string; result?: unknown; error?: unknown };
      if (done.status === 'succeeded' || (done.error === undefined && done.status !== 'failed')) {
        process.stdout.write(JSON.stringify(done.result ?? null) + '\n');
        return 0;
      }
      say(
        `error (${done.status ?? 'failed'}): ${typeof done.error === 'string' ? done.error : JSON.stringify(done.error)}`,
      );
      return 1;
    }
    if (ev.event === 'message' && !o.quiet) {
      try {
        const e = JSON.parse(ev.data) as { timestamp?: string; level?: string; message?: string };
        say(`${e.timestamp ?? ''} ${(e.level ?? 'INFO').padEnd(5)} ${e.message ?? ''}`);
      } catch {
        say(ev.data);
      }
    } else if (ev.event === 'progress' && !o.quiet) {
      say(`PROGRESS ${ev.data}`);
    }
  }
  throw new Error('log stream ended without a done event');
}
