#!/usr/bin/env bash
# Seeds a registry with debian:bookworm-slim for the example catalog's upstream base (.image-manager.yml maps
# debian:bookworm-slim to 127.0.0.1:5050/library/debian:bookworm-slim), as a multi-platform index.
#
# Where the image comes from, per platform:
#   - Docker Hub, when it is reachable (skopeo copy of that platform);
#   - otherwise built here: debootstrap --variant=minbase (arm64 runs under qemu), slimmed the way the official
#     image is (no apt lists or .deb caches, no docs/man/locales, no recommends), imported FROM scratch.
# The debootstrapped rootfs is cached as <cache-dir>/debian-<arch>.tar, so a second run takes seconds; the
# registry is left alone when it already has the index with every requested platform (--force rebuilds).
#
# Usage: bash scripts/seed-debian-base.sh [--ref REF] [--platforms amd64,arm64] [--cache-dir DIR] [--force]
# Needs: buildah, skopeo, debootstrap, qemu-user-static (for foreign platforms), root; a running registry.
set -euo pipefail
cd "$(dirname "$0")/.."

REF=127.0.0.1:5050/library/debian:bookworm-slim
PLATFORMS=amd64,arm64
CACHE_DIR=.image-manager/cache
FORCE=0
SUITE=bookworm
UPSTREAM=docker.io/library/debian:bookworm-slim
EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

while [ $# -gt 0 ]; do
  case "$1" in
    --ref) REF=$2; shift 2 ;;
    --platforms) PLATFORMS=$2; shift 2 ;;
    --cache-dir) CACHE_DIR=$2; shift 2 ;;
    --force) FORCE=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "seed-debian-base: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then BOLD=$'\033[1m'; RESET=$'\033[0m'; else BOLD=''; RESET=''; fi
START=$SECONDS
say() { printf '%s[seed %3ss]%s %s\n' "$BOLD" "$((SECONDS - START))" "$RESET" "$*"; }
die() { echo "seed-debian-base: $*" >&2; exit 1; }

for tool in buildah skopeo; do
  command -v "$tool" >/dev/null || die "$tool is not installed (bash scripts/install-deps.sh)"
done
mkdir -p "$CACHE_DIR"
CACHE_DIR=$(cd "$CACHE_DIR" && pwd)

# Plain HTTP for registries on this machine, TLS everywhere else.
TLS=true
case "${REF%%/*}" in localhost|localhost:*|127.*) TLS=false ;; esac

IFS=',' read -r -a ARCHES <<<"$PLATFORMS"

seeded_arches() {
  skopeo inspect --raw --tls-verify="$TLS" "docker://$REF" 2>/dev/null |
    grep -o '"architecture": *"[a-z0-9]*"' | sed 's/.*"\([a-z0-9]*\)"$/\1/' | sort -u || true
}

if [ "$FORCE" = 0 ]; then
  have=$(seeded_arches)
  missing=0
  for arch in "${ARCHES[@]}"; do grep -qx "$arch" <<<"$have" || missing=1; done
  if [ "$missing" = 0 ]; then
    say "$REF already has ${PLATFORMS//,/ + }: nothing to do"
    exit 0
  fi
fi

# The mirror apt uses on this machine (deb822 .sources or classic .list), else deb.debian.org.
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hs "^deb .* $SUITE[ /]" /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '{print $2}' | grep -v security | head -n1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Removes what a container image does not need and keeps it that way for later apt-get runs (environment.md §4).
slim_rootfs() {
  local root=$1
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/cache/apt/archives/partial/* "$root"/var/log/*.log "$root"/var/log/apt/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  cat >"$root/etc/apt/apt.conf.d/docker-no-recommends" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker-excludes" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
}

# <cache-dir>/debian-<arch>.tar: a slim minbase rootfs, built once.
rootfs_tar() {
  local arch=$1 tar="$CACHE_DIR/debian-$arch.tar"
  if [ -s "$tar" ]; then
    say "$arch: cached rootfs $tar"
    return
  fi
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  local native
  native=$(dpkg --print-architecture)
  if [ "$arch" != "$native" ] && [ ! -e "/proc/sys/fs/binfmt_misc/qemu-${arch/arm64/aarch64}" ]; then
    die "debootstrap for $arch needs qemu emulation: apt-get install qemu-user-static (see scripts/install-deps.sh)"
  fi
  local mirror work
  mirror=$(debian_mirror)
  work=$(mktemp -d "$CACHE_DIR/.debootstrap-$arch-XXXXXX")
  say "$arch: debootstrap --variant=minbase $SUITE from $mirror$([ "$arch" != "$native" ] && echo ' (emulated: about 2 minutes)')"
  if ! debootstrap --arch="$arch" --variant=minbase "$SUITE" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    rm -rf "$work"
    die "debootstrap for $arch failed (log above)"
  fi
  slim_rootfs "$work/rootfs"
  tar --numeric-owner --sort=name -C "$work/rootfs" -cf "$tar.tmp" .
  mv "$tar.tmp" "$tar"
  rm -rf "$work"
  say "$arch: rootfs cached as $tar ($(du -h "$tar" | cut -f1))"
}

upstream_reachable() {
  timeout 20 skopeo inspect --raw "docker://$UPSTREAM" >/dev/null 2>&1
}

LIST="localhost/image-manager-seed/debian-list:$$"
LOCALS=()
cleanup() {
  buildah manifest rm "$LIST" >/dev/null 2>&1 || true
  for image in "${LOCALS[@]}"; do buildah rmi "$image" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

buildah manifest create "$LIST" >/dev/null
if upstream_reachable; then SOURCE=upstream; else SOURCE=debootstrap; fi
say "seeding $REF for ${PLATFORMS//,/ + } from $([ "$SOURCE" = upstream ] && echo "$UPSTREAM" || echo 'debootstrap (no upstream registry reachable)')"

for arch in "${ARCHES[@]}"; do
  local_name="localhost/image-manager-seed/debian:$SUITE-slim-$arch"
  if [ "$SOURCE" = upstream ]; then
    skopeo copy --quiet --override-arch "$arch" "docker://$UPSTREAM" "containers-storage:$local_name"
  else
    rootfs_tar "$arch"
    ctx=$(mktemp -d)
    ln "$CACHE_DIR/debian-$arch.tar" "$ctx/rootfs.tar" 2>/dev/null || cp "$CACHE_DIR/debian-$arch.tar" "$ctx/rootfs.tar"
    printf 'FROM scratch\nADD rootfs.tar /\nCMD ["bash"]\n' >"$ctx/Containerfile"
    say "$arch: importing the rootfs"
    buildah bud --quiet --isolation chroot --platform "linux/$arch" --timestamp "$EPOCH" -t "$local_name" "$ctx" >/dev/null
    rm -rf "$ctx"
  fi
  LOCALS+=("$local_name")
  buildah manifest add "$LIST" "containers-storage:$local_name" >/dev/null
done

say "pushing the ${#ARCHES[@]}-platform index to $REF"
buildah manifest push --quiet --all --tls-verify="$TLS" "$LIST" "docker://$REF"
say "done: $REF ($(seeded_arches | paste -sd+ -))"
