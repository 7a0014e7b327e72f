/**
 * A random-access table of contents for an uncompressed tar file on disk (the outer docker-archive): only the
 * headers are read, so opening a 1 GB image archive costs a few hundred small reads, and each member (a layer, the
 * config) can later be streamed straight from its offset.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import {
  BLOCK_SIZE,
  EntryAssembler,
  isZeroBlock,
  normalizeEntryName,
  paddingAfter,
  parseHeader,
  TarFormatError,
  type TarEntry,
} from './tar-header';

export interface TarMember {
  entry: TarEntry;
  /** Byte offset of the member's data in the file. */
  dataOffset: number;
}

/** Members by normalised name; a later member of the same name replaces an earlier one, as extraction would. */
export async function indexTarFile(file: string): Promise<Map<string, TarMember>> {
  const handle = await fs.open(file, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const members = new Map<string, TarMember>();
    const assembler = new EntryAssembler();
    const block = Buffer.alloc(BLOCK_SIZE);
    let position = 0;
    while (position + BLOCK_SIZE <= fileSize) {
      await readAt(handle, block, position);
      if (isZeroBlock(block)) break;
      const header = parseHeader(block);
      const dataOffset = position + BLOCK_SIZE;
      if (dataOffset + header.size > fileSize)
        throw new TarFormatError(`${file}: truncated tar member "${header.name}"`);
      if (assembler.needsData(header)) {
        const data = Buffer.alloc(header.size);
        await readAt(handle, data, dataOffset);
        assembler.accept(header, data);
      } else {
        const entry = assembler.accept(header);
        if (entry) members.set(normalizeEntryName(entry.name), { entry, dataOffset });
      }
      position = dataOffset + header.size + paddingAfter(header.size);
    }
    return members;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: fs.FileHandle, target: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw new TarFormatError('unexpected end of tar file');
    done += bytesRead;
  }
}

/** The whole data of a (small) member. */
export async function readMember(file: string, member: TarMember): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const data = Buffer.alloc(member.entry.size);
    if (data.length > 0) await readAt(handle, data, member.dataOffset);
    return data;
  } finally {
    await handle.close();
  }
}

/** The data of a member as a stream of chunks, without reading the rest of the file. */
export function streamMember(file: string, member: TarMember): Readable {
  if (member.entry.size === 0) return Readable.from([]);
  return createReadStream(file, {
    start: member.dataOffset,
    end: member.dataOffset + member.entry.size - 1,
    highWaterMark: 1024 * 1024,
  });
}

/**
 * Follows symlinks between members (`<id>/layer.tar -> ../<digest>.tar` in archives written by buildah and older
 * docker) to the member that holds the data.
 */
export function resolveMember(members: Map<string, TarMember>, name: string): TarMember | undefined {
  let current = normalizeEntryName(name);
  for (let hops = 0; hops < 16; hops++) {
    const member = members.get(current);
    if (!member) return undefined;
    if (member.entry.type !== 'symlink' && member.entry.type !== 'hardlink') return member;
    const target = member.entry.linkname;
    if (member.entry.type === 'hardlink' || target.startsWith('/')) current = normalizeEntryName(target);
    else current = joinRelative(current, target);
  }
  return undefined;
}

function joinRelative(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
