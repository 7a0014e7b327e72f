/**
 * `--builder KIND` for the commands that build or plan builds, and the kind a plan counts with: the input digest
 * of an image includes the builder kind, so `plan` and `build --reuse-only` must name the same builder the build
 * will use — the requested one, the configured one, else the one auto-detection picks on this machine.
 */
import { selectBuilder } from '../../core/build/select-builder';
import { BUILDER_KINDS, type BuilderKind } from '../../core/build/types';
import type { ProjectConfig } from '../../core/config/types';
import { didYouMean } from '../../core/shared/did-you-mean';
import { OperationError, UsageError } from '../../core/shared/errors';
import type { Exec } from '../../core/shared/exec';
import type { Logger } from '../../core/shared/logger';
import type { ParsedCommandLine } from '../command';
import { stringOption } from './common-options';

export function builderOption(commandLine: ParsedCommandLine): BuilderKind | undefined {
  const value = stringOption(commandLine, 'builder');
  if (value === undefined) return undefined;
  if ((BUILDER_KINDS as readonly string[]).includes(value)) return value as BuilderKind;
  const suggestion = didYouMean(value, BUILDER_KINDS);
  throw new UsageError(
    `--builder ${value}: unknown builder${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use one of ${BUILDER_KINDS.join(', ')}`,
  );
}

/** The builder kind a build here would use, without needing it to work: buildah (with a warning) when none is found. */
export async function plannedBuilderKind(
  requested: BuilderKind | undefined,
  config: ProjectConfig,
  environment: { env: NodeJS.ProcessEnv; exec: Exec; logger: Logger },
): Promise<BuilderKind> {
  const chosen = requested ?? config.builder;
  if (chosen) return chosen;
  try {
    return (await selectBuilder({ env: environment.env, exec: environment.exec })).kind;
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    environment.logger.warn(
      'no image builder is installed here: planning as for buildah (pass --builder with the one your build uses)',
    );
    return 'buildah';
  }
}
