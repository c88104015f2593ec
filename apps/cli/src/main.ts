#!/usr/bin/env node
/**
 * chariot — command-line tool for Chariot scripts (the counterpart of the reference's chariotctl).
 *
 *   chariot run FILE.ch                      run locally, print logs as they happen and the result
 *   chariot run --server URL FILE.ch         run on a server, stream its logs over SSE
 *   chariot eval [--json]                    read a script on stdin; --json prints one JSON line
 */
import { parseArgs, usage } from './args';
import { evalCommand, runLocalCommand } from './local';
import { runRemoteCommand } from './remote';
import { forTerminal } from './terminal-text';

async function main(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.help || !opts.command) {
    process.stdout.write(usage());
    return opts.help ? 0 : 2;
  }
  switch (opts.command) {
    case 'eval':
      return evalCommand(opts);
    case 'run':
      if (!opts.file) {
        process.stderr.write('chariot run: missing FILE\n' + usage());
        return 2;
      }
      return opts.server ? runRemoteCommand(opts) : runLocalCommand(opts);
    default:
      process.stderr.write(`chariot: unknown command '${opts.command}'\n` + usage());
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`chariot: ${forTerminal(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
  },
);
