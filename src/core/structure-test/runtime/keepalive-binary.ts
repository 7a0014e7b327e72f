/**
 * A 150-byte static Linux program that only waits, used as the main process of a test container so setup,
 * command and teardown can run in the same container with `exec`, in any image (distroless ones have no `sleep`
 * or shell). It is built here, for the image's architecture, instead of being downloaded or bind-mounted: bind
 * mounts do not reach a remote Docker daemon, and the image's own architecture runs wherever the image runs.
 * The code loops on pause(2) (x86-64) / ppoll(NULL, 0, NULL, NULL) (arm64, which has no pause) forever.
 */
const LOAD_ADDRESS = 0x400000n;
const CODE_OFFSET = 120; // ELF header (64) + one program header (56)
const ELF_MACHINE = { amd64: 62, arm64: 183 } as const;

export type KeepaliveArch = keyof typeof ELF_MACHINE;
export const KEEPALIVE_PATH = '/.image-manager-keepalive';

function machineCode(arch: KeepaliveArch): Buffer {
  if (arch === 'amd64') {
    // mov eax, 34 (pause); syscall; jmp back to mov
    return Buffer.from([0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7]);
  }
  // mov x0..x4, #0; mov x8, #73 (ppoll); svc #0; b back to the first mov
  const words = [0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800004, 0xd2800928, 0xd4000001, 0x17fffff9];
  const code = Buffer.alloc(words.length * 4);
  words.forEach((word, index) => code.writeUInt32LE(word, index * 4));
  return code;
}

/** The ELF executable for `arch`, or undefined for architectures it is not written for. */
export function keepaliveProgram(arch: string): Buffer | undefined {
  if (arch !== 'amd64' && arch !== 'arm64') return undefined;
  const code = machineCode(arch);
  const size = CODE_OFFSET + code.length;
  const elf = Buffer.alloc(size);
  elf.write('\x7fELF', 0, 'latin1');
  elf[4] = 2; // 64-bit
  elf[5] = 1; // little endian
  elf[6] = 1; // ELF version
  elf.writeUInt16LE(2, 16); // executable
  elf.writeUInt16LE(ELF_MACHINE[arch], 18);
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(LOAD_ADDRESS + BigInt(CODE_OFFSET), 24); // entry point
  elf.writeBigUInt64LE(64n, 32); // program headers right after this header
  elf.writeUInt16LE(64, 52);
  elf.writeUInt16LE(56, 54);
  elf.writeUInt16LE(1, 56);
  elf.writeUInt16LE(64, 58);
  // One PT_LOAD segment, readable and executable, mapping the whole file.
  elf.writeUInt32LE(1, 64);
  elf.writeUInt32LE(5, 68);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 80);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 88);
  elf.writeBigUInt64LE(BigInt(size), 96);
  elf.writeBigUInt64LE(BigInt(size), 104);
  elf.writeBigUInt64LE(0x1000n, 112);
  code.copy(elf, CODE_OFFSET);
  return elf;
}

/** A tar archive holding the program at KEEPALIVE_PATH (mode 0755, root), for `docker cp -` / `podman cp -`. */
export function keepaliveTar(program: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(KEEPALIVE_PATH.slice(1), 0, 'utf8');
  header.write('0000755\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${program.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.fill(0x20, 148, 156);
  header.write('0', 156, 'latin1');
  header.write('ustar\0' + '00', 257, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padding = Buffer.alloc((512 - (program.length % 512)) % 512);
  return Buffer.concat([header, program, padding, Buffer.alloc(1024)]);
}
