#!/usr/bin/env bash
# Rebuilds monaco-0.18.1.zip: the part of the Monaco editor that Cayley's web
# UI (cayleygraph/web v0.8.0, embedded in Cayley as ui.FS) loads from
# cdn.jsdelivr.net at run time. actorgraph serves it from the binary instead,
# so the Query tab works offline and loads no third-party script.
# Source: the npm package monaco-editor@0.18.1 (MIT, LICENSE inside the zip).
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
ls -l monaco-0.18.1.zip
