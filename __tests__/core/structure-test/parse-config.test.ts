import { ConfigError } from '../../../src/core/shared/errors';
import { parseStructureTestConfig } from '../../../src/core/structure-test/config/parse-config';

function problemsOf(text: string): string[] {
  try {
    parseStructureTestConfig(text, 'test.yml');
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map(
        (p) => `${p.location?.line}:${p.field ?? ''}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`,
      );
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('container-structure-test config parsing', () => {
  it('reads every field of schema 2.0.0 with the real tool’s defaults', () => {
    const config = parseStructureTestConfig(
      `schemaVersion: '2.0.0'
globalEnvVars:
  - key: PATH
    value: /env/bin:$PATH
commandTests:
  - name: python version
    setup: [["sh", "-c", "true"]]
    teardown: [["rm", "-f", "/x"]]
    envVars: [{key: A, value: "1"}]
    command: python
    args: [--version]
    expectedOutput: ["Python 3\\\\.\\\\d+"]
    excludedError: ["(?i)error"]
    exitCode: 0x0
fileExistenceTests:
  - name: root
    path: /
    permissions: drwxr-xr-x
    uid: 0
    gid: -1
    isExecutableBy: any
  - name: absent
    path: /nope
    shouldExist: no
fileContentTests:
  - name: os
    path: /etc/os-release
    expectedContents: ['ID=debian']
    excludedContents: [ubuntu]
metadataTest:
  envVars: [{key: LANG, value: 'C\\..*', isRegex: true}]
  unboundEnvVars: [{key: SECRET}]
  labels: [{key: version, value: "1.2"}]
  exposedPorts: ["8080"]
  unexposedPorts: ["22"]
  volumes: [/data]
  unmountedVolumes: [/tmp]
  entrypoint: []
  cmd: ["/bin/sh"]
  workdir: /app
  user: "1000"
licenseTests:
  - debian: true
    files: [/LICENSE]
containerRunOptions:
  user: root
  privileged: true
  envVars: [TOKEN]
  capabilities: [NET_ADMIN]
  bindMounts: ["/tmp:/host-tmp"]
`,
      'test.yml',
    );
    expect(config.commandTests[0]).toMatchObject({
      name: 'python version',
      setup: [['sh', '-c', 'true']],
      teardown: [['rm', '-f', '/x']],
      envVars: [{ key: 'A', value: '1' }],
      args: ['--version'],
      exitCode: 0,
    });
    expect(config.commandTests[0].expectedOutput[0].regexp.test('Python 3.11')).toBe(true);
    expect(config.commandTests[0].excludedError[0].regexp.test('ERROR')).toBe(true);
    expect(config.fileExistenceTests).toEqual([
      {
        name: 'root',
        path: '/',
        shouldExist: true,
        permissions: 'drwxr-xr-x',
        uid: 0,
        gid: undefined,
        isExecutableBy: 'any',
      },
      {
        name: 'absent',
        path: '/nope',
        shouldExist: false,
        permissions: undefined,
        uid: undefined,
        gid: undefined,
        isExecutableBy: undefined,
      },
    ]);
    expect(config.metadataTest).toMatchObject({
      unboundEnvVars: ['SECRET'],
      labels: [{ key: 'version', value: '1.2' }],
      entrypoint: [],
      cmd: ['/bin/sh'],
      workdir: '/app',
      user: '1000',
    });
    expect(config.metadataTest?.envVars[0].pattern?.regexp.test('C.UTF-8')).toBe(true);
    expect(config.licenseTests).toEqual([{ debian: true, files: ['/LICENSE'] }]);
    expect(config.containerRunOptions).toMatchObject({ user: 'root', privileged: true, envVars: ['TOKEN'] });
    expect(config.globalEnvVars).toEqual([{ key: 'PATH', value: '/env/bin:$PATH' }]);
  });

  it('keeps version-like values as written (1.10 stays "1.10", not 1.1)', () => {
    const config = parseStructureTestConfig(
      'schemaVersion: 2.0.0\nmetadataTest:\n  labels: [{key: v, value: 1.10}]\n  envVars: [{key: N, value: 010}]\n',
      'test.yml',
    );
    expect(config.metadataTest?.labels[0].value).toBe('1.10');
    expect(config.metadataTest?.envVars[0].value).toBe('010');
  });

  it('reads a JSON config too', () => {
    const config = parseStructureTestConfig(
      JSON.stringify({ schemaVersion: '2.0.0', fileExistenceTests: [{ name: 'sh', path: '/bin/sh', uid: 0 }] }),
      'test.json',
    );
    expect(config.fileExistenceTests[0]).toMatchObject({ name: 'sh', shouldExist: true, uid: 0 });
  });

  it('reports every problem of a file together, with line and field', () => {
    expect(
      problemsOf(`schemaVersion: "1.0.0"
commandTests:
  - name: a
    command: echo
    expectedOutput: ["(?=x)"]
    exitCode: zero
    setup: [[]]
  - command: echo
fileExistenceTests:
  - name: f
    path: /x
    Permissions: "-rw-r--r--"
    isExecutableBy: ownr
    shouldExist: maybe
  - name: g
    path: /y
    permissions: "rw-r--r--"
metadataTest:
  env: [{key: A, value: b}]
  workdir: ["/app"]
  labels: [{value: x}]
licenseTests: {debian: true}
extra: 1
`),
    ).toEqual([
      '1:schemaVersion: unsupported schema version "1.0.0" (use "2.0.0")',
      '5:commandTests[0].expectedOutput[0]: invalid regular expression "(?=x)": lookahead and lookbehind are not supported by Go (RE2) (patterns use Go RE2 syntax, as in container-structure-test)',
      '6:commandTests[0].exitCode: expected a whole number, got "zero"',
      '7:commandTests[0].setup[0]: an empty command (remove it, or write the command as a list: ["sh", "-c", "…"])',
      '8:commandTests[1].name: is required and must not be empty',
      '12:fileExistenceTests[0].Permissions: unknown field (container-structure-test rejects it too) (did you mean "permissions"?)',
      '13:fileExistenceTests[0].isExecutableBy: "ownr" is not one of owner, group, other, any (did you mean "owner"?)',
      '14:fileExistenceTests[0].shouldExist: expected true or false, got "maybe"',
      '17:fileExistenceTests[1].permissions: "rw-r--r--" is not a permission string (write it as `ls -l` shows it, e.g. "-rw-r--r--" for a file or "drwxr-xr-x" for a directory)',
      '19:metadataTest.env: unknown field (container-structure-test rejects it too) (container-structure-test renamed "env" to "envVars" (2022); use "envVars")',
      '20:metadataTest.workdir: expected text, got a list',
      '21:metadataTest.labels[0].key: is required and must not be empty',
      '22:licenseTests: expected a list, got a mapping',
      '23:extra: unknown field (container-structure-test rejects it too) (known fields: schemaVersion, globalEnvVars, commandTests, fileExistenceTests, fileContentTests, metadataTest, licenseTests, containerRunOptions)',
    ]);
  });

  it.each([
    ['an empty file', '', /the test config is empty/],
    ['a config without tests', 'schemaVersion: "2.0.0"\n', /has no tests/],
    ['invalid YAML', 'schemaVersion: "2.0.0"\ncommandTests: [\n', /invalid YAML/],
    ['a list at the top', '- a\n', /expected a mapping/],
    ['a missing schema version', 'fileExistenceTests: [{name: a, path: /}]\n', /schemaVersion: is required/],
  ])('rejects %s', (_what, text, message) => {
    expect(problemsOf(text).join('\n')).toMatch(message);
  });
});
