import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
import { createHash } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  // A string from the environment; a boolean or a number when a caller builds the settings itself.
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return ['1', 'true', 'yes', 'on'].includes(text.toLowerCase());
};

/**
 * Every setting the server reads from the environment, with its default.
 * `.env.example` at the repository root documents the same names.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8087;

  @IsString()
  @IsOptional()
  HOST = '0.0.0.0';

  /** Where the embedded SQLite database and user files live. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** `postgres://…` switches storage to PostgreSQL; empty means SQLite under DATA_DIR. */
  @IsString()
  @IsOptional()
  DATABASE_URL = '';

  /** Directory of the built Charioteer IDE served at `/`; empty disables static serving. */
  @IsString()
  @IsOptional()
  STATIC_DIR = '';

  @IsString()
  @MinLength(1)
  ADMIN_USERNAME = 'admin';

  @IsString()
  @MinLength(1)
  ADMIN_PASSWORD = 'admin';

  /** A session ends after this many minutes without a request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 60 * 8;

  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  /** Requests per minute for one user (one address before login); past it: 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /**
   * Failed logins allowed within the window for one username from one address, and from one
   * address for any names; past them that pair, or that address, gets 429 until the window ends.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_USER = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_MINUTES = 15;

  /**
   * Failed logins of one username from all addresses together (within the window) after which
   * every further attempt from an address that has not signed in as that user waits 1 s, 2 s,
   * 4 s … up to LOGIN_BACKOFF_MAX_SECONDS (429 with Retry-After): the account is slowed, never
   * locked, and its owner signs in from an address they used before without waiting.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_BACKOFF_AFTER_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_BACKOFF_MAX_SECONDS = 60;

  /** Live sessions one user may hold; a login past it ends their least recently used session. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_SESSIONS_PER_USER = 20;

  /**
   * While a user still has the seeded default password (ADMIN_PASSWORD), their sessions may only
   * read the profile, change the password and log out; everything else answers 403
   * PASSWORD_CHANGE_REQUIRED. `true` lifts this: for test and benchmark servers, never for one
   * others can reach.
   */
  @Transform(toBool)
  @IsBoolean()
  ALLOW_DEFAULT_PASSWORD = false;

  /** How deep arrays and objects may nest in a JSON request body; deeper: 400 JSON_TOO_DEEP. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(1000)
  MAX_JSON_DEPTH = 32;

  /**
   * Express `trust proxy`: the proxies in front of the server whose X-Forwarded-For/-Proto/-Host
   * say who the client is. Empty: none (the socket's address is the client's). A hop count
   * (`1`), `loopback`, or comma-separated addresses and CIDRs. `true` trusts any sender: only
   * when no client can reach the server directly, or each picks its own address for the limits.
   */
  @IsString()
  @IsOptional()
  TRUST_PROXY = '';

  /**
   * Origins besides the server's own that may send state-changing requests with the session
   * cookie, comma-separated (`https://ide.example.com`); others get 403 CROSS_ORIGIN_REQUEST.
   */
  @IsString()
  @IsOptional()
  ALLOWED_ORIGINS = '';

  /** `true` opens GET /api/metrics to anyone; otherwise it needs an admin session or METRICS_TOKEN. */
  @Transform(toBool)
  @IsBoolean()
  METRICS_PUBLIC = false;

  /** A long random secret for scrapers: `Authorization: Bearer <METRICS_TOKEN>` reads /api/metrics. */
  @IsString()
  @IsOptional()
  METRICS_TOKEN = '';

  /** Wall-clock limit of one execution. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EXECUTION_TIMEOUT_MS = 60_000;

  /**
   * Longest single pause of a debugged run (its wall clock stands still meanwhile); past it the
   * run ends as timed_out, so a forgotten debugger does not hold a worker for ever.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DEBUG_PAUSE_TIMEOUT_MS = 600_000;

  /**
   * All the debugger pauses of one run together (1 hour); past it the run ends as timed_out with
   * PAUSE_BUDGET_EXCEEDED, so a pause kept alive by a step now and then does not hold a place for ever.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(2_147_483_647)
  DEBUG_TOTAL_PAUSE_MS = 3_600_000;

  /** Evaluation steps one execution may take before it fails. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  EXECUTION_MAX_STEPS = 500_000_000;

  @Transform(toInt)
  @IsInt()
  @Min(16)
  EXECUTION_MAX_CALL_DEPTH = 1000;

  /**
   * Executor threads started with the server and kept for its life; each hosts many executions
   * at once. Default: one per core but one (left to HTTP), at least 1.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  EXECUTOR_THREADS = Math.max(1, availableParallelism() - 1);

  /** Heap of each executor thread (V8 old generation), in MiB: the bound of all its executions together. */
  @Transform(toInt)
  @IsInt()
  @Min(64)
  EXECUTOR_MEMORY_MB = 2048;

  /**
   * Values one execution may hold (strings, arrays, maps, nodes), in MiB; past it: MEMORY_LIMIT.
   * Kept modest because a run that fills it makes its thread's garbage collections long, and
   * every execution on that thread waits through them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXECUTION_MEMORY_MB = 64;

  /**
   * Log entries kept per execution; past it one WARN notice is written (an extra entry) and the
   * rest are counted as dropped_count.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAX_LOG_ENTRIES = 100_000;

  /** Bytes of log messages kept per execution, counted in UTF-8 as stored. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_LOG_BYTES = 64 * 1024 * 1024;

  /**
   * Bytes of log messages (UTF-8) one user may keep stored over all their executions (1 GiB);
   * past it a run's later lines are dropped and counted after one WARN notice. Deleting
   * executions (or retention) frees space.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_STORED_BYTES_PER_USER = 1024 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_PROGRAM_BYTES = 1024 * 1024;

  /** Longest result of an execution, as JSON in UTF-8 bytes; past it: RESULT_TOO_LARGE. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_RESULT_BYTES = 1024 * 1024;

  /** Longest error or progress message, in UTF-8 bytes; past it the message is cut with a marker. */
  @Transform(toInt)
  @IsInt()
  @Min(256)
  MAX_MESSAGE_BYTES = 8 * 1024;

  /** Executions one user may have running and queued at once; past it: 429 TOO_MANY_EXECUTIONS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_CONCURRENT_PER_USER = 100;

  /**
   * Executions running at once in this process; past it new ones are queued. In a cluster, the
   * most this instance takes from the shared queue at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_CONCURRENT_TOTAL = 10_000;

  /**
   * Executions waiting for a place to run; past it: 429 SERVER_BUSY. In a cluster, counted over
   * the shared queue (the count is read as each one is added, so racing starts may pass it by a few).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MAX_QUEUED = 10_000;

  /** Ended executions and their logs are deleted this many minutes after they end (7 days). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_MINUTES = 7 * 24 * 60;

  /** At most this many ended executions are kept per user; older ones are deleted first. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_MAX_PER_USER = 1000;

  /** Seconds between SSE heartbeat comments. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SSE_HEARTBEAT_SECONDS = 15;

  /**
   * Newest stored entries of each live execution kept in memory as ready SSE frames, so caught-up
   * readers are served without reading storage; a reader further back reads storage until it is
   * inside. Bounded by entries and by frame text (characters, a byte each for ASCII).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOG_TAIL_ENTRIES = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  LOG_TAIL_BYTES = 4 * 1024 * 1024;

  /** Log streams one user may hold open at once; past it: 429 TOO_MANY_STREAMS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_STREAMS_PER_USER = 200;

  /** Log streams open on one execution at once; past it: 429 TOO_MANY_STREAMS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_STREAMS_PER_EXECUTION = 100;

  /** Comma-separated environment variables scripts may read with getEnv. */
  @IsString()
  @IsOptional()
  SCRIPT_ENV_ALLOWLIST = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'verbose'])
  LOG_LEVEL = 'info';

  /**
   * Names this instance in the executions it runs and in its lease (PostgreSQL only). A restarted
   * instance marks `interrupted` what its own id left running, and nothing of another instance,
   * so it must be unique among live instances and stay the same across restarts. Default:
   * derived from the host name, PORT and DATA_DIR (see instanceId).
   */
  @IsString()
  @IsOptional()
  INSTANCE_ID = '';

  /**
   * With PostgreSQL each instance renews a lease every third of this; once an instance's lease is
   * this old, a surviving instance marks the executions it left queued or running `interrupted`.
   */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  LEASE_TIMEOUT_MS = 30_000;

  /**
   * `redis://…` with a PostgreSQL DATABASE_URL makes instances a cluster: logs of an execution
   * reach streams opened on any instance over Redis Streams, and cancel and debugger actions reach
   * the instance that runs it. Empty (or with SQLite): one process, no Redis.
   */
  @IsString()
  @IsOptional()
  REDIS_URL = '';

  /**
   * In a cluster, how long SIGTERM lets this instance's running executions finish before it marks
   * the rest `interrupted` and closes its streams (clients reconnect to another instance).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  /**
   * In a cluster, whether this instance takes executions from the shared queue (up to
   * MAX_CONCURRENT_TOTAL at once). false: it serves the API, the IDE and log streams only, and
   * hands every execution, synchronous ones too, to the instances that do.
   */
  @Transform(toBool)
  @IsBoolean()
  RUNS_EXECUTIONS = true;

  get databasePath(): string {
    return join(this.dataDir, 'chariot.db');
  }

  get dataDir(): string {
    return isAbsolute(this.DATA_DIR) ? this.DATA_DIR : resolve(process.cwd(), this.DATA_DIR);
  }

  /** TRUST_PROXY as Express takes it: false, a hop count, true, or the address list. */
  get trustProxy(): boolean | number | string {
    const value = this.TRUST_PROXY.trim();
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }

  get allowedOrigins(): string[] {
    return this.ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean);
  }

  /**
   * INSTANCE_ID, or one that stays the same when the same server is restarted on this host: the
   * host name and a digest of PORT and DATA_DIR (two instances on one host differ in one of them).
   */
  get instanceId(): string {
    if (this.INSTANCE_ID) return this.INSTANCE_ID;
    return `${hostname()}-${createHash('sha256').update(`${this.PORT}:${this.dataDir}`).digest('hex').slice(0, 12)}`;
  }

  get usesPostgres(): boolean {
    return /^postgres(ql)?:\/\//.test(this.DATABASE_URL);
  }

  /** Instances share live logs and control over Redis (REDIS_URL with PostgreSQL). */
  get clustered(): boolean {
    return this.usesPostgres && this.REDIS_URL !== '';
  }
}

export class ConfigValidationError extends Error {}

/** Builds the configuration from an environment, failing fast with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked = Object.fromEntries(known.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}=${JSON.stringify(picked[e.property])}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
