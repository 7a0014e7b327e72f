/**
 * Build platforms: the spellings users write (`arm64`, `linux/arm64`, `aarch64`) normalised to one form, the
 * platform of this machine, and whether a foreign platform can run here through qemu (binfmt_misc). A platform that
 * cannot be built is an error naming the fix; the PoC silently dropped it and published a one-platform image.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { didYouMean } from '../shared/did-you-mean';
import { OperationError, UsageError } from '../shared/errors';

interface PlatformInfo {
  /** Normalised `os/arch[/variant]`. */
  name: string;
  /** Other spellings accepted for it. */
  aliases: string[];
  /** Name of the qemu binfmt_misc handler that runs its binaries (`qemu-aarch64`). */
  qemu: string;
  /** Node's `process.arch` values of machines that run it natively. */
  nodeArch: string[];
}

const PLATFORMS: PlatformInfo[] = [
  { name: 'linux/amd64', aliases: ['amd64', 'x86_64', 'x86-64', 'linux/x86_64'], qemu: 'qemu-x86_64', nodeArch: ['x64'] },
  {
    name: 'linux/arm64',
    aliases: ['arm64', 'aarch64', 'arm64/v8', 'linux/arm64/v8', 'linux/aarch64'],
    qemu: 'qemu-aarch64',
    nodeArch: ['arm64'],
  },
  { name: 'linux/arm/v7', aliases: ['arm', 'armv7', 'arm/v7', 'armhf', 'linux/arm', 'linux/armv7'], qemu: 'qemu-arm', nodeArch: ['arm'] },
  { name: 'linux/arm/v6', aliases: ['armv6', 'arm/v6', 'armel', 'linux/armv6'], qemu: 'qemu-arm', nodeArch: [] },
  { name: 'linux/386', aliases: ['386', 'i386', 'i686', 'x86', 'linux/i386'], qemu: 'qemu-i386', nodeArch: ['ia32', 'x64'] },
  { name: 'linux/ppc64le', aliases: ['ppc64le'], qemu: 'qemu-ppc64le', nodeArch: ['ppc64'] },
  { name: 'linux/s390x', aliases: ['s390x'], qemu: 'qemu-s390x', nodeArch: ['s390x'] },
  { name: 'linux/riscv64', aliases: ['riscv64'], qemu: 'qemu-riscv64', nodeArch: ['riscv64'] },
];

export const SUPPORTED_PLATFORMS: readonly string[] = PLATFORMS.map((p) => p.name);

/** `arm64` → `linux/arm64`; throws a UsageError with a suggestion for anything unknown. */
export function normalisePlatform(input: string): string {
  const wanted = input.trim().toLowerCase();
  const found = PLATFORMS.find((p) => p.name === wanted || p.aliases.includes(wanted));
  if (found) return found.name;
  const suggestion = didYouMean(wanted, PLATFORMS.flatMap((p) => [p.name, ...p.aliases]));
  throw new UsageError(
    `unknown platform "${input}"` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
      `; supported: ${SUPPORTED_PLATFORMS.join(', ')}`,
  );
}

/** The architecture part as used in tags and image configs: `linux/arm/v7` → `arm`, variant `v7`. */
export function splitPlatform(platform: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = normalisePlatform(platform).split('/');
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** `linux/arm/v7` → `linux-arm-v7`, for tag suffixes and file names. */
export function platformSlug(platform: string): string {
  return normalisePlatform(platform).replace(/\//g, '-');
}

/** The platform this process runs on natively (`process.arch` `x64` → `linux/amd64`). */
export function nativePlatform(arch: string = process.arch): string {
  const found = PLATFORMS.find((p) => p.nodeArch[0] === arch);
  if (!found) throw new OperationError(`this machine's architecture "${arch}" is not one image-manager can build on`);
  return found.name;
}

export interface EmulationCheckOptions {
  /** Default: this machine's platform. */
  native?: string;
  /** Default: `/proc/sys/fs/binfmt_misc` (overridable so the check itself can be tested). */
  binfmtDir?: string;
}

export type EmulationStatus =
  | { runnable: true; how: 'native' | 'emulated'; handler?: string }
  | { runnable: false; reason: string };

/** Can binaries of `platform` run here: natively, or through an enabled qemu binfmt_misc handler? */
export function emulationStatus(platform: string, options: EmulationCheckOptions = {}): EmulationStatus {
  const target = PLATFORMS.find((p) => p.name === normalisePlatform(platform)) as PlatformInfo;
  const native = normalisePlatform(options.native ?? nativePlatform());
  // x86-64 kernels run i386 binaries without emulation.
  if (target.name === native || (target.name === 'linux/386' && native === 'linux/amd64')) {
    return { runnable: true, how: 'native' };
  }
  const binfmtDir = options.binfmtDir ?? '/proc/sys/fs/binfmt_misc';
  const handler = path.join(binfmtDir, target.qemu);
  if (!existsSync(path.join(binfmtDir, 'status')) && !existsSync(handler)) {
    return { runnable: false, reason: `binfmt_misc is not mounted (${binfmtDir} is empty or missing)` };
  }
  if (!existsSync(handler)) return { runnable: false, reason: `no ${target.qemu} handler is registered in ${binfmtDir}` };
  const entry = parseBinfmtEntry(readFileSync(handler, 'utf8'));
  if (!entry.enabled) return { runnable: false, reason: `${handler} is registered but disabled` };
  // With the F (fix-binary) flag the kernel opened the interpreter at registration time, so it need not exist in
  // our mount namespace (docker/setup-qemu-action registers it from inside a container).
  if (!entry.flags.includes('F') && entry.interpreter && !existsSync(entry.interpreter)) {
    return { runnable: false, reason: `${handler} points at ${entry.interpreter}, which does not exist` };
  }
  return { runnable: true, how: 'emulated', handler };
}

/** Throws an OperationError saying how to get emulation when `platform` cannot run on this machine. */
export function ensurePlatformRunnable(platform: string, options: EmulationCheckOptions = {}): EmulationStatus {
  const status = emulationStatus(platform, options);
  if (status.runnable) return status;
  const native = normalisePlatform(options.native ?? nativePlatform());
  const arch = normalisePlatform(platform).split('/')[1];
  throw new OperationError(
    `cannot build ${normalisePlatform(platform)} on this ${native} machine: ${status.reason}. ` +
      `Install qemu emulation: on Debian/Ubuntu \`apt-get install qemu-user-static\` (it registers the binfmt ` +
      `handlers; in a container run \`docker run --privileged --rm tonistiigi/binfmt --install ${arch}\` on the host), ` +
      `on GitHub Actions add the step \`uses: docker/setup-qemu-action\` before the build, ` +
      `or build this platform on a native runner (platforms[].github_runner / gitlab_tags in .image-manager.yml).`,
  );
}

export function parseBinfmtEntry(text: string): { enabled: boolean; interpreter?: string; flags: string } {
  const lines = text.split('\n').map((l) => l.trim());
  const interpreter = lines.find((l) => l.startsWith('interpreter '))?.slice('interpreter '.length);
  const flags = lines.find((l) => l.startsWith('flags:'))?.slice('flags:'.length).trim() ?? '';
  return { enabled: lines[0] === 'enabled', interpreter, flags };
}
