#!/bin/sh
# Ward Station .deb post-remove: undoes after-install.sh. dpkg also runs it with "upgrade" just
# before the new version's after-install, which puts everything back, so an upgrade keeps all.
# electron-builder fills in ${executable} when it packages.
set -e

case "$1" in
  upgrade | failed-upgrade) exit 0 ;;
esac

RULES_TARGET=/etc/udev/rules.d/99-ward-station-serial.rules
PROFILE_TARGET='/etc/apparmor.d/${executable}'

rm -f '/usr/bin/${executable}'

rm -f "$RULES_TARGET"
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
fi

if [ -f "$PROFILE_TARGET" ]; then
  if command -v apparmor_parser >/dev/null 2>&1; then
    apparmor_parser --remove "$PROFILE_TARGET" || true
  fi
  rm -f "$PROFILE_TARGET"
fi
