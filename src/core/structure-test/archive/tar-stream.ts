/**
 * Reads a tar archive from a stream of chunks (a layer, possibly after gunzip) entry by entry, without ever holding
 * more than one entry's data: callers read the bodies they need and everything else is skipped.
 */
import {
  BLOCK_SIZE,
  EntryAssembler,
  isZeroBlock,
  paddingAfter,
  parseHeader,
  TarFormatError,
  type TarEntry,
} from './tar-header';

/** One entry of the stream. `read()` must be called before asking for the next entry, or the body is skipped. */
export interface StreamedEntry {
  entry: TarEntry;
  /** Position of the entry among the logical entries of the archive, starting at 0. */
  ordinal: number;
  read: () => Promise<Buffer>;
}

export async function* readTarStream(
  source: AsyncIterable<Buffer | Uint8Array | string>,
): AsyncGenerator<StreamedEntry> {
  const iterator = source[Symbol.asyncIterator]();
  const reader = new ByteReader(iterator);
  const assembler = new EntryAssembler();
  let ordinal = 0;
  try {
    yield* entries();
  } finally {
    // Stopping early must release the source (close the file, end the gunzip stream).
    await iterator.return?.();
  }

  async function* entries(): AsyncGenerator<StreamedEntry> {
    for (;;) {
      const block = await reader.read(BLOCK_SIZE);
      if (!block || isZeroBlock(block)) return;
      const header = parseHeader(block);
      if (assembler.needsData(header)) {
        const data = await reader.readExactly(header.size);
        await reader.skip(paddingAfter(header.size));
        assembler.accept(header, data);
        continue;
      }
      const entry = assembler.accept(header);
      if (!entry) continue;
      let consumed = false;
      const read = async (): Promise<Buffer> => {
        if (consumed) throw new Error(`the body of ${entry.name} was already read`);
        consumed = true;
        return reader.readExactly(entry.size);
      };
      yield { entry, ordinal: ordinal++, read };
      if (!consumed) await reader.skip(entry.size);
      await reader.skip(paddingAfter(entry.size));
    }
  }
}

/** Pulls exact byte counts out of an async iterator of chunks. */
class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<Buffer | Uint8Array | string>) {}

  /** Exactly `count` bytes, or undefined at a clean end of input. */
  async read(count: number): Promise<Buffer | undefined> {
    await this.fill(count);
    if (this.buffered === 0 && this.ended) return undefined;
    if (this.buffered < count) throw new TarFormatError('unexpected end of tar archive');
    return this.take(count);
  }

  async readExactly(count: number): Promise<Buffer> {
    if (count === 0) return Buffer.alloc(0);
    const bytes = await this.read(count);
    if (!bytes) throw new TarFormatError('unexpected end of tar archive');
    return bytes;
  }

  async skip(count: number): Promise<void> {
    let remaining = count;
    while (remaining > 0) {
      if (this.buffered === 0) {
        await this.fill(1);
        if (this.buffered === 0) throw new TarFormatError('unexpected end of tar archive');
      }
      const head = this.chunks[0];
      if (head.length <= remaining) {
        this.chunks.shift();
        this.buffered -= head.length;
        remaining -= head.length;
      } else {
        this.chunks[0] = head.subarray(remaining);
        this.buffered -= remaining;
        remaining = 0;
      }
    }
  }

  private async fill(count: number): Promise<void> {
    while (this.buffered < count && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const value = next.value;
      const chunk = Buffer.isBuffer(value)
        ? value
        : typeof value === 'string'
          ? Buffer.from(value, 'latin1')
          : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (chunk.length === 0) continue;
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
  }

  private take(count: number): Buffer {
    if (this.chunks[0].length >= count) {
      const head = this.chunks[0];
      const out = head.subarray(0, count);
      if (head.length === count) this.chunks.shift();
      else this.chunks[0] = head.subarray(count);
      this.buffered -= count;
      return out;
    }
    const out = Buffer.allocUnsafe(count);
    let offset = 0;
    while (offset < count) {
      const head = this.chunks[0];
      const part = Math.min(head.length, count - offset);
      head.copy(out, offset, 0, part);
      offset += part;
      if (part === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(part);
    }
    this.buffered -= count;
    return out;
  }
}
