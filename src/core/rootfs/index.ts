/** Rootfs layering (merge of the image/version/variant `rootfs/` levels) and the `COPY rootfs/ /` injection. */
export { hasRootfsContent, mergeRootfsLevels } from './merge';
export type { RootfsMergeOptions, RootfsMergeResult } from './merge';
export { RootfsMergeSession } from './merge-session';
export { sensitiveFilePattern } from './rootfs-warnings';
export type { RootfsWarning } from './rootfs-warnings';
export { injectRootfsCopy, rootfsCopyInstruction } from './inject-copy';
export type { RootfsCopyInjection } from './inject-copy';
export { assertValidRootfsUser, InvalidRootfsUserError, rootfsUserProblem } from './rootfs-user';
export { copiesRootfs, isRootfsSource, parseCopyArguments } from './rootfs-copy-detection';
export { scanDockerfile, splitPhysicalLines } from '../dockerfile/instructions';
export type { DockerfileInstruction, ScannedDockerfile } from '../dockerfile/instructions';
