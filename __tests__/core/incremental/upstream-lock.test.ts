import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOCK_FILE, readUpstreamLock, writeUpstreamLock } from '../../../src/core/incremental/upstream-lock';
import { UpstreamPins } from '../../../src/core/incremental/upstream-pins';
import { ConfigError, OperationError } from '../../../src/core/shared/errors';

const D = (c: string) => `sha256:${c.repeat(64)}`;

describe('the upstream lock file', () => {
  const root = () => mkdtempSync(path.join(tmpdir(), 'im-lock-'));

  it('is empty when absent, and round-trips sorted, writing only on change', async () => {
    const dir = root();
    expect(await readUpstreamLock(dir)).toEqual({});
    expect(await writeUpstreamLock(dir, { 'z/b:1': D('b'), 'a/a:1': D('a') })).toBe(true);
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(
      `{\n  "lockfileVersion": 1,\n  "upstream": {\n    "a/a:1": "${D('a')}",\n    "z/b:1": "${D('b')}"\n  }\n}\n`,
    );
    expect(await readUpstreamLock(dir)).toEqual({ 'a/a:1': D('a'), 'z/b:1': D('b') });
    expect(await writeUpstreamLock(dir, { 'a/a:1': D('a'), 'z/b:1': D('b') })).toBe(false);
  });

  it.each([
    ['not JSON', '{', /image-manager\.lock\.json: not valid JSON/],
    ['another version', '{"lockfileVersion": 2, "upstream": {}}', /lockfileVersion: expected lockfileVersion 1/],
    ['no upstream object', '{"lockfileVersion": 1, "upstream": []}', /upstream: expected an object/],
    [
      'a bad digest',
      '{"lockfileVersion": 1, "upstream": {"debian:12": "latest"}}',
      /upstream\["debian:12"\]: "latest" is not a sha256 digest/,
    ],
  ])('refuses %s with the file, the field and what to do', async (_name, text, message) => {
    const dir = root();
    writeFileSync(path.join(dir, LOCK_FILE), text);
    const error = await readUpstreamLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('delete image-manager.lock.json');
  });
});

describe('UpstreamPins', () => {
  const source = (digests: Record<string, string>) => ({
    upstreamDigest: jest.fn(async (ref: string) => digests[ref]),
  });

  it('counts with the current digest, or unknown, when not pinning', async () => {
    const pins = new UpstreamPins(source({ 'd:12': D('1') }), { pin: false, locked: { 'd:12': D('9') } });
    expect(await pins.digestOf('d:12')).toEqual({ digest: D('1'), pinned: false });
    expect(await pins.digestOf('gone:1')).toEqual({ digest: 'unknown', pinned: false });
    expect(pins.updatedLock()).toBeUndefined();
  });

  it('uses the locked digest when pinning, and locks what was missing', async () => {
    const lookups = source({ 'd:12': D('1'), 'e:1': D('2') });
    const pins = new UpstreamPins(lookups, { pin: true, locked: { 'd:12': D('9') } });
    expect(await pins.digestOf('d:12')).toEqual({ digest: D('9'), pinned: true });
    expect(await pins.digestOf('e:1')).toEqual({ digest: D('2'), pinned: true });
    expect(lookups.upstreamDigest).toHaveBeenCalledTimes(1);
    expect(pins.updatedLock()).toEqual({ 'd:12': D('9'), 'e:1': D('2') });
  });

  it('refuses to pin what it cannot find out, naming the reference and the lock file', async () => {
    const pins = new UpstreamPins(source({}), { pin: true, locked: {} });
    await expect(pins.digestOf('d:12')).rejects.toThrow(OperationError);
    await expect(pins.digestOf('d:12')).rejects.toThrow(/d:12 is not in image-manager\.lock\.json/);
  });

  it('takes a digest written in the reference as it is', async () => {
    const pins = new UpstreamPins(source({}), { pin: true, locked: {} });
    expect(await pins.digestOf(`d:12@${D('4')}`)).toEqual({ digest: D('4'), pinned: false });
  });
});
