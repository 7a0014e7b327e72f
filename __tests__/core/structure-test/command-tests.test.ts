/** Command tests for real, in podman, buildah and Docker containers, on amd64 and (under qemu) arm64. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { clearRegisteredSecrets } from '../../../src/core/shared/redact';
import { parseStructureTestConfig } from '../../../src/core/structure-test/config/parse-config';
import { renderJUnitXml } from '../../../src/core/structure-test/report/junit-xml';
import { runStructureTests } from '../../../src/core/structure-test/run-structure-tests';
import type { RuntimeName } from '../../../src/core/structure-test/runtime/container-runtime';
import { containersEnv, requireTool } from '../../support/containers-env';
import { dockerEnv, sharedDockerd } from '../../support/dockerd';
import { commandImage } from './support/test-images';

const SECRET = 's3cr3t-value-from-the-host';
const MACHINE = { amd64: 'x86_64', arm64: 'aarch64' } as const;

function config(arch: keyof typeof MACHINE) {
  return parseStructureTestConfig(
    `schemaVersion: "2.0.0"
globalEnvVars: [{key: GV, value: "g-$IMGVAR"}]
containerRunOptions: {envVars: [HOST_SECRET]}
commandTests:
  - name: env, stderr and exit code
    envVars: [{key: TV, value: tv}]
    command: sh
    args: ["-c", "echo \\"$GV $TV\\"; echo err >&2; exit 3"]
    expectedOutput: ["^g-img tv\\n$"]
    expectedError: ["^err\\n$"]
    excludedError: ["subprocess exited", "exit status"]
    exitCode: 3
  - {name: architecture, command: uname, args: ["-m"], expectedOutput: ["^${MACHINE[arch]}\\n$"]}
  - {name: entrypoint is not used, command: echo, args: [ok], expectedOutput: ["^ok\\n$"]}
  - name: arguments are expanded from the image and test variables
    envVars: [{key: TV, value: x}]
    command: echo
    args: ["$IMGVAR", "\${TV}", "$UNSET."]
    expectedOutput: ["^img x \\\\.\\n$"]
  - {name: workdir of the image, command: pwd, expectedOutput: ["^/work\\n$"]}
  - name: setup and teardown share the container
    setup: [["sh", "-c", "echo made > /tmp/marker"]]
    command: cat
    args: [/tmp/marker]
    teardown: [["rm", "/tmp/marker"]]
    expectedOutput: ["^made\\n$"]
  - {name: command not found, command: no-such-program, exitCode: 127}
  # Like the real tool, $ in arguments is expanded before the shell sees it: \\$ keeps it for the inner shell.
  # The inner shell must not be PID 1 (which ignores SIGKILL from inside), hence the trailing exit.
  - {name: killed by a signal, command: sh, args: ['-c', 'sh -c "kill -9 \\$\\$"; exit'], exitCode: 137}
  - {name: host variable passed in, command: sh, args: ["-c", "echo $HOST_SECRET"], expectedOutput: ["^${SECRET}\\n$"]}
  - {name: FAIL output, command: sh, args: ["-c", "echo $HOST_SECRET"], expectedOutput: ["^bye"]}
  - {name: FAIL exit code, command: sh, args: ["-c", "echo boom >&2; exit 4"]}
  - {name: ERROR setup, setup: [["false"]], command: "true"}
`,
    'test.yml',
  );
}

const EXPECTED_STATUS: Record<string, string> = {
  'env, stderr and exit code': 'passed',
  architecture: 'passed',
  'entrypoint is not used': 'passed',
  'arguments are expanded from the image and test variables': 'passed',
  'workdir of the image': 'passed',
  'setup and teardown share the container': 'passed',
  'command not found': 'passed',
  'killed by a signal': 'passed',
  'host variable passed in': 'passed',
  'FAIL output': 'failed',
  'FAIL exit code': 'failed',
  'ERROR setup': 'error',
};

async function runtimeEnv(runtime: RuntimeName): Promise<NodeJS.ProcessEnv> {
  const base =
    runtime === 'docker' ? dockerEnv(await sharedDockerd()) : runtime === 'podman' ? shortPathEnv() : containersEnv();
  return { ...base, HOST_SECRET: SECRET };
}

/**
 * podman with the shared test storage (under build/test-state/run-…, long paths) waits 20 s for every container to
 * exit ("Exceeded conmon timeout waiting for container to exit"); a storage under a short /tmp path does not.
 */
function shortPathEnv(): NodeJS.ProcessEnv {
  const shared = containersEnv();
  const dir = path.join(tmpdir(), `im-podman-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'storage.conf'),
    `[storage]\ndriver = "vfs"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/root"\n`,
  );
  return { ...shared, CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf') };
}

afterAll(() => rmSync(path.join(tmpdir(), `im-podman-${process.pid}`), { recursive: true, force: true }));

function leftoverContainers(runtime: RuntimeName, env: NodeJS.ProcessEnv): string[] {
  const args =
    runtime === 'buildah' ? ['containers', '--format', '{{.ContainerName}}'] : ['ps', '-a', '--format', '{{.Names}}'];
  return execFileSync(runtime, args, { env, encoding: 'utf8' })
    .split('\n')
    .filter((name) => name.startsWith('image-manager-test-'));
}

describe.each(['podman', 'buildah', 'docker'] as const)('command tests in %s containers', (runtime) => {
  beforeAll(() => {
    requireTool(runtime, `apt-get install ${runtime === 'docker' ? 'docker.io' : runtime}`);
  });
  afterEach(() => clearRegisteredSecrets());

  it.each(['amd64', 'arm64'] as const)(
    'runs every command test on linux/%s and judges output, errors and exit codes',
    async (arch) => {
      const image = await commandImage(arch);
      const env = await runtimeEnv(runtime);
      const outcome = await runStructureTests({
        image: 'command',
        tag: arch,
        platform: image.platform,
        archive: image.archive,
        config: config(arch),
        runtime,
        env,
      });
      const statuses = Object.fromEntries(outcome.report.tests.map((t) => [t.name, t.status]));
      const messages = Object.fromEntries(outcome.report.tests.map((t) => [t.name, t.message]));
      expect({ statuses, messages }).toMatchObject({ statuses: EXPECTED_STATUS });
      expect(outcome.report.runtime).toMatch(new RegExp(`^${runtime} \\d`));
      expect(outcome.passed).toBe(false);
      expect(messages['FAIL exit code']).toBe('exit code was 4, expected 0; stderr was "boom\\n"');
      expect(messages['ERROR setup']).toMatch(/^setup step 1 \("false"\) failed with exit code 1/);
      // The secret reached the container but never the report.
      expect(messages['FAIL output']).toContain('stdout was "***\\n"');
      expect(JSON.stringify(outcome.report)).not.toContain(SECRET);
      expect(renderJUnitXml(outcome.report)).not.toContain(SECRET);
      expect(leftoverContainers(runtime, env)).toEqual([]);
    },
    600000,
  );
});

describe('without a container runtime', () => {
  const nowhere = { binary: '/nonexistent/runtime' };
  const input = async () => {
    const image = await commandImage('amd64');
    return {
      image: 'command',
      tag: 'amd64',
      platform: image.platform,
      archive: image.archive,
      config: config('amd64'),
      runtimeOptions: { docker: nowhere, podman: nowhere, buildah: nowhere },
    };
  };

  it('reports command tests as not run, with the reason, and fails the run', async () => {
    const outcome = await runStructureTests(await input());
    expect(outcome.passed).toBe(false);
    expect(outcome.report.runtime).toBeNull();
    expect(outcome.report.summary).toMatchObject({ notRun: 12, passed: 0, failed: 0, errors: 0 });
    expect(outcome.report.tests[0].message).toMatch(
      /^not run: no container runtime is available \(docker: .*podman: .*buildah: /,
    );
    expect(outcome.summary).toMatch(/^FAILED command:amd64 linux\/amd64: 0 passed, 0 failed, 12 not run/);
  }, 300000);

  it('passes when command tests were turned off on purpose, and says so', async () => {
    const outcome = await runStructureTests({ ...(await input()), skipCommandTests: true });
    expect(outcome.passed).toBe(true);
    expect(outcome.report.tests.every((t) => t.status === 'not-run')).toBe(true);
    expect(outcome.report.tests[0].message).toMatch(/turned off \(skipCommandTests\)/);
  }, 300000);
});
