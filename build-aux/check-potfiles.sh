#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
srcdir=${1:-.}
cd "$srcdir"

listed=$(mktemp); found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort > "$listed"

{
  grep -rlE '\b(N|C|NC)?_ ?\(' --include='*.c' src
  grep -rl 'translatable="yes"' --include='*.ui' src
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml
} | sort -u > "$found"

status=0
for file in $(comm -13 "$listed" "$found"); do
  echo "po/POTFILES.in: missing $file, which has translatable strings"
  status=1
done
for file in $(cat "$listed"); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in: lists $file, which does not exist"
    status=1
  fi
done
if ! sort -c "$listed" 2>/dev/null || [ "$(grep -v '^#' po/POTFILES.in | sed '/^$/d')" != "$(cat "$listed")" ]; then
  echo "po/POTFILES.in: keep it sorted"
  status=1
fi
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l < "$listed") files with strings"
exit $status
