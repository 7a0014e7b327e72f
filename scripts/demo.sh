#!/usr/bin/env bash
# The README's demo: runs image-manager on the example catalog in images/ the way a user would.
# Installs what it needs first (system packages and npm dependencies; safe to run again).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export NO_UPDATE_NOTIFIER=1
im() { node bin/image-manager.js "$@"; }

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "image-manager list  (the resolved catalog: build order, tags, aliases)"
im list

step "image-manager generate  (Dockerfiles, test configs and rootfs/ for every tag)"
im generate

step "what was generated"
find out -maxdepth 3 -name Dockerfile | sort
printf '\nout/lua/5.4.4-dev/Dockerfile:\n'
sed 's/^/    /' out/lua/5.4.4-dev/Dockerfile

cat <<'MSG'

Done. Look at:
  out/catalog.json              the resolved catalog (also: image-manager list --json)
  out/<image>/<tag>/Dockerfile  generated Dockerfiles, FROM the full registry references
  out/<image>/<tag>/test.yml    generated container-structure-test configs
  out/<image>/<tag>/rootfs/     merged rootfs layers
MSG
