#!/bin/sh
# cim in any other CI (Jenkins, Azure Pipelines, Bitbucket, CircleCI, Woodpecker…): run this from
# the top of the repository, with Node.js 20 or newer and git, on a full clone (not a shallow one).
#   CIM_PACKAGE    where cim comes from: a git URL at a release tag, or a tarball made by npm pack
#   REGISTER       the register's folder (default: the current folder)
#   TARGET_BRANCH  set for a pull request: its target branch; unset, the whole history is checked
# It writes cim-junit.xml for the CI's test report and exits as cim validate does: 0 valid,
# 1 invalid, 2 a usage or environment error (not a register, a shallow clone…).
set -eu

CIM_PACKAGE=${CIM_PACKAGE:-git+https://example.com/your-org/cim.git#v0.1.0}
REGISTER=${REGISTER:-.}

# Into a prefix of its own, so no root is needed.
prefix=${TMPDIR:-/tmp}/cim-install
npm install --global --prefix "$prefix" --no-audit --no-fund "$CIM_PACKAGE"
PATH="$prefix/bin:$PATH"

if [ -n "${TARGET_BRANCH:-}" ]; then
  git fetch origin "$TARGET_BRANCH"
  set -- --base "origin/$TARGET_BRANCH"
else
  set -- --history
fi

cim -C "$REGISTER" validate --strict "$@" --format junit >cim-junit.xml || true
cim -C "$REGISTER" validate --strict "$@"
