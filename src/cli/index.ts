import { commands } from './commands';
import { createConsoleLogger } from './console-logger';
import { runCli } from './run-cli';

const stderr = (text: string) => process.stderr.write(text);
void runCli(process.argv.slice(2), commands, {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr,
  logger: createConsoleLogger(stderr, process.env, Boolean(process.stderr.isTTY)),
}).then((code) => {
  process.exitCode = code;
});
