#!/usr/bin/env bash
# Installs what HPF Archive Desk needs on Debian/Ubuntu: system packages, then the npm packages.
#   bash scripts/install.sh app    # to run the app (and the CLI)
#   bash scripts/install.sh test   # to run every test, incl. end-to-end in Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"
# onnxruntime-node's install step would fetch CUDA files; its CPU binaries ship in the package.
export ONNXRUNTIME_NODE_INSTALL_CUDA=skip ONNXRUNTIME_NODE_INSTALL=skip

# better-sqlite3 builds from source on Node 20 (needs python3, make, g++); sharp and the PDF
# renderer ship their own binaries; Noto CJK renders Chinese in the UI and in generated pages.
packages=(ca-certificates python3 make g++ fonts-noto-cjk)
if [ "$mode" = "test" ]; then
  # Chromium drives the UI tests; qpdf/poppler check PDFs; sane-utils and imagemagick are the
  # real tools and benchmark anchors some tests and benches run.
  # native tesseract is the OCR benchmark's anchor (npm run bench); PostgreSQL is the central
  # catalogue's server for a centre with several receivers, tested against the real thing.
  packages+=(chromium qpdf poppler-utils imagemagick sane-utils tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng postgresql)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "安装系统软件包 / installing system packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ] || ! npm ci; then
  # Without a route to Electron's download host the whole install would fail; the app then
  # runs in browser mode (npm start says so) and everything else works the same.
  echo "Electron 程序未下载，改用浏览器模式 / Electron binary not downloaded: installing without it (browser mode)"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
fi
npm run build
