import { UsageError } from '../shared/errors';

/**
 * A snapshot id becomes part of every tag (`3.13.7-mr-42`), so it must keep tags valid. Tags have at most 128
 * characters; leaving room for the longest tag plus `-linux-arm64`, ids are capped at 64.
 */
export function validateSnapshotId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
    throw new UsageError(
      `--snapshot-id "${id}" is not usable in a tag: use 1–64 letters, digits, "_", "." or "-", starting with a letter or digit (e.g. pr-42, mr-7)`,
    );
  }
  return id;
}
