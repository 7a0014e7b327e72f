/**
 * A minimal, deterministic POSIX ustar writer: entries sorted by name, mtime 0, uid/gid 0, fixed modes and no user
 * names, so the same content always gives the same tar bytes. Entry content is produced lazily, one entry at a
 * time, so a large image never has to be in memory at once. The file appears atomically (temp file + rename).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface TarEntry {
  /** Relative path with forward slashes; directories end with `/`. */
  name: string;
  type: 'file' | 'directory';
  content?: () => Promise<Uint8Array>;
}

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777;

/** One 512-byte ustar header. Sizes beyond 8 GiB use the GNU base-256 encoding that tar and Go read. */
export function tarHeader(name: string, type: TarEntry['type'], size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 100, 'utf8');
  writeOctal(header, 100, 8, type === 'directory' ? 0o755 : 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  if (size > MAX_OCTAL_SIZE) writeBase256(header, 124, 12, size);
  else writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, 0);
  header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  header.write(type === 'directory' ? '5' : '0', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** Writes `entries` (sorted by name) as a tar file; returns its size in bytes. */
export async function writeTar(file: string, entries: TarEntry[]): Promise<number> {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const handle = await fs.open(temp, 'w');
  let written = 0;
  try {
    const write = async (bytes: Uint8Array): Promise<void> => {
      await handle.write(bytes);
      written += bytes.byteLength;
    };
    for (const entry of sorted) {
      const content = entry.type === 'file' && entry.content ? await entry.content() : new Uint8Array(0);
      await write(tarHeader(entry.name, entry.type, content.byteLength));
      if (content.byteLength > 0) {
        await write(content);
        const padding = (BLOCK - (content.byteLength % BLOCK)) % BLOCK;
        if (padding > 0) await write(Buffer.alloc(padding, 0));
      }
    }
    await write(Buffer.alloc(BLOCK * 2, 0));
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fs.rename(temp, file);
  return written;
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

function writeBase256(header: Buffer, offset: number, length: number, value: number): void {
  let rest = BigInt(value);
  for (let i = offset + length - 1; i > offset; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  header[offset] = 0x80;
}
