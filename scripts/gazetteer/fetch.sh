#!/usr/bin/env bash
# Fetch the public data build.py reads, as npm packages, into a scratch folder (default /tmp/gaz).
# The packages are not committed; only the generated data/gazetteer.tsv is.
set -euo pipefail
dir="${1:-/tmp/gaz}"
mkdir -p "$dir"
cd "$dir"
for pkg in i18n-iso-countries@7.14.0 world-countries@5.1.0 cldr-localenames-full@48.2.0 cldr-dates-full@48.2.0; do
  name="${pkg%@*}"
  tgz=$(npm pack --silent "$pkg")
  mkdir -p "$name"
  tar xzf "$tgz" -C "$name"
done
echo "fetched into $dir"
