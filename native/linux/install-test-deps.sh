#!/usr/bin/env bash
# Installs the Debian packages the test suite runs against, only where they are missing:
# Chromium (browser tests), socat (real ptys for serial links), python3-hl7 (an independent MLLP peer).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v socat >/dev/null 2>&1 || need+=(socat)
[ -x /usr/bin/mllp_send ] || need+=(python3-hl7)
if [ ${#need[@]} -eq 0 ]; then
  echo "test packages present: chromium socat python3-hl7"
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "installing: ${need[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
