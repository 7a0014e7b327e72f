import type { Command } from '../command';
import { generateCommand } from './generate';
import { generateCiCommand } from './generate-ci';
import { buildCommand } from './build';
import { cleanupCommand } from './cleanup';
import { startCommand, statusCommand, stopCommand } from './daemons';
import { listCommand } from './list';
import { planCommand } from './plan';
import { manifestCommand } from './manifest';
import { promoteCommand } from './promote';
import { reportCommand } from './report';
import { sbomCommand } from './sbom';
import { testCommand } from './test';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [
  generateCommand,
  listCommand,
  buildCommand,
  planCommand,
  testCommand,
  sbomCommand,
  manifestCommand,
  promoteCommand,
  cleanupCommand,
  reportCommand,
  generateCiCommand,
  startCommand,
  stopCommand,
  statusCommand,
];
