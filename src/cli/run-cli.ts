import { parseArgs } from 'node:util';
import {
  EXIT_FAILED,
  EXIT_INVALID_INPUT,
  formatProblem,
  isUserError,
  OperationError,
  UsageError,
} from '../core/shared/errors';
import { didYouMean } from '../core/shared/did-you-mean';
import { redact } from '../core/shared/redact';
import type { CliContext, Command, ParsedCommandLine } from './command';
import { commandHelp, generalHelp } from './help';

/**
 * The whole CLI as a function: argv in, exit code out. The one place that turns errors into messages and exit
 * codes: user errors (2) and failed operations (1) print a message, never a stack trace; anything else is a bug
 * and prints its stack so it can be reported.
 */
export async function runCli(argv: string[], commands: Command[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    context.stdout(target ? commandHelp(target) : generalHelp(commands));
    return name ? 0 : EXIT_INVALID_INPUT;
  }
  if (name === '--version' || name === '-V') {
    context.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      const suggestion = didYouMean(
        name,
        commands.map((c) => c.name),
      );
      throw new UsageError(
        `unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run \`image-manager --help\` for the list`,
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(parseCommandLine(command, rest), context);
  } catch (error) {
    return reportError(error, context);
  }
}

export const VERSION = '0.1.0';

function parseCommandLine(command: Command, args: string[]): ParsedCommandLine {
  const options = Object.fromEntries(
    // parseArgs rejects keys that are present but undefined, so only defined ones are passed.
    Object.entries(command.options).map(([key, spec]) => [
      key,
      { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) },
    ]),
  );
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (!command.args && parsed.positionals.length > 0) {
      throw new UsageError(`${command.name} takes no arguments, got "${parsed.positionals[0]}"`);
    }
    return { values: parsed.values as ParsedCommandLine['values'], positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
    if (unknown) {
      const suggestion = didYouMean(unknown[1].replace(/^-+/, ''), Object.keys(command.options));
      throw new UsageError(
        `${command.name}: unknown option ${unknown[1]}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see \`image-manager ${command.name} --help\``,
      );
    }
    throw new UsageError(
      `${command.name}: ${message.replace(/\. To specify.*$/s, '')}; see \`image-manager ${command.name} --help\``,
    );
  }
}

function reportError(error: unknown, context: CliContext): number {
  if (isUserError(error)) {
    if ('problems' in error) {
      for (const problem of error.problems)
        context.logger.error(formatProblem({ ...problem, location: undefined }), problem.location);
      const count = error.problems.length;
      context.stderr(`${count} problem${count === 1 ? '' : 's'} found; nothing was written.\n`);
    } else {
      context.logger.error(error.message);
    }
    return EXIT_INVALID_INPUT;
  }
  if (error instanceof OperationError) {
    context.logger.error(error.message);
    return EXIT_FAILED;
  }
  context.stderr(`internal error (please report it): ${redact((error as Error)?.stack ?? String(error))}\n`);
  return EXIT_FAILED;
}
