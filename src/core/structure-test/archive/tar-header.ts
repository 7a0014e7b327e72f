/**
 * Decoding of tar headers as image layers write them: POSIX ustar (name prefix), GNU (long names in `L`/`K`
 * pseudo-entries, base-256 numbers for large ids and sizes) and PAX (extended `x` and global `g` records). The
 * stream reader and the random-access index share this code, so both read the same archives the same way.
 */
export const BLOCK_SIZE = 512;

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'directory' | 'fifo' | 'other';

/** One logical entry: long names and PAX records already applied. */
export interface TarEntry {
  /** The name as stored (may start with `./`); normalise before use. */
  name: string;
  type: TarEntryType;
  /** Permission bits including setuid/setgid/sticky (the low 12 bits of the mode field). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  /** Target of a symlink or hardlink. */
  linkname: string;
}

/** A raw header before long-name and PAX handling. `typeflag` keeps the pseudo-entry types (`L`, `K`, `x`, `g`). */
export interface RawHeader extends TarEntry {
  typeflag: string;
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Parses one 512-byte header block; verifies its checksum so a corrupt or misaligned archive fails loudly. */
export function parseHeader(block: Buffer): RawHeader {
  if (block.length < BLOCK_SIZE) throw new TarFormatError('truncated tar header');
  verifyChecksum(block);
  const magic = block.toString('latin1', 257, 263);
  const typeflag = block.toString('latin1', 156, 157);
  let name = cString(block, 0, 100);
  // Only POSIX ustar uses the prefix field; GNU tar keeps access/change times there.
  if (magic === 'ustar\0') {
    const prefix = cString(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  return {
    name,
    typeflag,
    type: entryType(typeflag, name),
    mode: readNumber(block, 100, 8) & 0o7777,
    uid: readNumber(block, 108, 8),
    gid: readNumber(block, 116, 8),
    size: readNumber(block, 124, 12),
    mtime: readNumber(block, 136, 12),
    linkname: cString(block, 157, 100),
  };
}

function entryType(typeflag: string, name: string): TarEntryType {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      // Pre-POSIX archives mark directories only by a trailing slash.
      return name.endsWith('/') ? 'directory' : 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

function verifyChecksum(block: Buffer): void {
  const stored = readNumber(block, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) {
    throw new TarFormatError(`tar header checksum mismatch (stored ${stored}, computed ${unsigned})`);
  }
}

/** Octal text, or GNU base-256 when the high bit of the first byte is set (negative values in two's complement). */
export function readNumber(block: Buffer, offset: number, length: number): number {
  const first = block[offset];
  if (first & 0x80) {
    const negative = (first & 0x40) !== 0;
    let value = BigInt(first & 0x7f) - (negative ? 0x80n : 0n);
    for (let i = 1; i < length; i++) value = (value << 8n) | BigInt(block[offset + i]);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new TarFormatError('tar number field out of range');
    }
    return Number(value);
  }
  const text = block
    .toString('latin1', offset, offset + length)
    .replace(/\0.*$/s, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`invalid octal number "${text}" in tar header`);
  return parseInt(text, 8);
}

function cString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? slice.length : end).toString('utf8');
}

/** PAX records: `<length> <key>=<value>\n`, the length counting the whole record. */
export function parsePaxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.toString('latin1', offset, space));
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) {
      throw new TarFormatError('malformed PAX extended header');
    }
    const record = data.toString('utf8', space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/** Applies PAX overrides (global first, then per-entry) to a header. Sparse files are not something layers hold. */
export function applyPax(header: RawHeader, ...sources: Array<Map<string, string>>): TarEntry {
  const entry: TarEntry = { ...header };
  for (const records of sources) {
    for (const [key, value] of records) {
      if (key === 'path') entry.name = value;
      else if (key === 'linkpath') entry.linkname = value;
      else if (key === 'size') entry.size = paxNumber(key, value);
      else if (key === 'uid') entry.uid = paxNumber(key, value);
      else if (key === 'gid') entry.gid = paxNumber(key, value);
      else if (key === 'mtime') entry.mtime = Math.floor(Number(value));
      else if (key.startsWith('GNU.sparse.')) throw new TarFormatError(`sparse file "${entry.name}" is not supported`);
    }
  }
  return entry;
}

function paxNumber(key: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new TarFormatError(`invalid PAX ${key} "${value}"`);
  return number;
}

/** Bytes of padding after `size` bytes of entry data. */
export function paddingAfter(size: number): number {
  return (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;
}

/** Path inside an archive or image, without `./`, leading or trailing slashes, or empty segments. */
export function normalizeEntryName(name: string): string {
  return name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/**
 * Turns raw headers into logical entries: GNU `L`/`K` pseudo-entries and PAX `x` records apply to the next real
 * entry, PAX `g` records to all that follow. The caller reads the data of pseudo-entries (`needsData`) and passes it.
 */
export class EntryAssembler {
  private readonly globalPax = new Map<string, string>();
  private pendingPax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;

  needsData(header: RawHeader): boolean {
    return ['L', 'K', 'x', 'g'].includes(header.typeflag);
  }

  /** The logical entry for a real header, or undefined when the header was a pseudo-entry. */
  accept(header: RawHeader, data?: Buffer): TarEntry | undefined {
    switch (header.typeflag) {
      case 'L':
        this.longName = nulTerminated(data);
        return undefined;
      case 'K':
        this.longLink = nulTerminated(data);
        return undefined;
      case 'x':
        this.pendingPax = parsePaxRecords(data ?? Buffer.alloc(0));
        return undefined;
      case 'g':
        for (const [key, value] of parsePaxRecords(data ?? Buffer.alloc(0))) this.globalPax.set(key, value);
        return undefined;
    }
    const named: RawHeader = { ...header };
    if (this.longName !== undefined) named.name = this.longName;
    if (this.longLink !== undefined) named.linkname = this.longLink;
    const entry = applyPax(named, this.globalPax, this.pendingPax);
    // Like Go's archive/tar: these types never carry data, whatever their size field says.
    if (entry.type !== 'file' && entry.type !== 'other') entry.size = 0;
    this.pendingPax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    return entry;
  }
}

function nulTerminated(data: Buffer | undefined): string {
  if (!data) return '';
  const end = data.indexOf(0);
  return data.subarray(0, end < 0 ? data.length : end).toString('utf8');
}
