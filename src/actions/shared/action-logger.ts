import * as core from '@actions/core';
import type { Logger } from '../../core/shared/logger';
import { redact } from '../../core/shared/redact';

type Location = { file: string; line?: number; column?: number };

function annotation(location?: Location): core.AnnotationProperties | undefined {
  if (!location) return undefined;
  return { file: location.file, startLine: location.line, startColumn: location.column };
}

/** The library's Logger on GitHub: warnings and errors become annotations on the file and line they name. */
export const actionLogger: Logger = {
  info: (message) => core.info(redact(message)),
  warn: (message, location) => core.warning(redact(message), annotation(location)),
  error: (message, location) => core.error(redact(message), annotation(location)),
  debug: (message) => core.debug(redact(message)),
};
