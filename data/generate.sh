#!/usr/bin/env bash
# Regenerates the sample activity logs in data/inbox/ (Kalix 2019).
#
# Run from the repository root:   bash data/generate.sh
#
# Needs cargo and LibreOffice (`soffice`; on Debian: apt-get install libreoffice-calc-nogui).
# - data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx  written by rust_xlsxwriter
#   (examples/sample_data.rs; see its top comment for the messy parts on purpose)
# - data/inbox/kommun/kommunen-aktivitetslogg-2019.ods   the municipality's log, written as xlsx
#   by the same example and re-saved as ODS by LibreOffice, as a loggförare using LibreOffice would.
# The sample police area's logs (examples/polisomrade/, which copies the ODS) have their own script:
# bash examples/polisomrade/generate.sh (run it after this one when Kalix's logs change).
set -euo pipefail

if [[ ! -f Cargo.toml || ! -d data ]]; then
    echo "run from the repository root: bash data/generate.sh" >&2
    exit 1
fi
command -v soffice >/dev/null || {
    echo "soffice (LibreOffice) not found: apt-get install libreoffice-calc-nogui" >&2
    exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo run --quiet --example sample_data -- "$tmp/out"

mkdir -p data/inbox/polisen data/inbox/kommun
cp "$tmp/out/polisen-aktivitetslogg-2019.xlsx" data/inbox/polisen/

# A private LibreOffice profile, so a running LibreOffice or a stale lock does not interfere.
if ! soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
    --convert-to ods --outdir "$tmp/ods" "$tmp/out/kommunen-aktivitetslogg-2019.xlsx" \
    >"$tmp/soffice.log" 2>&1 || [[ ! -f "$tmp/ods/kommunen-aktivitetslogg-2019.ods" ]]; then
    cat "$tmp/soffice.log" >&2
    echo "LibreOffice could not convert the municipality's log to ODS" >&2
    exit 1
fi
cp "$tmp/ods/kommunen-aktivitetslogg-2019.ods" data/inbox/kommun/

# The dates must have stayed dates (office:value-type="date") in the ODS.
dates=$(unzip -p data/inbox/kommun/kommunen-aktivitetslogg-2019.ods content.xml \
    | grep -o 'office:value-type="date"' | wc -l)
if [[ "$dates" -lt 20 ]]; then
    echo "expected the ODS to hold date cells, found $dates" >&2
    exit 1
fi
ls -l data/inbox/polisen data/inbox/kommun
