/**
 * Hand-made tar archives for the corner cases real tools rarely produce on demand: PAX global headers, GNU base-256
 * numbers, a corrupt checksum, whiteouts in arbitrary order. Headers are written byte by byte per POSIX.
 */
export interface RawEntry {
  name: string;
  /** `0` file, `1` hardlink, `2` symlink, `5` directory, `x`/`g` PAX, `L`/`K` GNU long name/link. */
  type?: string;
  data?: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
  magic?: 'ustar' | 'gnu';
  prefix?: string;
  /** Write uid/gid in GNU base-256 even when they would fit in octal. */
  base256?: boolean;
  corruptChecksum?: boolean;
}

export function tarHeader(entry: RawEntry, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(entry.name, 0, 100, 'utf8');
  octal(header, 100, 8, entry.mode ?? 0o644);
  if (entry.base256) {
    base256(header, 108, 8, entry.uid ?? 0);
    base256(header, 116, 8, entry.gid ?? 0);
  } else {
    octal(header, 108, 8, entry.uid ?? 0);
    octal(header, 116, 8, entry.gid ?? 0);
  }
  octal(header, 124, 12, size);
  octal(header, 136, 12, 1767225600);
  header.write(entry.type ?? '0', 156, 1, 'latin1');
  header.write(entry.linkname ?? '', 157, 100, 'utf8');
  if (entry.magic === 'gnu') header.write('ustar  \0', 257, 8, 'latin1');
  else header.write('ustar\x0000', 257, 8, 'latin1');
  if (entry.prefix) header.write(entry.prefix, 345, 155, 'utf8');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  if (entry.corruptChecksum) sum += 1;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return header;
}

export function buildTar(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
    parts.push(tarHeader(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A PAX record `<len> key=value\n` with the length counting itself. */
export function paxRecords(records: Record<string, string>): string {
  let out = '';
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length)
      length = String(length).length + Buffer.byteLength(body);
    out += `${length}${body}`;
  }
  return out;
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
}

function base256(header: Buffer, offset: number, length: number, value: number): void {
  let remaining = BigInt(value);
  for (let i = length - 1; i > 0; i--) {
    header[offset + i] = Number(remaining & 0xffn);
    remaining >>= 8n;
  }
  header[offset] = 0x80;
}
