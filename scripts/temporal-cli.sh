#!/usr/bin/env bash
# Makes a Temporal CLI binary (which contains the dev server) available and prints its path.
# Order: $TEMPORAL_CLI, `temporal` on PATH, the cached build, a fresh `go install` into the cache,
# the official release archive (where the network allows), else a clear error.
# Idempotent and quick when the binary exists. Progress goes to stderr; stdout is the path only.
set -euo pipefail

VERSION=1.5.1
CACHE_DIR="${JOINTCHECK_CACHE:-$HOME/.cache/jointcheck}"
CACHED="$CACHE_DIR/temporal-$VERSION"

works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if [ -n "${TEMPORAL_CLI:-}" ]; then
  if works "$TEMPORAL_CLI"; then echo "$TEMPORAL_CLI"; exit 0; fi
  echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable Temporal CLI" >&2
  exit 1
fi
if command -v temporal >/dev/null 2>&1 && works "$(command -v temporal)"; then
  command -v temporal
  exit 0
fi
if works "$CACHED"; then echo "$CACHED"; exit 0; fi

mkdir -p "$CACHE_DIR"
if command -v go >/dev/null 2>&1; then
  echo "Building Temporal CLI $VERSION with go install (first time only; takes a few minutes)..." >&2
  # Later CLI versions carry a replace directive and cannot be go-installed; 1.5.1 can.
  if GOBIN="$CACHE_DIR/gobin-$VERSION" go install "github.com/temporalio/cli/cmd/temporal@v$VERSION" >&2; then
    mv "$CACHE_DIR/gobin-$VERSION/temporal" "$CACHED.tmp" && mv "$CACHED.tmp" "$CACHED"
    rmdir "$CACHE_DIR/gobin-$VERSION" 2>/dev/null || true
    if works "$CACHED"; then echo "$CACHED"; exit 0; fi
  fi
  echo "go install of the Temporal CLI failed; trying the release archive" >&2
fi

case "$(uname -m)" in x86_64) ARCH=amd64 ;; aarch64 | arm64) ARCH=arm64 ;; *) ARCH=unknown ;; esac
URL="https://temporal.download/cli/archive/v$VERSION?platform=linux&arch=$ARCH"
if command -v curl >/dev/null 2>&1 && curl -fsSL --max-time 60 "$URL" -o "$CACHE_DIR/temporal.tar.gz" 2>/dev/null; then
  tar -xzf "$CACHE_DIR/temporal.tar.gz" -C "$CACHE_DIR" temporal && mv "$CACHE_DIR/temporal" "$CACHED"
  rm -f "$CACHE_DIR/temporal.tar.gz"
  if works "$CACHED"; then echo "$CACHED"; exit 0; fi
fi

cat >&2 <<MSG
Could not make the Temporal CLI available. Do one of:
  - install Go (https://go.dev) and re-run: it builds github.com/temporalio/cli/cmd/temporal@v$VERSION
  - put a Temporal CLI binary on PATH, or set TEMPORAL_CLI=/path/to/temporal
  - or point jointcheck at an existing cluster with TEMPORAL_ADDRESS=host:port
MSG
exit 1
