#!/usr/bin/env bash
# Installs Graphviz's `dot`, which the export tests use to check the DOT that
# `actorgraph export` writes (queries/export_test.go; they fail under CI when
# dot is missing). Idempotent: does nothing when dot is already installed.
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends graphviz >/dev/null
dot -V
