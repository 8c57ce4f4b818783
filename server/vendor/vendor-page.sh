#!/usr/bin/env bash
# Rebuilds server/page/vendor/: the graph library actorgraph's own page draws
# with, fetched from the npm registry at the versions pinned in
# server/page/vendor/VERSIONS (name, version, licence, sha256 of the file
# kept), and embedded in the binary with the page (no CDN at run time).
#
#   cytoscape        dist/cytoscape.min.js   the graph model and renderer
#   layout-base      layout-base.js          } the fCoSE force-directed layout
#   cose-base        cose-base.js            } (UMD builds as published;
#   cytoscape-fcose  cytoscape-fcose.js      }  they register globals)
#
# All four are MIT; each LICENSE is kept beside its file. Run it after
# changing a version in VERSIONS; it rewrites the sha256 column.
set -euo pipefail
cd "$(dirname "$0")/../page/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A file=(
	[cytoscape]=dist/cytoscape.min.js
	[layout-base]=layout-base.js
	[cose-base]=cose-base.js
	[cytoscape-fcose]=cytoscape-fcose.js
)
out=()
while read -r name version licence _; do
	case "$name" in ''|\#*) continue ;; esac
	(cd "$tmp" && npm pack --silent "$name@$version" >/dev/null && mkdir "$name" && tar xzf "$name-$version.tgz" -C "$name")
	src="$tmp/$name/package/${file[$name]}"
	dst="$name-$version.js"
	got=$(node -p "require('$tmp/$name/package/package.json').license")
	[ "$got" = "$licence" ] || { echo "$name@$version: licence $got, VERSIONS says $licence" >&2; exit 1; }
	cp "$src" "$dst"
	cp "$tmp/$name/package/LICENSE" "$name.LICENSE"
	out+=("$name $version $licence $(sha256sum "$dst" | cut -d' ' -f1)")
done < VERSIONS
{
	echo "# name version licence sha256 (rebuild with server/vendor/vendor-page.sh)"
	printf '%s\n' "${out[@]}"
} > VERSIONS
ls -l
