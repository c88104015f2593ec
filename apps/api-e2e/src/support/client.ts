import type { ApiErrorBody, EnvelopeResult, ExecutionStarted, LoginResponse } from '@chariot/contract';

/**
 * The API's envelope as the specs read it: `data` typed by the caller (the contract's ApiEnvelope
 * says `T | null`; a spec that expects data asserts on it, and a null would fail that assertion).
 */
export interface Envelope<T = unknown> {
  result: EnvelopeResult;
  data: T;
  error?: ApiErrorBody;
}

/** One reply: `body` is the parsed JSON (undefined when the reply was not JSON), `text` the raw body. */
export interface Reply<B = Envelope> {
  status: number;
  body: B;
  headers: Headers;
  text: string;
}

/** A tiny HTTP client with a cookie jar, speaking to the API the way a browser or cURL would. */
export class ApiClient {
  private cookies = new Map<string, string>();
  token: string | undefined;

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** `T` is the shape of the envelope's `data` the caller expects; `B` the whole body when it is not an envelope. */
  async request<T = unknown, B = Envelope<T>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<B>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      if (value.join('=') === '') this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed as B, headers: response.headers, text };
  }

  get<T = unknown, B = Envelope<T>>(path: string, headers?: Record<string, string>) {
    return this.request<T, B>('GET', path, undefined, headers);
  }

  post<T = unknown, B = Envelope<T>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T, B>('POST', path, body ?? {}, headers);
  }

  async login(username = 'admin', password = 'admin'): Promise<this> {
    const reply = await this.post<LoginResponse>('/login', { username, password });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
    this.token = reply.body.data.token;
    return this;
  }

  /** As an admin: creates a user and returns a client signed in as them. */
  async addUser(username: string, password: string): Promise<ApiClient> {
    const reply = await this.post('/api/users', { username, password });
    if (reply.status !== 201) throw new Error(`creating ${username}: ${reply.status} ${reply.text}`);
    return new ApiClient(this.baseUrl).login(username, password);
  }

  async startAsync(program: string): Promise<string> {
    const reply = await this.post<ExecutionStarted>('/api/execute-async', { program });
    if (reply.status !== 202) throw new Error(`execute-async: ${reply.status} ${reply.text}`);
    return reply.body.data.execution_id;
  }
}
