#!/usr/bin/env bash
# The HTML report tests open pages in Debian's headless chromium (driven by
# playwright-core; never a downloaded browser build) and compare screenshots rendered
# with the DejaVu fonts.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh.inc"
apt_install chromium fonts-dejavu-core
