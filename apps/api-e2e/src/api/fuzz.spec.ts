import { ApiClient } from '../support/client';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/**
 * Issue 11: thousands of randomised requests generated from the server's own OpenAPI document
 * (bad JSON, wrong types, deep nesting, huge numbers, NUL, another user's ids, garbage headers),
 * twenty at a time. None may answer 5xx or hang, another user's execution or file is never
 * served, and /api/health still answers after. FUZZ_SEED=<n> replays a run; FUZZ_REQUESTS=<n>
 * changes how many are sent.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5_000);
const CONCURRENCY = 20;
const TIMEOUT_MS = 15_000;

/** mulberry32: a small seeded PRNG, so that a failure reproduces with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof prng>;

interface OpenApiSchema {
  type?: string;
  $ref?: string;
  allOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  enum?: unknown[];
  required?: string[];
}
interface Operation {
  method: string;
  path: string;
  parameters: { in: string; name: string; schema?: OpenApiSchema }[];
  body: OpenApiSchema | undefined;
}

/** What the generated requests may name: executions and files of the fuzzing user and of another one. */
interface Targets {
  own: { execution: string; file: string };
  foreign: { execution: string; file: string; user: string };
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Names another user's execution: must never succeed. */
  foreign: boolean;
}

const STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(10_000),
  'é€😀',
  '\u0000',
  'a\u0000b',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '${jndi:ldap://x}',
  '\u202e\r\n\t',
  'null',
  '-1',
  '1e999',
  'logPrint("hi"); 1+2',
  'while(true){}',
];
const NUMBERS = [
  0,
  -1,
  1,
  0.5,
  -0,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53 + 1,
  1e19,
  -1e19,
  1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];
const QUERY_VALUES = [
  '0',
  '1',
  '-1',
  '1.5',
  '1e19',
  '9223372036854775808',
  '99999999999999999999',
  'abc',
  '',
  'NaN',
  'Infinity',
  '0x10',
  ' 1',
  '%00',
  'INFO,WARN',
  'ERROR',
  'debug',
  'queued',
  'running',
  'succeeded',
  'bogus',
  'x'.repeat(5000),
];

function resolveSchema(
  doc: { components: { schemas: Record<string, OpenApiSchema> } },
  schema: OpenApiSchema | undefined,
): OpenApiSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length) return resolveSchema(doc, schema.allOf[0]);
  return schema;
}

/** A value for `schema`: mostly of its type, often of the wrong one. */
function valueFor(random: Random, schema: OpenApiSchema | undefined, depth = 0): unknown {
  if (random.chance(0.25) || !schema) return wrongValue(random, depth);
  if (schema.enum?.length && random.chance(0.7)) return random.pick(schema.enum);
  switch (schema.type) {
    case 'string':
      return random.pick(STRINGS);
    case 'integer':
    case 'number':
      return random.pick(NUMBERS);
    case 'boolean':
      return random.chance(0.5);
    case 'array':
      return Array.from({ length: random.int(4) }, () => valueFor(random, schema.items, depth + 1));
    case 'object':
    default: {
      const object: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (random.chance(0.85)) object[name] = valueFor(random, property, depth + 1);
      }
      if (random.chance(0.15))
        object[random.pick(['extra', '__proto__', 'constructor', 'x'.repeat(300)])] = wrongValue(random, depth + 1);
      return object;
    }
  }
}

function wrongValue(random: Random, depth: number): unknown {
  const kinds = depth > 3 ? 5 : 7;
  switch (random.int(kinds)) {
    case 0:
      return null;
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.pick(STRINGS);
    case 3:
      return random.chance(0.5);
    case 4:
      return random.pick([[], {}, [null], { '': '' }]);
    case 5:
      return [valueFor(random, undefined, depth + 1)];
    default:
      return { nested: valueFor(random, undefined, depth + 1) };
  }
}

/** The request body as text: JSON of a generated value, or something that is not quite JSON. */
function bodyFor(random: Random, schema: OpenApiSchema | undefined): string {
  const roll = random.next();
  if (roll < 0.6) return JSON.stringify(valueFor(random, schema));
  if (roll < 0.7) {
    const depth = random.pick([40, 500, 5_000, 20_000]);
    return `{"program":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  }
  if (roll < 0.8) return JSON.stringify(valueFor(random, schema)).slice(0, -1 - random.int(3));
  return random.pick([
    '',
    '{',
    '}',
    '[]',
    'null',
    '"text"',
    '1e999999',
    '{"program": "1",}',
    "{'program': 1}",
    '{"program":"\\ud800"}',
    '{"a":' + '1'.repeat(400) + '}',
    '\u0000',
    'NaN',
    '{"program":"1"}{"program":"2"}',
  ]);
}

function pathFor(random: Random, template: string, targets: Targets): { path: string; foreign: boolean } {
  let foreign = false;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const roll = random.next();
    let value: string;
    if (name === 'username') value = random.pick([targets.foreign.user, 'admin', 'nobody', ...STRINGS.slice(0, 8)]);
    else if (roll < 0.3) value = name === 'name' ? targets.own.file : targets.own.execution;
    else if (roll < 0.55) {
      // file names are each user's own: the same name is another file, only execution ids are shared
      value = name === 'name' ? targets.foreign.file : targets.foreign.execution;
      foreign ||= name !== 'name';
    } else
      value = random.pick([...STRINGS, '00000000-0000-0000-0000-000000000000', targets.own.execution.toUpperCase()]);
    return random.chance(0.9) ? encodeURIComponent(value) : value.replace(/[\s#?]/g, '');
  });
  return { path, foreign };
}

function queryFor(random: Random, operation: Operation): string {
  const pairs: string[] = [];
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    if (random.chance(0.5)) pairs.push(`${parameter.name}=${encodeURIComponent(random.pick(QUERY_VALUES))}`);
    if (random.chance(0.05)) pairs.push(`${parameter.name}=1`); // repeated: an array
  }
  if (random.chance(0.1))
    pairs.push(
      `${random.pick(['unknown', 'limit[]', '__proto__', 'a%00b'])}=${encodeURIComponent(random.pick(QUERY_VALUES))}`,
    );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function headersFor(random: Random, auth: { token: string; cookie: string }, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const who = random.next();
  if (who < 0.8) headers.authorization = `Bearer ${auth.token}`;
  else if (who < 0.88) headers.cookie = auth.cookie;
  else if (who < 0.95)
    headers.authorization = random.pick([
      'Bearer ',
      'Bearer x',
      `Bearer ${auth.token}x`,
      'Basic YWRtaW46YWRtaW4=',
      'Bearer ' + 'a'.repeat(4000),
    ]);
  if (hasBody)
    headers['content-type'] = random.chance(0.85)
      ? 'application/json'
      : random.pick([
          'text/plain',
          'application/json; charset=latin1',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        ]);
  if (random.chance(0.2)) {
    const garbage: [string, string][] = [
      ['last-event-id', random.pick(['-1', '1e19', 'abc', '99999999999999999999', ''])],
      ['origin', random.pick(['http://evil.example', 'null', ''])],
      ['sec-fetch-site', random.pick(['cross-site', 'same-site', 'none', '???'])],
      ['accept', random.pick(['text/event-stream', '*/*', 'application/xml', ''])],
      ['x-forwarded-for', random.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1'])],
      ['accept-encoding', random.pick(['gzip', 'br', 'x'])],
      ['x-file-version', random.pick(['1', '-1', 'abc', '1e19'])],
      ['x-garbage', 'x'.repeat(random.pick([1, 100, 6000]))],
    ];
    const [name, value] = random.pick(garbage);
    headers[name] = value;
  }
  return headers;
}

function generate(
  random: Random,
  operations: Operation[],
  targets: Targets,
  auth: { token: string; cookie: string },
): FuzzRequest {
  const operation = random.pick(operations);
  const { path, foreign } = pathFor(random, operation.path, targets);
  const hasBody = operation.body !== undefined ? random.chance(0.95) : random.chance(0.1);
  return {
    method: random.chance(0.03) ? random.pick(['PATCH', 'OPTIONS', 'HEAD', 'PUT', 'DELETE']) : operation.method,
    path: path + queryFor(random, operation),
    headers: headersFor(random, auth, hasBody),
    body: hasBody ? bodyFor(random, operation.body) : undefined,
    foreign,
  };
}

describe(`fuzzed requests from the OpenAPI document (${e2eDatabase})`, () => {
  jest.setTimeout(180_000);
  // The limits that would answer 429 before the input is looked at are lifted: this tests input
  // handling. Runs are kept short, so that started executions do not pile up.
  const suite = useServer({
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_MAX_FAILURES_PER_USER: '100000000',
    LOGIN_MAX_FAILURES_PER_IP: '100000000',
    LOGIN_BACKOFF_AFTER_FAILURES: '100000000',
    MAX_SESSIONS_PER_USER: '100000',
    EXECUTION_TIMEOUT_MS: '2000',
    DEBUG_PAUSE_TIMEOUT_MS: '500',
    MAX_CONCURRENT_PER_USER: '1000',
  });

  it(`answers ${REQUESTS} randomised requests (seed ${SEED}) without a 5xx or a hang, and never serves another user's execution`, async () => {
    const { admin, server } = suite;
    const alice = await admin.addUser('alice', 'alice-password');
    const mallory = await admin.addUser('mallory', 'mallory-password');
    const targets: Targets = {
      own: { execution: await mallory.startAsync('logPrint("mine") 1'), file: 'mine.ch' },
      foreign: { execution: await alice.startAsync('logPrint("secret") 2'), file: 'secret.ch', user: 'alice' },
    };
    expect((await mallory.request('PUT', '/api/files/mine.ch', { content: 'logPrint(1)' })).status).toBeLessThan(300);
    expect((await alice.request('PUT', '/api/files/secret.ch', { content: 'logPrint("secret")' })).status).toBeLessThan(
      300,
    );

    type Paths = Record<
      string,
      Record<
        string,
        { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> } }
      >
    >;
    const doc = (
      await admin.get<never, { paths: Paths; components: { schemas: Record<string, OpenApiSchema> } }>('/api/docs-json')
    ).body;
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      // logout would end the fuzzing session itself; everything else is fair game
      if (path === '/logout') continue;
      for (const [method, operation] of Object.entries(methods)) {
        operations.push({
          method: method.toUpperCase(),
          path,
          parameters: operation.parameters ?? [],
          body: resolveSchema(doc, operation.requestBody?.content?.['application/json']?.schema),
        });
      }
    }
    expect(operations.length).toBeGreaterThan(20);

    const random = prng(SEED);
    const auth = { token: mallory.token as string, cookie: mallory.cookieHeader };
    const requests = Array.from({ length: REQUESTS }, () => generate(random, operations, targets, auth));
    const histogram = new Map<string, number>();
    const failures: string[] = [];
    const describeRequest = (r: FuzzRequest) =>
      `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} ${JSON.stringify(r.body?.slice(0, 200))}`;
    let next = 0;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          let status: string;
          try {
            const response = await fetch(server.baseUrl + request.path, {
              method: request.method,
              headers: request.headers,
              body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
              signal: AbortSignal.timeout(TIMEOUT_MS),
            });
            // an SSE stream that opened is read for a moment, then closed: it answered
            if (response.headers.get('content-type')?.includes('text/event-stream')) await response.body?.cancel();
            else await response.text();
            status = String(response.status);
            if (response.status >= 500) failures.push(`${status}: ${describeRequest(request)}`);
            if (request.foreign && response.status < 300)
              failures.push(`${status} for another user's id: ${describeRequest(request)}`);
          } catch (error) {
            status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection error';
            failures.push(`${status} (${String((error as Error).cause ?? error)}): ${describeRequest(request)}`);
          }
          histogram.set(status, (histogram.get(status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const counts = [...histogram].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status}: ${n}`);
    console.log(
      `fuzz (${e2eDatabase}, seed ${SEED}): ${REQUESTS} requests in ${seconds.toFixed(1)} s, concurrency ${CONCURRENCY}\n  ${counts.join('\n  ')}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect((await new ApiClient(server.baseUrl).get('/api/health')).status).toBe(200);
    // the other user's execution and file are untouched
    expect((await alice.get(`/api/executions/${targets.foreign.execution}`)).status).toBe(200);
    expect((await alice.get('/api/files/secret.ch')).status).toBe(200);
  });
});
