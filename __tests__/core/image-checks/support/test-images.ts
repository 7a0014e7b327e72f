/**
 * Catalog images for the `test` command tests. `good` passes every test of every kind on both platforms; `bad`
 * fails one test of each kind, plus one that only passes on arm64 (proving the arm64 image really ran, under
 * qemu); `plain` has no tests.
 */
export const GOOD_TESTS = `schemaVersion: 2.0.0
fileExistenceTests:
  - name: busybox is installed
    path: /bin/busybox
    shouldExist: true
    isExecutableBy: any
fileContentTests:
  - name: the build step ran
    path: /etc/good-info
    expectedContents: ['^good 1\\.0\\n$']
metadataTest:
  envVars: [{key: GREETING, value: hello}]
  labels: [{key: org.example.team, value: qa}]
  cmd: [sh]
licenseTests:
  - debian: true
commandTests:
  - name: greeting from the image environment
    command: sh
    args: [-c, 'echo "$GREETING"']
    expectedOutput: ['^hello\\n$']
  - name: runs on its own architecture
    command: uname
    args: [-m]
    expectedOutput: ['^(x86_64|aarch64)\\n$']
`;

export const BAD_TESTS = `schemaVersion: 2.0.0
fileExistenceTests:
  - name: FAIL a file that is not there
    path: /etc/not-there
    shouldExist: true
  - name: busybox is installed
    path: /bin/busybox
    shouldExist: true
fileContentTests:
  - name: FAIL wrong content
    path: /etc/bad-info
    expectedContents: ['^something else']
metadataTest:
  envVars: [{key: GREETING, value: bonjour}]
licenseTests:
  - debian: true
commandTests:
  - name: FAIL exit code
    command: sh
    args: [-c, 'echo boom >&2; exit 3']
  - name: is an arm64 machine
    command: uname
    args: [-m]
    expectedOutput: ['^aarch64\\n$']
`;

export const TEST_IMAGES: Record<string, string> = {
  'images/good/image.yml': "name: good\ntags:\n  - name: '1.0'\n",
  'images/good/Dockerfile.mustache':
    'FROM busybox:latest\nENV GREETING=hello\nLABEL org.example.team=qa\nRUN echo "good {{tag}}" > /etc/good-info\n',
  'images/good/test.yml': GOOD_TESTS,
  'images/good/rootfs/usr/share/doc/good/copyright': 'Copyright: the good people\nLicense: MIT\n',
  'images/bad/image.yml': "name: bad\ntags:\n  - name: '1.0'\n",
  'images/bad/Dockerfile.mustache': 'FROM busybox:latest\nENV GREETING=hello\nRUN echo "bad {{tag}}" > /etc/bad-info\n',
  'images/bad/test.yml': BAD_TESTS,
  'images/bad/rootfs/usr/share/doc/evil/copyright': 'License: GNU AFFERO GENERAL PUBLIC LICENSE (AGPL-3.0)\n',
  'images/plain/image.yml': "name: plain\ntags:\n  - name: '1.0'\n",
  'images/plain/Dockerfile.mustache': 'FROM busybox:latest\nRUN touch /etc/plain\n',
};
