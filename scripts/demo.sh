#!/usr/bin/env bash
# The README's demo: runs image-manager on the example catalog in images/ the way a user would, end to end:
# local registry → Debian base seeded offline → generate → build (linux/amd64 native, linux/arm64 through qemu)
# → multi-platform merge with aliases. Installs what it needs first (safe to run again). A second run is fast:
# the debootstrapped rootfs is cached in .image-manager/cache/ and the build reuses its layer cache.
# IMAGE_MANAGER_CLI overrides how the CLI is run (default: the committed bundle, node bin/image-manager.js).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export NO_UPDATE_NOTIFIER=1
# Containers that run the command tests: runc with cgroupfs and ulimits within the hard limits works on plain
# machines and in containers/sandboxes alike (crun fails in hybrid-cgroup sandboxes: environment notes).
mkdir -p .image-manager
if [ -z "${CONTAINERS_CONF:-}" ]; then
  cat > .image-manager/containers.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF="$PWD/.image-manager/containers.conf"
fi
read -r -a CLI <<<"${IMAGE_MANAGER_CLI:-node bin/image-manager.js}"
im() { "${CLI[@]}" "$@"; }

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then BOLD=$'\033[1m'; RESET=$'\033[0m'; else BOLD=''; RESET=''; fi
START=$SECONDS
STEP_START=$SECONDS
step() {
  if [ "$STEP_START" != "$SECONDS" ] || [ "$START" != "$SECONDS" ]; then
    printf '    (%ss)\n' "$((SECONDS - STEP_START))"
  fi
  STEP_START=$SECONDS
  printf '\n%s==> [%3ss] %s%s\n' "$BOLD" "$((SECONDS - START))" "$*" "$RESET"
}

step "image-manager start registry  (the embedded registry on 127.0.0.1:5050)"
im start registry

step "seed debian:bookworm-slim for linux/amd64 + linux/arm64  (.image-manager.yml maps it to 127.0.0.1:5050/library/…)"
bash scripts/seed-debian-base.sh

step "image-manager list  (the resolved catalog: build order, tags, aliases)"
im list

step "image-manager generate  (Dockerfiles, test configs and rootfs/ for every tag)"
im generate
printf '\nout/lua/5.4.4-dev/Dockerfile:\n'
sed 's/^/    /' out/lua/5.4.4-dev/Dockerfile

# The demo's images build offline from the seeded Debian base. (images/image-manager, the CI toolchain image, needs
# Docker Hub and GitHub downloads, so it is left to CI.)
step "image-manager build base lua luacheck  (every tag for linux/amd64 natively and linux/arm64 under qemu, then merged)"
im build base lua luacheck

step "image-manager test base lua luacheck  (file/metadata tests from the archive, command tests in podman, both platforms)"
im test base lua luacheck

step "image-manager sbom base lua luacheck  (CycloneDX per platform image, with trivy)"
im sbom base lua luacheck

step "image-manager report  (the HTML catalog)"
im report

step "image-manager plan base lua luacheck  (what a pipeline would publish now: after this build, nothing)"
im plan base lua luacheck

step "what was published  (out/<image>/<tag>/manifest.json)"
node -e '
const fs = require("fs");
const catalog = JSON.parse(fs.readFileSync("out/catalog.json", "utf8"));
for (const image of catalog.images) {
  for (const tag of image.tags) {
    const file = `out/${image.name}/${tag.name}/manifest.json`;
    if (!fs.existsSync(file)) continue;
    const m = JSON.parse(fs.readFileSync(file, "utf8"));
    const aliases = m.aliases.length ? `  ← ${m.aliases.join(", ")}` : "";
    console.log(`    ${m.ref.padEnd(32)} ${m.indexDigest.slice(0, 19)}…  ${m.platforms.map((p) => p.platform).join(" + ")}${aliases}`);
  }
}'
printf '    (%ss)\n' "$((SECONDS - STEP_START))"

cat <<MSG

Done in $((SECONDS - START)) s. Look at:
  out/catalog.json                          the resolved catalog (also: image-manager list --json)
  out/<image>/<tag>/Dockerfile              generated Dockerfiles, FROM the full registry references
  out/<image>/<tag>/linux-<arch>/build.json what each platform build pushed (or reused): ref, digest, input digest
  out/<image>/<tag>/linux-<arch>/image.tar  each platform image built in this run as a docker-archive
  out/<image>/<tag>/manifest.json           the multi-platform index and the aliases pointing at it
  out/<image>/<tag>/linux-<arch>/test-report.json, junit.xml, sbom.cyclonedx.json   tests and SBOMs
  out/index.html                            the HTML catalog (open it in a browser)
  skopeo inspect --tls-verify=false docker://127.0.0.1:5050/lua:5.4.4      the published index
  podman run --rm --tls-verify=false 127.0.0.1:5050/lua:5.4.4 lua -v      run it (add --arch arm64 for the other one)
The registry keeps running: image-manager status / image-manager stop.
MSG
