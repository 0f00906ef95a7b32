#!/bin/sh
# Ward Station .deb post-install. It replaces electron-builder's default script, so besides the
# udev rule for the serial adapters it does that script's jobs too: the command on PATH, the
# Chromium sandbox helper and the AppArmor profile.
# electron-builder fills in ${executable} and ${sanitizedProductName} when it packages; shell
# variables below are written without braces so it leaves them alone.
set -e

APP_DIR='/opt/${sanitizedProductName}'
RULES_SOURCE="$APP_DIR/resources/linux/99-ward-station-serial.rules"
RULES_TARGET=/etc/udev/rules.d/99-ward-station-serial.rules
PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
PROFILE_TARGET='/etc/apparmor.d/${executable}'

ln -sf "$APP_DIR/${executable}" '/usr/bin/${executable}'

# Renderers are sandboxed. Without unprivileged user namespaces the sandbox can only start
# through the setuid helper.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP_DIR/chrome-sandbox"
else
  chmod 4755 "$APP_DIR/chrome-sandbox"
fi

# Ubuntu 24.04 and later let only profiled programs create user namespaces. Older AppArmor
# versions cannot parse the profile and run the app fine without it.
if command -v apparmor_parser >/dev/null 2>&1 && [ -f "$PROFILE_SOURCE" ] &&
  apparmor_parser --skip-kernel-load --debug "$PROFILE_SOURCE" >/dev/null 2>&1; then
  cp -f "$PROFILE_SOURCE" "$PROFILE_TARGET"
  # Loading a profile is meaningless while an image is being built in a chroot.
  if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --replace --write-cache --skip-read-cache "$PROFILE_TARGET" || true
  fi
fi

install -m 0644 "$RULES_SOURCE" "$RULES_TARGET"
# No udev daemon in containers and image builds; the rule applies at the next boot there.
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=tty --action=add || true
fi

if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi
