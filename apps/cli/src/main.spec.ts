import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** Builds the CLI bundle once (as the esbuild target does) and runs it as a child process. */
const dir = mkdtempSync(join(tmpdir(), 'chariot-cli-'));
const bundle = join(dir, 'main.js');
const root = resolve(__dirname, '../../..');

beforeAll(() => {
  buildSync({
    entryPoints: [join(root, 'apps/cli/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    tsconfig: join(root, 'apps/cli/tsconfig.app.json'),
    logLevel: 'silent',
  });
}, 60_000);

function cli(args: string[], input = '', env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bundle, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
}

describe('chariot eval --json', () => {
  it('prints one JSON line with the value of the script read on stdin', () => {
    const r = cli(['eval', '--json'], 'logPrint("Test"); 1+2');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ ok: true, value: 3 });
  });

  it('prints {ok:false,error} with the position for a failing script', () => {
    const r = cli(['eval', '--json'], 'setq(x, 1)\nfoo(x)');
    const out = JSON.parse(r.stdout.trim()) as { ok: boolean; error: string; detail: { line: number } };
    expect(out.ok).toBe(false);
    expect(out.error).toContain("undefined function 'foo'");
    expect(out.detail.line).toBe(2);
  });
});

describe('chariot run FILE', () => {
  it('prints logs as they happen (stderr) and the result (stdout), sleeping for real', () => {
    const file = join(dir, 'script.ch');
    writeFileSync(file, 'logPrint("one"); sleep(120); logPrint("two", "warn"); add(40, 2)');
    const t0 = Date.now();
    const r = cli(['run', file]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('42');
    expect(r.stderr).toMatch(/INFO\s+one[\s\S]*WARN\s+two/);
  });

  it('escapes control characters of log lines, so a script cannot drive the terminal', () => {
    const file = join(dir, 'escape.ch');
    writeFileSync(file, 'logPrint("red" + fromCharCode(27) + "[31m" + fromCharCode(10) + "forged line")');
    const r = cli(['run', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/INFO\s+red\\x1b\[31m\\nforged line\n/);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('exits with the script exit code', () => {
    const file = join(dir, 'exit.ch');
    writeFileSync(file, 'exit(4)');
    expect(cli(['run', file]).status).toBe(4);
  });
});

describe('chariot run --server', () => {
  let server: Server;
  let base: string;
  const seen: { auth?: string; program?: string; login?: unknown; logout?: string } = {};

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/login') {
          seen.login = JSON.parse(body);
          res.setHeader('set-cookie', 'chariot_token=tok123; HttpOnly');
          res.end(JSON.stringify({ result: 'OK', data: { token: 'tok123' } }));
        } else if (req.method === 'POST' && req.url === '/logout') {
          seen.logout = req.headers.authorization;
          res.end(JSON.stringify({ result: 'OK', data: { logged_out: true } }));
        } else if (req.method === 'POST' && req.url === '/api/execute-async') {
          seen.auth = req.headers.authorization;
          seen.program = (JSON.parse(body) as { program: string }).program;
          res.end(JSON.stringify({ result: 'OK', data: { execution_id: 'e1' } }));
        } else if (req.url === '/api/logs/e1') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(': hello\n\n');
          res.write('id: 1\ndata: {"seq":1,"timestamp":"t","level":"INFO","message":"Starting test"}\n\n');
          setTimeout(() => {
            res.write('id: 2\ndata: {"seq":2,"timestamp":"t","level":"INFO","message":"Result is: 3"}\n\n');
            res.write(
              'id: 3\ndata: {"seq":3,"timestamp":"t","level":"INFO","message":"x\\u001b]0;pwned\\u0007\\nt ERROR forged"}\n\n',
            );
            res.end('event: done\ndata: {"status":"succeeded","result":3}\n\n');
          }, 50);
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('logs in, starts the execution and streams its logs until done', async () => {
    const file = join(dir, 'remote.ch');
    writeFileSync(file, 'logPrint("Starting test"); 1+2');
    const child = spawn(process.execPath, [bundle, 'run', '--server', base, file], {
      env: { ...process.env, CHARIOT_USER: 'alice', CHARIOT_PASSWORD: 'pw' },
    });
    let out = '';
    let errOut = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (errOut += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(out.trim()).toBe('3');
    expect(errOut).toMatch(/Starting test[\s\S]*Result is: 3/);
    expect(errOut).toContain('x\\x1b]0;pwned\\x07\\nt ERROR forged\n');
    expect(errOut).not.toContain('\u001b');
    expect(seen).toEqual({
      login: { username: 'alice', password: 'pw' },
      auth: 'Bearer tok123',
      program: 'logPrint("Starting test"); 1+2',
      logout: 'Bearer tok123',
    });
  });
});
