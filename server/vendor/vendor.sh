#!/usr/bin/env bash
# Rebuilds the third-party files that Cayley's web UI would fetch from CDNs:
#
# monaco-0.18.1.zip: the part of the Monaco editor that Cayley's web
# UI (cayleygraph/web v0.8.0, embedded in Cayley as ui.FS) loads from
# cdn.jsdelivr.net at run time. actorgraph serves it from the binary instead,
# so the Query tab works offline and loads no third-party script.
# Source: the npm package monaco-editor@0.18.1 (MIT, LICENSE inside the zip).
#
# material-icons.woff2: the Material Icons font that the UI's CSS imports
# from fonts.googleapis.com (its buttons and status icons). Source: the npm
# package material-icons@1.13.14 (Apache-2.0, material-icons.LICENSE).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent monaco-editor@0.18.1 >/dev/null && tar xzf monaco-editor-0.18.1.tgz)
p="$tmp/package"
files=(
	LICENSE ThirdPartyNotices.txt
	min/vs/loader.js
	min/vs/editor/editor.main.js min/vs/editor/editor.main.css min/vs/editor/editor.main.nls.js
	min/vs/base/worker/workerMain.js
	min/vs/basic-languages/javascript/javascript.js
	min/vs/basic-languages/typescript/typescript.js
	min/vs/basic-languages/graphql/graphql.js
	min/vs/language/typescript/tsMode.js min/vs/language/typescript/tsWorker.js
	min/vs/language/json/jsonMode.js min/vs/language/json/jsonWorker.js
)
rm -f monaco-0.18.1.zip
(cd "$p" && TZ=UTC touch -d 2019-09-01T00:00:00 "${files[@]}" && zip -q -X -9 "$OLDPWD/monaco-0.18.1.zip" "${files[@]}")
(cd "$tmp" && npm pack --silent material-icons@1.13.14 >/dev/null && mkdir mi && tar xzf material-icons-1.13.14.tgz -C mi)
cp "$tmp/mi/package/iconfont/material-icons.woff2" material-icons.woff2
cp "$tmp/mi/package/LICENSE" material-icons.LICENSE
ls -l monaco-0.18.1.zip material-icons.woff2
