#!/bin/sh
# Offline check of the Flatpak manifest: flatpak-builder parses it (unknown
# keys and wrong types are fatal), and it says what this app needs, no more.
set -eu
manifest=$1
app_id=io.github.latchkey.Latchkey

if ! command -v flatpak-builder >/dev/null; then
  echo "flatpak-builder is not installed (build-aux/install-deps installs it)"
  exit 77
fi

parsed=$(G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest")

status=0
expect () {
  if ! printf '%s\n' "$parsed" | grep -Eq "$1"; then
    echo "flatpak manifest: expected $2"
    status=1
  fi
}
refuse () {
  if printf '%s\n' "$parsed" | grep -Eq "$1"; then
    echo "flatpak manifest: must not have $2"
    status=1
  fi
}

expect "\"(id|app-id)\" *: *\"$app_id\"" "the app id $app_id"
expect '"runtime" *: *"org.gnome.Platform"' 'the org.gnome.Platform runtime'
expect '"sdk" *: *"org.gnome.Sdk"' 'the org.gnome.Sdk'
expect '"command" *: *"latchkey"' 'the latchkey command'
expect '"buildsystem" *: *"meson"' 'a meson module'
expect '"name" *: *"latchkey"' 'the latchkey module'
for arg in --share=network --share=ipc --socket=wayland --socket=fallback-x11 --device=dri; do
  expect "\"$arg\"" "finish-arg $arg"
done
# libsecret reaches the keyring through the Secret portal inside Flatpak.
refuse 'org\.freedesktop\.secrets' 'a --talk-name to the whole secret service'
refuse '"--socket=x11"' 'plain x11 (fallback-x11 only)'
refuse '"--filesystem=' 'file system access'
refuse '"--device=all"' 'all devices'

[ $status -eq 0 ] && echo "flatpak manifest: $manifest is valid and minimal"
exit $status
