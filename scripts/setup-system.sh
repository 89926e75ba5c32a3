#!/bin/sh
# System packages the test suite needs beyond node_modules (Debian/Ubuntu):
#   chromium        - the real browser that runs templates/public/draw-verify.html in the
#                     draw integration test (driven by puppeteer-core at /usr/bin/chromium)
#   fonts-noto-cjk  - Chinese glyphs, so the verifier page renders 验证通过 legibly in screenshots
#                     and documents (文书) print Chinese text into their PDFs
#   poppler-utils   - pdftotext, with which the documents test reads the Chinese text back
# Idempotent: installs only what is missing; quiet unless something is installed or fails.
set -eu

missing=""
for pkg in chromium fonts-noto-cjk poppler-utils; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
