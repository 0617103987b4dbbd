#!/usr/bin/env bash
# Installs the Debian 12 packages vndoc needs, only those missing
# (idempotent).  `--test` adds what the test suite needs.
set -euo pipefail

pkgs=(build-essential cmake pkg-config
      libxml2-dev libzip-dev zlib1g-dev libglib2.0-dev libjansson-dev libicu-dev
      libcairo2-dev libpango1.0-dev libjpeg62-turbo-dev libgif-dev libuemf-dev fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea
      fonts-opensymbol fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola
      libxlsxwriter-dev libmicrohttpd-dev
      libxml2-utils unzip)
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=(check valgrind libreoffice-writer-nogui python3-uno python3-pil poppler-utils clang libclang-rt-14-dev
        chromium chromium-driver python3-selenium)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "vndoc: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
