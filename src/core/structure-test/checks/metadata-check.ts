/**
 * The metadataTest against the image config read from the archive: environment, labels, entrypoint, cmd, ports,
 * volumes, workdir and user, compared the way the real tool compares them.
 */
import type { ImageConfigFile } from '../archive/docker-archive';
import type { ExpectedValue, MetadataTestSpec } from '../config/types';
import { envListToMap } from '../env-expansion';
import { outcomeOf, shown, type CheckOutcome } from './check-outcome';

export function checkMetadata(config: ImageConfigFile, test: MetadataTestSpec): CheckOutcome {
  const image = config.config ?? {};
  const env = envListToMap(image.Env);
  const labels = new Map(Object.entries(image.Labels ?? {}));
  const ports = Object.keys(image.ExposedPorts ?? {});
  const volumes = Object.keys(image.Volumes ?? {});
  const mismatches = [
    ...compareValues('environment variable', env, test.envVars),
    ...compareValues('label', labels, test.labels),
  ];
  for (const key of test.unboundEnvVars) {
    if (env.has(key))
      mismatches.push(`environment variable ${key} should not be set, but it is ${shown(env.get(key) ?? '')}`);
  }
  compareList('entrypoint', image.Entrypoint ?? [], test.entrypoint, mismatches);
  compareList('cmd', image.Cmd ?? [], test.cmd, mismatches);
  if (test.workdir && test.workdir !== (image.WorkingDir ?? '')) {
    mismatches.push(`workdir is ${shown(image.WorkingDir ?? '')}, expected ${shown(test.workdir)}`);
  }
  if (test.user && test.user !== (image.User ?? '')) {
    mismatches.push(`user is ${shown(image.User ?? '')}, expected ${shown(test.user)}`);
  }
  for (const port of test.exposedPorts) {
    if (!portListed(port, ports)) mismatches.push(`port ${port} is not exposed (exposed: ${listed(ports)})`);
  }
  for (const port of test.unexposedPorts) {
    if (portListed(port, ports)) mismatches.push(`port ${port} should not be exposed, but it is`);
  }
  for (const volume of test.volumes) {
    if (!volumes.includes(volume)) mismatches.push(`volume ${volume} is not declared (volumes: ${listed(volumes)})`);
  }
  for (const volume of test.unmountedVolumes) {
    if (volumes.includes(volume)) mismatches.push(`volume ${volume} should not be declared, but it is`);
  }
  return outcomeOf(mismatches);
}

function compareValues(what: string, actual: Map<string, string>, expected: ExpectedValue[]): string[] {
  const mismatches: string[] = [];
  for (const item of expected) {
    const value = actual.get(item.key);
    if (value === undefined) mismatches.push(`${what} ${item.key} is not set`);
    else if (item.pattern ? !item.pattern.regexp.test(value) : value !== item.value) {
      const wanted = item.pattern ? `to match /${item.pattern.source}/` : shown(item.value);
      mismatches.push(`${what} ${item.key} is ${shown(value)}, expected ${wanted}`);
    }
  }
  return mismatches;
}

function compareList(what: string, actual: string[], expected: string[] | undefined, mismatches: string[]): void {
  if (expected === undefined) return;
  const same = actual.length === expected.length && actual.every((value, index) => value === expected[index]);
  if (!same) mismatches.push(`${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** The real tool compares port numbers (`8080` for `8080/tcp`); a protocol in the test must match exactly. */
function portListed(port: string, exposed: string[]): boolean {
  return exposed.some((entry) => entry === port || (!port.includes('/') && entry.split('/')[0] === port));
}

function listed(values: string[]): string {
  return values.length === 0 ? 'none' : [...values].sort().join(', ');
}
