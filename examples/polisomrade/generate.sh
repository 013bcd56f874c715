#!/usr/bin/env bash
# Regenerates the police area's sample logs in examples/polisomrade/data/ (Lokalpolisområde Östra
# Norrbotten: Kalix 2019, Överkalix 2019, Haparanda 2020–2022).
#
# Run from the repository root:   bash examples/polisomrade/generate.sh
#
# Needs cargo only: Kalix's own log is the shipped ODS, copied (data/generate.sh makes it, with
# LibreOffice; run that first if Kalix's logs are to change too).
# - data/inbox/polisen/polisen-aktivitetslogg-2019-2022.xlsx     the police's log of the whole area,
#   with a Kommun column (Kalix's rows are those of data/inbox/polisen/, same generator, same seed)
# - data/inbox/haparanda/haparanda-aktivitetslogg-2020-2022.xlsx  Haparanda kommun's own log
# - data/inbox/overkalix/overkalix-aktivitetslogg-2019.xlsx       Överkalix kommun's own log
#   all three written by rust_xlsxwriter (examples/sample_data.rs --area; see its top comment for
#   the messy parts on purpose)
# - data/inbox/kalix/kommunen-aktivitetslogg-2019.ods  a copy of data/inbox/kommun/'s
# - data/kommentarer-kalix.toml                        a copy of data/kommentarer.toml (the comments
#   file of municipality kalix in the area: state_dir/kommentarer-ID.toml)
set -euo pipefail

area=examples/polisomrade
if [[ ! -f Cargo.toml || ! -f "$area/config.toml" ]]; then
    echo "run from the repository root: bash $area/generate.sh" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Writes Kalix's two logs to $tmp/out (not used here) and the area's three into $area/data/inbox/.
cargo run --quiet --example sample_data -- "$tmp/out" --area "$area"

mkdir -p "$area/data/inbox/kalix"
cp data/inbox/kommun/kommunen-aktivitetslogg-2019.ods "$area/data/inbox/kalix/"
cp data/kommentarer.toml "$area/data/kommentarer-kalix.toml"
ls -l "$area"/data/inbox/*
