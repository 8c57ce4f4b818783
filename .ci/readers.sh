#!/usr/bin/env bash
# The outside readers the export tests run: networkx (Debian's
# python3-networkx, installed by .ci/run) and graphology with its GEXF and
# GraphML parsers, installed here from the npm registry at the versions
# pinned in internal/readers/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../internal/readers"
/usr/bin/python3 -c 'import networkx; print("networkx", networkx.__version__)'
echo "node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error
