export interface CliOptions {
  command?: string;
  file?: string;
  json: boolean;
  server?: string;
  user: string;
  password: string;
  help: boolean;
  quiet: boolean;
  maxSteps?: number;
}

export function usage(): string {
  return [
    'usage:',
    '  chariot run [--quiet] [--max-steps N] FILE.ch     run a script locally, printing its logs and result',
    '  chariot run --server URL [--user U --password P] FILE.ch',
    '                                                   run on a server and stream its logs (SSE)',
    '  chariot eval [--json] [--max-steps N]             read a script on stdin and print its result',
    '',
    'environment: CHARIOT_USER, CHARIOT_PASSWORD (default admin/admin)',
    '',
  ].join('\n');
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const o: CliOptions = {
    json: false,
    help: false,
    quiet: false,
    user: env['CHARIOT_USER'] ?? 'admin',
    password: env['CHARIOT_PASSWORD'] ?? 'admin',
  };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--json':
        o.json = true;
        break;
      case '--server':
        o.server = value();
        break;
      case '--user':
        o.user = value();
        break;
      case '--password':
        o.password = value();
        break;
      case '--max-steps':
        o.maxSteps = Number(value());
        break;
      case '-q':
      case '--quiet':
        o.quiet = true;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        rest.push(a);
    }
  }
  o.command = rest[0];
  o.file = rest[1];
  return o;
}
