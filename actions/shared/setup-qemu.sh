#!/usr/bin/env bash
# Makes binaries of $PLATFORM runnable on this runner, before a step that builds or runs them.
#
# Why a composite step and not the Node bundle: registering qemu needs root (sudo apt-get) and must be done before
# the builder starts; keeping privileged commands out of the bundle means the step log shows exactly what ran, and
# the step does nothing at all on a runner of the platform's own architecture (e.g. linux/arm64 on
# ubuntu-24.04-arm), which is the fast path the generated workflows use. Ubuntu's qemu-user-static package (signed
# by the distribution, no third-party image) registers its binfmt_misc handlers with the F flag, so chroot and
# container builds find the interpreter.
#
# Environment: PLATFORM (linux/arm64, arm64, …); BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc).
set -euo pipefail

platform="${PLATFORM:-}"
binfmt="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
if [ -z "$platform" ]; then
  echo "::error::the platform input is empty: give the platform this step works on, e.g. linux/arm64"
  exit 1
fi

# Platform → the architecture Node reports for machines that run it natively, and the qemu handler otherwise.
# Unknown spellings are left to image-manager, whose error message suggests the closest platform.
case "$(printf '%s' "$platform" | tr '[:upper:]' '[:lower:]')" in
  linux/amd64 | amd64 | x86_64 | x86-64 | linux/x86_64) native=x64 handler=qemu-x86_64 ;;
  linux/arm64 | linux/arm64/v8 | arm64 | arm64/v8 | aarch64 | linux/aarch64) native=arm64 handler=qemu-aarch64 ;;
  linux/arm/v7 | linux/arm | arm | armv7 | arm/v7 | armhf | linux/armv7) native=arm handler=qemu-arm ;;
  linux/arm/v6 | armv6 | arm/v6 | armel | linux/armv6) native=none handler=qemu-arm ;;
  linux/386 | 386 | i386 | i686 | x86 | linux/i386) native=ia32 handler=qemu-i386 ;;
  linux/ppc64le | ppc64le) native=ppc64 handler=qemu-ppc64le ;;
  linux/s390x | s390x) native=s390x handler=qemu-s390x ;;
  linux/riscv64 | riscv64) native=riscv64 handler=qemu-riscv64 ;;
  *)
    echo "$platform is not a platform this step knows; the next step checks it"
    exit 0
    ;;
esac

arch="$(node -p process.arch)"
if [ "$arch" = "$native" ] || { [ "$handler" = qemu-i386 ] && [ "$arch" = x64 ]; }; then
  echo "$platform runs natively on this $arch runner: no emulation needed"
  exit 0
fi

registered() {
  [ -f "$binfmt/$handler" ] && [ "$(head -n 1 "$binfmt/$handler")" = enabled ]
}

if registered; then
  echo "$platform runs through the $handler binfmt_misc handler already registered on this $arch runner"
  exit 0
fi

echo "$platform is foreign to this $arch runner and no $handler handler is registered: installing qemu-user-static"
if ! command -v apt-get >/dev/null; then
  echo "::error::cannot set up emulation for $platform here (no apt-get): add a docker/setup-qemu-action step before this one, or run the job on a $platform runner"
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends qemu-user-static
# Hosts without systemd-binfmt (containers) register through binfmt-support when it is there.
if ! registered && command -v update-binfmts >/dev/null; then "${sudo[@]}" update-binfmts --enable "$handler" || true; fi

if ! registered; then
  echo "::error::qemu-user-static is installed but $binfmt/$handler is still not registered: add a docker/setup-qemu-action step before this one, or run the job on a $platform runner"
  exit 1
fi
echo "$platform now runs through $handler"
