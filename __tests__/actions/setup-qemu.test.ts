/**
 * actions/shared/setup-qemu.sh, the emulation step of build-platform and test, run with bash as the runner runs
 * it. The install path runs against stand-ins for apt-get and update-binfmts (only the tools the script needs are
 * on PATH), so what it would install and what it then checks are visible without touching this machine.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ACTIONS_DIR } from '../support/github-runner';

const SCRIPT = path.join(ACTIONS_DIR, 'shared', 'setup-qemu.sh');
const NATIVE = process.arch;

interface Machine {
  binfmt: string;
  bin: string;
  calls: string;
}

/** A binfmt_misc folder and a PATH holding node, the shell tools, and optional stand-ins for apt-get. */
function machine(handlers: Record<string, string>, aptGet?: 'registers' | 'does-nothing'): Machine {
  const root = mkdtempSync(path.join(tmpdir(), 'im-qemu-'));
  const binfmt = path.join(root, 'binfmt_misc');
  const bin = path.join(root, 'bin');
  const calls = path.join(root, 'calls');
  mkdirSync(binfmt);
  mkdirSync(bin);
  writeFileSync(calls, '');
  for (const [name, state] of Object.entries(handlers)) writeFileSync(path.join(binfmt, name), `${state}\nflags: F\n`);
  for (const tool of ['node', 'tr', 'head', 'id', 'cat']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, path.join(bin, tool));
  }
  const standIn = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${calls}"\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  if (aptGet) {
    const register =
      aptGet === 'registers' ? `if [ "$1" = install ]; then echo enabled > "${binfmt}/qemu-aarch64"; fi` : 'true';
    standIn('apt-get', register);
    standIn('update-binfmts', 'true');
  }
  return { binfmt, bin, calls };
}

function setUp(platform: string, on: Machine) {
  const result = spawnSync('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', SCRIPT], {
    env: { PLATFORM: platform, BINFMT_MISC_DIR: on.binfmt, PATH: on.bin },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr, calls: readFileSync(on.calls, 'utf8') };
}

describe('setup-qemu.sh', () => {
  if (NATIVE !== 'x64') throw new Error(`these cases are written for an x64 machine, this one is ${NATIVE}`);

  it.each(['linux/amd64', 'amd64', 'x86_64', 'LINUX/AMD64', 'linux/386'])(
    'installs nothing for %s on an x64 runner',
    (platform) => {
      const result = setUp(platform, machine({}, 'registers'));
      expect(result).toMatchObject({ code: 0, calls: '' });
      expect(result.out).toContain(`${platform} runs natively on this x64 runner: no emulation needed`);
    },
  );

  it.each(['linux/arm64', 'arm64', 'aarch64', 'linux/arm64/v8'])('uses a registered handler for %s', (platform) => {
    const result = setUp(platform, machine({ 'qemu-aarch64': 'enabled' }, 'registers'));
    expect(result).toMatchObject({ code: 0, calls: '' });
    expect(result.out).toContain('runs through the qemu-aarch64 binfmt_misc handler already registered');
  });

  it('installs qemu-user-static when the handler is missing or disabled, and checks it afterwards', () => {
    for (const handlers of [{}, { 'qemu-aarch64': 'disabled' }] as Array<Record<string, string>>) {
      const result = setUp('linux/arm64', machine(handlers, 'registers'));
      expect(result.code).toBe(0);
      expect(result.calls).toBe(
        'apt-get update -qq\napt-get install -y -qq --no-install-recommends qemu-user-static\n',
      );
      expect(result.out).toContain('no qemu-aarch64 handler is registered: installing qemu-user-static');
      expect(result.out).toContain('linux/arm64 now runs through qemu-aarch64');
    }
  });

  it('fails with the next thing to try when the install registers nothing', () => {
    const result = setUp('linux/arm64', machine({}, 'does-nothing'));
    expect(result.code).toBe(1);
    expect(result.calls).toContain('update-binfmts --enable qemu-aarch64');
    expect(result.out).toMatch(
      /::error::qemu-user-static is installed but .*qemu-aarch64 is still not registered: add a docker\/setup-qemu-action step/,
    );
  });

  it('fails on a runner without apt-get, naming docker/setup-qemu-action and native runners', () => {
    const result = setUp('linux/riscv64', machine({}));
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '::error::cannot set up emulation for linux/riscv64 here (no apt-get): add a docker/setup-qemu-action step before this one, or run the job on a linux/riscv64 runner',
    );
  });

  it('leaves an unknown platform to image-manager, which suggests the right spelling', () => {
    expect(setUp('linux/arm65', machine({}, 'registers'))).toMatchObject({ code: 0, calls: '' });
  });

  it('fails on an empty platform', () => {
    const result = setUp('', machine({}));
    expect(result.code).toBe(1);
    expect(result.out).toContain('::error::the platform input is empty');
  });
});
