import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  emulationStatus,
  ensurePlatformRunnable,
  nativePlatform,
  normalisePlatform,
  parseBinfmtEntry,
  platformSlug,
  splitPlatform,
} from '../../../src/core/build/platform';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { scratchDir } from './build-fixtures';

describe('normalisePlatform', () => {
  it.each([
    ['amd64', 'linux/amd64'],
    ['x86_64', 'linux/amd64'],
    ['linux/amd64', 'linux/amd64'],
    ['LINUX/AMD64', 'linux/amd64'],
    ['arm64', 'linux/arm64'],
    ['aarch64', 'linux/arm64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    [' arm64 ', 'linux/arm64'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['arm', 'linux/arm/v7'],
    ['armhf', 'linux/arm/v7'],
    ['linux/arm', 'linux/arm/v7'],
    ['armv6', 'linux/arm/v6'],
    ['i386', 'linux/386'],
    ['ppc64le', 'linux/ppc64le'],
    ['s390x', 'linux/s390x'],
    ['riscv64', 'linux/riscv64'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePlatform(input)).toBe(expected);
  });

  it.each([
    ['amd46', /unknown platform "amd46" \(did you mean "amd64"\?\)/],
    ['linux/arm65', /did you mean "linux\/arm64"\?/],
    ['windows/amd64', /unknown platform "windows\/amd64"; supported: linux\/amd64, linux\/arm64, linux\/arm\/v7/],
  ])('rejects %s', (input, message) => {
    expect(() => normalisePlatform(input)).toThrow(UsageError);
    expect(() => normalisePlatform(input)).toThrow(message);
  });
});

describe('platform helpers', () => {
  it.each([
    ['x64', 'linux/amd64'],
    ['arm64', 'linux/arm64'],
    ['arm', 'linux/arm/v7'],
    ['ppc64', 'linux/ppc64le'],
    ['s390x', 'linux/s390x'],
  ])('nativePlatform(%s) = %s', (arch, expected) => {
    expect(nativePlatform(arch)).toBe(expected);
  });

  it('nativePlatform rejects an architecture we cannot build on', () => {
    expect(() => nativePlatform('mips')).toThrow(OperationError);
  });

  it.each([
    ['arm64', { os: 'linux', architecture: 'arm64' }, 'linux-arm64'],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux-arm-v7'],
  ])('splitPlatform / platformSlug(%s)', (input, parts, slug) => {
    expect(splitPlatform(input)).toEqual(parts);
    expect(platformSlug(input)).toBe(slug);
  });
});

describe('emulation check (binfmt_misc)', () => {
  const ENABLED = 'enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POF\noffset 0\nmagic 7f454c46\n';
  function binfmtDir(entries: Record<string, string>, mounted = true): string {
    const dir = scratchDir('binfmt-');
    if (mounted) writeFileSync(path.join(dir, 'status'), 'enabled\n');
    for (const [name, content] of Object.entries(entries)) writeFileSync(path.join(dir, name), content);
    return dir;
  }
  function withInterpreter(flags: string): { dir: string; interpreter: string } {
    const root = scratchDir('qemu-');
    mkdirSync(path.join(root, 'bin'));
    const interpreter = path.join(root, 'bin', 'qemu-aarch64-static');
    writeFileSync(interpreter, '');
    return { dir: binfmtDir({ 'qemu-aarch64': `enabled\ninterpreter ${interpreter}\nflags: ${flags}\n` }), interpreter };
  }

  it('native platforms need no emulation', () => {
    expect(emulationStatus('linux/amd64', { native: 'linux/amd64', binfmtDir: '/nonexistent' })).toEqual({
      runnable: true,
      how: 'native',
    });
    expect(emulationStatus('linux/386', { native: 'linux/amd64', binfmtDir: '/nonexistent' }).runnable).toBe(true);
  });

  it('an enabled handler whose interpreter exists makes a platform runnable', () => {
    const { dir } = withInterpreter('OC');
    expect(emulationStatus('arm64', { native: 'linux/amd64', binfmtDir: dir })).toEqual({
      runnable: true,
      how: 'emulated',
      handler: path.join(dir, 'qemu-aarch64'),
    });
  });

  it('with the F flag the interpreter need not exist here (docker/setup-qemu-action)', () => {
    const dir = binfmtDir({ 'qemu-aarch64': ENABLED.replace('/usr/libexec/qemu-binfmt/aarch64-binfmt-P', '/nope/qemu') });
    expect(emulationStatus('arm64', { native: 'linux/amd64', binfmtDir: dir }).runnable).toBe(true);
  });

  it.each<[string, string, RegExp]>([
    ['not mounted', '', /binfmt_misc is not mounted/],
    ['no handler', 'status-only', /no qemu-aarch64 handler is registered/],
    ['disabled', 'disabled', /registered but disabled/],
    ['missing interpreter without F', 'missing-interpreter', /points at \/nope\/qemu, which does not exist/],
  ])('%s → not runnable', (_name, kind, reason) => {
    const dir =
      kind === ''
        ? binfmtDir({}, false)
        : kind === 'status-only'
          ? binfmtDir({})
          : kind === 'disabled'
            ? binfmtDir({ 'qemu-aarch64': ENABLED.replace(/^enabled/, 'disabled') })
            : binfmtDir({ 'qemu-aarch64': 'enabled\ninterpreter /nope/qemu\nflags: OC\n' });
    const status = emulationStatus('linux/arm64', { native: 'linux/amd64', binfmtDir: dir });
    expect(status.runnable).toBe(false);
    if (!status.runnable) expect(status.reason).toMatch(reason);
    expect(() => ensurePlatformRunnable('linux/arm64', { native: 'linux/amd64', binfmtDir: dir })).toThrow(
      /cannot build linux\/arm64 on this linux\/amd64 machine: .*apt-get install qemu-user-static.*tonistiigi\/binfmt --install arm64.*docker\/setup-qemu-action.*native runner/,
    );
  });

  it('parses a kernel binfmt entry', () => {
    expect(parseBinfmtEntry(ENABLED)).toEqual({
      enabled: true,
      interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P',
      flags: 'POF',
    });
  });

  it('this machine can build linux/arm64 (qemu-user-static and its binfmt handler are part of the test setup)', () => {
    expect(() => ensurePlatformRunnable('linux/arm64')).not.toThrow();
  });
});
