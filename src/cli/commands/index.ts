import type { Command } from '../command';
import { generateCommand } from './generate';
import { generateCiCommand } from './generate-ci';
import { cleanupCommand } from './cleanup';
import { listCommand } from './list';
import { manifestCommand } from './manifest';
import { promoteCommand } from './promote';
import { reportCommand } from './report';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [
  generateCommand,
  listCommand,
  manifestCommand,
  promoteCommand,
  cleanupCommand,
  reportCommand,
  generateCiCommand,
];
