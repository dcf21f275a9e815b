import { readFileSync } from 'node:fs';
import { compileCommand } from './compile-command.ts';
import { describeCommand } from './describe-command.ts';
import { diagnoseCommand } from './diagnose-command.ts';
import { UsageError, type CliIo } from './io.ts';
import { planCommand } from './plan-command.ts';
import { queryCommand } from './query-command.ts';
import { snapshotCommand } from './snapshot-command.ts';
import { watchCommand } from './watch-command.ts';
import { InputError } from '../model/errors.ts';

/** `causeway --help`. */
export const MAIN_HELP = `Causeway: the intelligence layer on top of Cluster API.

Usage: causeway <command> [arguments] [options]

Commands:
  describe <bundle> [cluster]     the fleet as one tree across management and workload clusters
  diagnose <bundle>               incidents with root cause, evidence, blast radius and fix
  query <bundle> <verb> ...       walk the fleet graph: children, parents, path, show
  watch --kubeconfig F            live: print changes and cluster states as they happen
  snapshot --kubeconfig F -o DIR  live: write a bundle of the management and workload clusters now
  compile <intent.yaml>           a cluster intent as deterministic Cluster API manifests
  plan <intent.yaml> --bundle D   what applying an intent changes and which machines roll (or --kubeconfig F)

Run \`causeway <command> --help\` for what a command does, its options and examples.

A bundle is a folder captured from a management cluster and its workload clusters with kubectl
(scripts/capture-bundle.sh writes one); see the README. Try: causeway describe demo/fleet
describe and diagnose also read live clusters: --kubeconfig F [--context C] instead of a bundle
(docs/live.md: the read-only RBAC to grant, workload credentials, live/stale/failed states).

Options:
  -h, --help      this help
      --version   the version

Exit status: 0 when the command ran, 2 for unusable input or a usage error, 3 for an internal error.
`;

/** Runs the CLI with arguments and I/O given; returns the exit status. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case '--version':
        io.stdout.write(`${version()}\n`);
        return 0;
      case 'describe':
        return await describeCommand(rest, io);
      case 'diagnose':
        return await diagnoseCommand(rest, io);
      case 'query':
        return await queryCommand(rest, io);
      case 'watch':
        return await watchCommand(rest, io);
      case 'snapshot':
        return await snapshotCommand(rest, io);
      case 'compile':
        return await compileCommand(rest, io);
      case 'plan':
        return await planCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(
        `causeway: ${(error as Error).message}\nRun 'causeway ${command && !command.startsWith('-') ? `${command} ` : ''}--help' for usage.\n`,
      );
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr.write(`causeway: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(
      `causeway: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 3;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
}

/** Runs the CLI on this process's arguments and sets its exit status: the one place that decides the exit. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}

if (import.meta.main) await main();
