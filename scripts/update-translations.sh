#!/usr/bin/env bash
# Extracts the user-visible strings of graphs-studio (tr() and translate() in ui/ and app/studio/) into every
# translations/graphs_<lang>.ts: new strings come in unfinished, strings no longer in the sources are dropped, and
# translations of strings that stay are kept. Translate the new ones with Qt Linguist (linguist translations/graphs_de.ts)
# and rebuild: the build compiles the catalogues with lrelease. tests/ui/tst_translations.cpp checks the catalogues
# against the same lupdate run, so keep its source folders and options in step with this script.
#
# Usage: ./scripts/update-translations.sh [lang...]    (default: every catalogue in translations/)
#        LUPDATE=/path/to/lupdate ./scripts/update-translations.sh
set -euo pipefail
cd "$(dirname "$0")/.."

lupdate=${LUPDATE:-}
if [ -z "$lupdate" ] && command -v qtpaths6 >/dev/null 2>&1; then
    lupdate="$(qtpaths6 --query QT_INSTALL_BINS)/lupdate"
fi
if [ -z "$lupdate" ] || [ ! -x "$lupdate" ]; then
    lupdate=$(command -v lupdate || true)
fi
# Debian's /usr/bin/lupdate may be qtchooser's, which runs Qt 5's lupdate.
if [ -z "$lupdate" ] || ! "$lupdate" -version 2>&1 | grep -q 'version 6'; then
    echo "update-translations: Qt 6 lupdate not found (install qt6-l10n-tools, or set LUPDATE)" >&2
    exit 1
fi

ts_files=()
if [ $# -gt 0 ]; then
    for lang in "$@"; do
        ts_files+=("translations/graphs_$lang.ts")
    done
else
    ts_files=(translations/graphs_*.ts)
fi

# No source locations: a moved line would otherwise change every catalogue. The sources are English, so the English
# catalogue holds only the plural messages (%n), whose forms a catalogue must spell out.
for ts in "${ts_files[@]}"; do
    only=()
    [ "$ts" != translations/graphs_en.ts ] || only=(-pluralonly)
    "$lupdate" -locations none -no-obsolete -source-language en "${only[@]}" ui app/studio -ts "$ts"
done

for ts in "${ts_files[@]}"; do
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    [ "$unfinished" -eq 0 ] || echo "update-translations: $ts has $unfinished unfinished message(s)"
done
