/**
 * A docker-archive tar (`buildah push IMG docker-archive:FILE:NAME`, `docker save`, `skopeo copy … docker-archive:`)
 * opened without extracting it: `manifest.json` names the config and the layers in order; layers are read on demand,
 * gunzipped when they are compressed.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { OperationError } from '../../shared/errors';
import { indexTarFile, readMember, resolveMember, streamMember, type TarMember } from './tar-index';

/** The parts of the OCI/Docker image config the tests and SBOMs use. */
export interface ImageConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    User?: string;
  };
}

export interface DockerArchive {
  file: string;
  config: ImageConfigFile;
  /** `sha256:<hex>` of the config blob: the image ID docker, podman and buildah give the image when they load it. */
  imageId: string;
  repoTags: string[];
  /** `linux/arm64`, `linux/arm/v7` */
  platform: string;
  layerCount: number;
  /** The uncompressed tar stream of layer `index` (0 = bottom). */
  openLayer(index: number): Promise<AsyncIterable<Buffer>>;
}

interface ManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

export async function openDockerArchive(file: string): Promise<DockerArchive> {
  const members = await indexArchive(file);
  const manifestMember = members.get('manifest.json');
  if (!manifestMember) {
    const oci = members.has('index.json') || members.has('oci-layout');
    throw new OperationError(
      `${file} is not a docker-archive (no manifest.json)` +
        (oci ? ': it looks like an oci-archive; export with `buildah push IMAGE docker-archive:FILE:NAME`' : ''),
    );
  }
  const manifest = parseJson<ManifestEntry[]>(await readMember(file, manifestMember), `${file}: manifest.json`);
  const image = Array.isArray(manifest) ? manifest[0] : undefined;
  if (!image?.Config || !Array.isArray(image.Layers)) {
    throw new OperationError(`${file}: manifest.json does not describe an image (no Config or Layers)`);
  }
  const configMember = requireMember(members, image.Config, file);
  const configBytes = await readMember(file, configMember);
  const config = parseJson<ImageConfigFile>(configBytes, `${file}: ${image.Config}`);
  const layers = image.Layers.map((name) => requireMember(members, name, file));
  return {
    file,
    config,
    imageId: `sha256:${createHash('sha256').update(configBytes).digest('hex')}`,
    repoTags: image.RepoTags ?? [],
    platform: [config.os ?? 'linux', config.architecture ?? 'unknown', config.variant].filter(Boolean).join('/'),
    layerCount: layers.length,
    openLayer: (index) => openLayer(file, layers[index], index),
  };
}

async function indexArchive(file: string): Promise<Map<string, TarMember>> {
  try {
    return await indexTarFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OperationError(`image archive ${file} does not exist (was the image exported?)`);
    throw new OperationError(`cannot read image archive ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function requireMember(members: Map<string, TarMember>, name: string, file: string): TarMember {
  const member = resolveMember(members, name);
  if (!member) throw new OperationError(`${file}: manifest.json names "${name}", which is not in the archive`);
  return member;
}

function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    throw new OperationError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

async function openLayer(file: string, member: TarMember, index: number): Promise<AsyncIterable<Buffer>> {
  const magic = await peek(file, member, 4);
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    // pipeline: destroying the gunzip stream (a reader that stops early) also closes the file.
    return pipeline(streamMember(file, member), createGunzip(), () => undefined);
  }
  if (magic.readUInt32LE(0) === 0xfd2fb528) {
    throw new OperationError(
      `${file}: layer ${index + 1} is zstd-compressed, which this Node.js cannot read; export the image with ` +
        'uncompressed or gzip layers (`buildah push` and `docker save` do by default)',
    );
  }
  return streamMember(file, member);
}

async function peek(file: string, member: TarMember, count: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const bytes = Buffer.alloc(count);
    if (member.entry.size >= count) await handle.read(bytes, 0, count, member.dataOffset);
    return bytes;
  } finally {
    await handle.close();
  }
}
