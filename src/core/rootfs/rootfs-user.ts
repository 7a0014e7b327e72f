/**
 * The owner written into `COPY --chown=<user> rootfs/ /`. It lands verbatim in a generated Dockerfile, so anything
 * beyond a plain name or id (spaces, `$`, quotes, newlines) could change the instruction or inject another one.
 */
const ROOTFS_USER = /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?$/;

/** Thrown for a rootfs_user that cannot go into `--chown=`; the caller maps it to a ConfigError with a location. */
export class InvalidRootfsUserError extends Error {
  constructor(readonly rootfsUser: string) {
    super(rootfsUserProblem(rootfsUser) ?? `invalid rootfs_user ${JSON.stringify(rootfsUser)}`);
    this.name = 'InvalidRootfsUserError';
  }
}

/** Why `user` is not a valid rootfs_user, or undefined when it is fine (for config validation with a location). */
export function rootfsUserProblem(user: string): string | undefined {
  if (ROOTFS_USER.test(user)) return undefined;
  return (
    `rootfs_user ${JSON.stringify(user)} is not valid: write "user", "user:group" or "uid:gid" ` +
    `using only letters, digits, "_", "." and "-" (e.g. "0:0", "1000:1000", "node:node")`
  );
}

export function assertValidRootfsUser(user: string): void {
  if (rootfsUserProblem(user) !== undefined) throw new InvalidRootfsUserError(user);
}
