import type { Command } from '../command';
import { generateCommand } from './generate';
import { generateCiCommand } from './generate-ci';
import { listCommand } from './list';
import { reportCommand } from './report';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [generateCommand, listCommand, generateCiCommand, reportCommand];
