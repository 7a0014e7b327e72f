/** File, metadata and license tests answered from real image archives, without any container runtime. */
import type { TestCaseResult } from '../../../src/core/records/records';
import { OperationError } from '../../../src/core/shared/errors';
import { parseStructureTestConfig } from '../../../src/core/structure-test/config/parse-config';
import { runStructureTests } from '../../../src/core/structure-test/run-structure-tests';
import { debianLikeImage, layeredImage, type TestImage } from './support/test-images';

/** Runs `yaml` against `image` with no runtime reachable; returns each test's status and message by name. */
async function run(image: TestImage, yaml: string): Promise<Map<string, TestCaseResult>> {
  const outcome = await runStructureTests({
    image: 'fixture',
    tag: 'test',
    platform: image.platform,
    archive: image.archive,
    config: parseStructureTestConfig(`schemaVersion: "2.0.0"\n${yaml}`, 'test.yml'),
    env: { PATH: '/nonexistent' },
  });
  expect(outcome.report.runtime).toBeNull();
  return new Map(outcome.report.tests.map((test) => [test.name, test]));
}

describe('file, metadata and license tests from the archive', () => {
  let layered: TestImage;
  let debian: TestImage;

  beforeAll(async () => {
    [layered, debian] = await Promise.all([layeredImage(), debianLikeImage()]);
  }, 300000);

  it('passes file existence tests that hold and fails each kind of mismatch', async () => {
    const results = await run(
      layered,
      `fileExistenceTests:
  - {name: busybox, path: /bin/busybox, permissions: "-rwxr-xr-x", uid: 0, gid: 0, isExecutableBy: other}
  - {name: sh follows its link, path: /bin/sh, permissions: "-rwxr-xr-x"}
  - {name: setuid, path: /bin/suid, permissions: "urwxr-xr-x"}
  - {name: sticky tmp, path: /tmp, permissions: "dtrwxrwxrwx"}
  - {name: setgid dir, path: /opt/tool, permissions: "dgrwxr-xr-x"}
  - {name: fifo, path: /etc/app/fifo, permissions: "prw-r--r--"}
  - {name: owned tool, path: $APP_HOME/bin/tool, uid: 1000, gid: 2000, isExecutableBy: group}
  - {name: through dir link, path: /linkdir/greeting}
  - {name: removed by whiteout, path: /etc/app/remove-me, shouldExist: false}
  - {name: hidden by opaque dir, path: /etc/app/conf.d/old.conf, shouldExist: false}
  - {name: dangling link counts as missing, path: /etc/app/dangling, shouldExist: false}
  - {name: FAIL missing, path: /etc/app/remove-me}
  - {name: FAIL present, path: /etc/app/greeting, shouldExist: false}
  - {name: FAIL permissions, path: /etc/app/private, permissions: "-rw-r--r--"}
  - {name: FAIL executable, path: /opt/tool/bin/tool, isExecutableBy: other}
  - {name: FAIL owner, path: /opt/tool/bin/tool, uid: 0, gid: 0}
  - {name: FAIL loop, path: /etc/app/loop-a}
`,
    );
    const failing = [...results.values()].filter((t) => t.status !== 'passed');
    expect(failing.map((t) => t.name)).toEqual([
      'FAIL missing',
      'FAIL present',
      'FAIL permissions',
      'FAIL executable',
      'FAIL owner',
      'FAIL loop',
    ]);
    expect(failing.every((t) => t.status === 'failed')).toBe(true);
    expect(results.get('FAIL missing')?.message).toBe('/etc/app/remove-me does not exist in the image');
    expect(results.get('FAIL present')?.message).toBe(
      '/etc/app/greeting should not exist, but it does (a regular file)',
    );
    expect(results.get('FAIL permissions')?.message).toBe(
      '/etc/app/private has permissions -rw-------, expected -rw-r--r--',
    );
    expect(results.get('FAIL executable')?.message).toBe(
      '/opt/tool/bin/tool is not executable by other (permissions -rwxr-x---)',
    );
    expect(results.get('FAIL owner')?.message).toBe(
      '/opt/tool/bin/tool is owned by uid 1000, expected 0\n/opt/tool/bin/tool belongs to gid 2000, expected 0',
    );
    expect(results.get('FAIL loop')?.message).toMatch(/too many levels of symbolic links/);
  });

  it('matches file contents with Go-style regular expressions, through links', async () => {
    const results = await run(
      layered,
      `fileContentTests:
  - {name: greeting, path: /etc/app/abs-link, expectedContents: ["^hello\\n$", "(?i)HELLO"], excludedContents: [bye]}
  - {name: script, path: /opt/tool/bin/tool, expectedContents: ["\\\\Q#!/bin/sh\\\\E"]}
  - {name: FAIL expected, path: /etc/app/greeting, expectedContents: ["^goodbye"]}
  - {name: FAIL excluded, path: /etc/app/conf.d/new.conf, excludedContents: ["ne."]}
  - {name: FAIL directory, path: /etc/app, expectedContents: [x]}
  - {name: FAIL missing, path: /etc/app/conf.d/a.conf, expectedContents: [a]}
`,
    );
    expect([...results.values()].map((t) => [t.name, t.status])).toEqual([
      ['greeting', 'passed'],
      ['script', 'passed'],
      ['FAIL expected', 'failed'],
      ['FAIL excluded', 'failed'],
      ['FAIL directory', 'failed'],
      ['FAIL missing', 'failed'],
    ]);
    expect(results.get('FAIL expected')?.message).toBe(
      'expected the contents of /etc/app/greeting to match /^goodbye/, but it did not; the contents of /etc/app/greeting was "hello\\n"',
    );
    expect(results.get('FAIL excluded')?.message).toBe(
      'expected the contents of /etc/app/conf.d/new.conf not to match /ne./, but it matched "new"',
    );
    expect(results.get('FAIL directory')?.message).toBe('cannot read /etc/app: it is a directory, not a file');
  });

  it('checks every metadata field against the image config', async () => {
    const passing = await run(
      layered,
      `metadataTest:
  envVars:
    - {key: GREETING, value: hello world}
    - {key: BUILD_ID, value: "^build-\\\\d+$", isRegex: true}
  unboundEnvVars: [{key: SECRET}]
  labels: [{key: org.example.build, value: "42"}, {key: org.opencontainers.image.title, value: "lay.*", isRegex: true}]
  exposedPorts: ["8080", "53/udp", "53"]
  unexposedPorts: ["22"]
  volumes: [/data]
  unmountedVolumes: [/srv]
  entrypoint: [/bin/sh, -c]
  cmd: [echo hi]
  workdir: /srv
  user: "1000:2000"
`,
    );
    expect(passing.get('Metadata Test')).toMatchObject({ kind: 'metadataTest', status: 'passed' });
    const failing = await run(
      layered,
      `metadataTest:
  envVars: [{key: GREETING, value: hello}, {key: MISSING, value: x}]
  unboundEnvVars: [{key: APP_HOME}]
  labels: [{key: org.example.build, value: "^4$", isRegex: true}]
  exposedPorts: ["9090", "53/tcp"]
  unexposedPorts: ["8080"]
  volumes: [/cache]
  unmountedVolumes: [/data]
  entrypoint: []
  cmd: [sh]
  workdir: /
  user: root
`,
    );
    expect(failing.get('Metadata Test')?.message?.split('\n')).toEqual([
      'environment variable GREETING is "hello world", expected "hello"',
      'environment variable MISSING is not set',
      'label org.example.build is "42", expected to match /^4$/',
      'environment variable APP_HOME should not be set, but it is "/opt/tool"',
      'entrypoint is ["/bin/sh","-c"], expected []',
      'cmd is ["echo hi"], expected ["sh"]',
      'workdir is "/srv", expected "/"',
      'user is "1000:2000", expected "root"',
      'port 9090 is not exposed (exposed: 53/udp, 8080/tcp)',
      'port 53/tcp is not exposed (exposed: 53/udp, 8080/tcp)',
      'port 8080 should not be exposed, but it is',
      'volume /cache is not declared (volumes: /data)',
      'volume /data should not be declared, but it is',
    ]);
  });

  it('passes the Debian license test on a Debian image and fails it on denied or missing licenses', async () => {
    const debianResults = await run(debian, 'licenseTests:\n  - debian: true\n');
    expect(debianResults.get('License Test')).toMatchObject({ status: 'passed' });
    const layeredResults = await run(
      layered,
      'licenseTests:\n  - debian: true\n  - debian: false\n    files: [/etc/app/greeting, /usr/share/doc/agpl/copyright]\n',
    );
    expect(layeredResults.get('License Test 1')?.message?.split('\n')).toEqual([
      '/usr/share/doc/agpl/copyright mentions AGPL, which the license test does not allow',
      'missing license file: cannot open /usr/share/doc/nocopy/copyright: /usr/share/doc/nocopy/copyright does not exist in the image',
    ]);
    expect(layeredResults.get('License Test 2')?.message).toBe(
      '/usr/share/doc/agpl/copyright mentions AGPL, which the license test does not allow',
    );
  });

  it('refuses an archive of another platform than the one to test', async () => {
    await expect(
      runStructureTests({
        image: 'fixture',
        tag: 'test',
        platform: 'linux/arm64',
        archive: layered.archive,
        config: parseStructureTestConfig(
          'schemaVersion: "2.0.0"\nfileExistenceTests: [{name: a, path: /}]',
          'test.yml',
        ),
      }),
    ).rejects.toThrow(OperationError);
  });
});
