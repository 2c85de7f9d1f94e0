#!/bin/sh
# Extracts the strings as the build does and fails when a language in
# po/LINGUAS lacks a translation, has a fuzzy one, or does not compile.
set -eu
srcdir=${1:-.}
cd "$srcdir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --package-name=latchkey --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=po/POTFILES.in --directory=. --output="$work/latchkey.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/latchkey.pot" -o "$work/$lang.po"
  msgfmt --check -o /dev/null "$work/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry along with any match.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  total=$(grep -c '^msgid ' "$work/latchkey.pot")
  echo "$lang: $((total - 1)) strings, $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    { msgattrib --untranslated --no-obsolete "$work/$lang.po"; msgattrib --only-fuzzy --no-obsolete "$work/$lang.po"; } | grep -A1 "^msgid" | head -40
    status=1
  fi
done
exit $status
