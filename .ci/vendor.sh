#!/usr/bin/env bash
# Copies Bootstrap and htmx from the npm registry into static/vendor/, and axe-core (test tooling
# only, never served by the app) into tests/browser/vendor/ (run by hand, committed).
set -euo pipefail
BOOTSTRAP=5.3.9
HTMX=2.0.11
AXE=4.14.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" "axe-core@$AXE" >/dev/null
mkdir bs hx axe
tar xzf "bootstrap-$BOOTSTRAP.tgz" -C bs --strip-components=1
tar xzf "htmx.org-$HTMX.tgz" -C hx --strip-components=1
tar xzf "axe-core-$AXE.tgz" -C axe --strip-components=1
sha256sum "axe-core-$AXE.tgz"
cd - >/dev/null
dest=static/vendor
mkdir -p "$dest/bootstrap-$BOOTSTRAP" "$dest/htmx-$HTMX"
cp "$work/bs/dist/css/bootstrap.min.css" "$work/bs/dist/js/bootstrap.bundle.min.js" \
   "$work/bs/LICENSE" "$dest/bootstrap-$BOOTSTRAP/"
cp "$work/hx/dist/htmx.min.js" "$work/hx/LICENSE" "$dest/htmx-$HTMX/"
# The maps are not vendored, and collectstatic's manifest refuses a reference to a missing
# file, so the sourceMappingURL comments go (a browser's dev tools only lose the map).
sed -i '/sourceMappingURL=/d' "$dest/bootstrap-$BOOTSTRAP/bootstrap.min.css" \
    "$dest/bootstrap-$BOOTSTRAP/bootstrap.bundle.min.js" "$dest/htmx-$HTMX/htmx.min.js"
# axe-core runs only inside the Playwright accessibility test: it stays out of static/.
mkdir -p tests/browser/vendor
cp "$work/axe/axe.min.js" tests/browser/vendor/axe.min.js
cp "$work/axe/LICENSE" tests/browser/vendor/LICENSE-axe-core
echo "Vendored bootstrap $BOOTSTRAP and htmx $HTMX into $dest/, axe-core $AXE into tests/browser/vendor/"
