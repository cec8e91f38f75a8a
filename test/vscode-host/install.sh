#!/usr/bin/env bash
# Installs what the VS Code host tests need, on a fresh Debian machine (as root, or with sudo):
#   bash test/vscode-host/install.sh            Debian packages, then code-server from this folder's lock file
#   bash test/vscode-host/install.sh --system   only the Debian packages
#   bash test/vscode-host/install.sh --force    reinstall code-server even if the locked version is there
# Nothing is downloaded from outside the npm registry and Debian: see ../../../shared/design/vscode-host.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
system_only=false force=false
for arg in "$@"; do
  case "$arg" in
    --system) system_only=true ;;
    --force) force=true ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Debian packages: Chromium to drive the workbench, ripgrep for @vscode/ripgrep, the Kerberos headers for
# VS Code's kerberos module, and a compiler for the native modules.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
for tool in make g++ python3; do
  command -v "$tool" >/dev/null 2>&1 || { need+=(build-essential python3); break; }
done
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "install.sh: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${need[@]}" >/dev/null
fi
$system_only && exit 0

cd "$here"
locked="$(node -p "require('./package-lock.json').packages['node_modules/code-server'].version")"
installed="$(node -p "try { require('./node_modules/code-server/package.json').version } catch { '' }")"
if ! $force && [ "$installed" = "$locked" ] && [ -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]; then
  echo "install.sh: code-server $installed is already installed"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads a ripgrep build from GitHub unless its cache (in the temporary folder)
# has the tarball: pack Debian's rg under the name it looks for. Version and tag as code-server 4.100.3 pins them.
export TMPDIR="${TMPDIR:-/tmp}"
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "install.sh: no ripgrep target for $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-$rg_target.tar.gz"
if [ ! -s "$rg_tar" ]; then
  mkdir -p "$rg_cache"
  pack="$(mktemp -d)"
  cp "$(command -v rg)" "$pack/rg"
  tar -czf "$rg_tar" -C "$pack" rg
  rm -rf "$pack"
fi

# .npmrc here sets yes=true and unsafe-perm=true for code-server's postinstall.
npm_config_yes=true npm ci --no-audit --no-fund

# The install scripts must have run (npm warns about scripts outside allowScripts; a stricter policy would skip
# them): check what they make.
for f in \
  node_modules/code-server/out/node/entry.js \
  node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
  node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node \
  node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
  node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node; do
  if [ ! -e "$f" ]; then
    echo "install.sh: $f is missing: code-server's install scripts did not finish (see npm's output above)" >&2
    exit 1
  fi
done
echo "install.sh: code-server $locked installed"
