#!/usr/bin/env bash
# Prints the path of a Chromium that Playwright can drive, installing Debian's package when
# needed. `npx playwright install` cannot download browsers here, so the e2e tests use the
# distribution's build instead.
#
#   1. $CHROMIUM_PATH, when set (must be executable);
#   2. /usr/bin/chromium, when present;
#   3. as root: apt-get install chromium fonts-noto-cjk (log in .cache/ensure-chromium.log);
#   4. otherwise: exit 1 and say what to install.
#
# Also, as root, installs fonts-noto-cjk when no Chinese font is present, so screenshots and
# traces show Chinese text instead of boxes. That step is best effort and never fails the script.
# Only the path goes to stdout; messages go to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$root/.cache/ensure-chromium.log"
say() { echo "ensure-chromium: $*" >&2; }

apt_install() {
  mkdir -p "$(dirname "$log")"
  say "installing $* with apt-get (log: $log)"
  {
    echo "=== $(date -u +%FT%TZ) apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  } >>"$log" 2>&1
}

has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    [[ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]]
  else
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"
  fi
}

is_root() { [[ "$(id -u)" == "0" ]]; }

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ ! -x "$CHROMIUM_PATH" ]]; then
    say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
    exit 1
  fi
  echo "$CHROMIUM_PATH"
  exit 0
fi

browser=/usr/bin/chromium
if [[ ! -x "$browser" ]]; then
  if ! is_root; then
    say "no Chromium found. Install Debian's package as root:"
    say "  apt-get update && apt-get install -y chromium fonts-noto-cjk"
    say "or point CHROMIUM_PATH at a Chromium/Chrome binary."
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no Chromium found and no apt-get to install it; set CHROMIUM_PATH to a Chromium/Chrome binary"
    exit 1
  fi
  if ! apt_install chromium fonts-noto-cjk; then
    say "apt-get install chromium failed; last lines of $log:"
    tail -n 20 "$log" >&2 || true
    exit 1
  fi
  if [[ ! -x "$browser" ]]; then
    say "apt-get installed chromium but $browser is missing"
    exit 1
  fi
elif ! has_cjk_font && is_root && command -v apt-get >/dev/null 2>&1; then
  apt_install fonts-noto-cjk || say "could not install fonts-noto-cjk (Chinese text may show as boxes in screenshots); continuing"
fi

echo "$browser"
