import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCommand } from '../../cli/commands/build';
import type { ParsedCommandLine } from '../../cli/command';
import { affectedUnit, parseAffectedSet } from '../../core/pipeline/affected-set';
import { OperationError } from '../../core/shared/errors';
import { actionLogger } from '../shared/action-logger';
import type { StepEnvironment } from '../shared/step-environment';

export interface AffectedUnits {
  /** `<image> <platform>` pairs with at least one tag to build, sorted. */
  build: string[];
  /** `<image> <platform>` pairs whose tags now point at the registry's images of the same inputs, sorted. */
  reused: string[];
}

/**
 * Runs `image-manager build --reuse-only --affected-file FILE` itself (the command, not a re-implementation, as
 * build-platform runs `build`): before any build job starts, the snapshot tags of every unchanged platform image
 * point at the registry's image of the same inputs, and the generated workflow learns which build jobs to run.
 * dist/ must already be generated: the command only checks that it is current.
 */
export async function reuseUnchanged(step: StepEnvironment, builder: string | undefined): Promise<AffectedUnits> {
  const dir = await fs.mkdtemp(path.join(step.env.RUNNER_TEMP || tmpdir(), 'image-manager-affected-'));
  const file = path.join(dir, 'affected.json');
  try {
    const values: ParsedCommandLine['values'] = { 'reuse-only': true, 'affected-file': file };
    if (step.snapshotId) values['snapshot-id'] = step.snapshotId;
    if (builder) values.builder = builder;
    const code = await buildCommand.run(
      { values, positionals: [] },
      {
        cwd: step.root,
        env: step.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        logger: actionLogger,
      },
    );
    if (code !== 0) throw new OperationError('computing the affected images failed: the log says why');
    const set = parseAffectedSet(await fs.readFile(file, 'utf8'), file);
    return { build: [...set.build], reused: [...set.reused] };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Without the affected set nothing was checked, so every image is built on every platform. */
export function everyUnit(images: readonly string[], platforms: readonly string[]): AffectedUnits {
  return { build: images.flatMap((image) => platforms.map((p) => affectedUnit(image, p))).sort(), reused: [] };
}
