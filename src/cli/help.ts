import type { Command } from './command';

export function generalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'image-manager — build, test and publish a catalog of container images',
    '',
    'Usage: image-manager <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `image-manager <command> --help` for a command's options.",
    'Exit codes: 0 ok, 1 an operation failed, 2 invalid input.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [
    `Usage: image-manager ${command.name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    '',
  ];
  if (command.description) lines.push(command.description.trim(), '');
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('Options:');
    const labels = options.map(
      ([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`,
    );
    const width = Math.max(...labels.map((l) => l.length));
    options.forEach(([, spec], i) => lines.push(`  ${labels[i].padEnd(width)}  ${spec.description}`));
    lines.push('');
  }
  lines.push('  -h, --help'.padEnd(0) + '  show this help', '');
  return lines.join('\n');
}
