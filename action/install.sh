#!/usr/bin/env bash
# Installs cim for the action and names the command in the step's output `bin`; its folder is
# added to PATH, so later steps of the job can run `cim` too (`cim pack`, say).
#   INPUT_VERSION  empty: build the action's own files (its ref is the version); otherwise an npm
#                  install spec: a tarball from `npm pack` (path or URL) or a git URL with a ref.
set -euo pipefail

fail() {
  echo "::error title=cim::$1"
  exit 2
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  fail 'Node.js and npm are not on PATH: add actions/setup-node (node-version: 20 or newer) before this action'
fi
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "cim needs Node.js 20 or newer, and this runner has $(node --version): add actions/setup-node with node-version: 20"

version=${INPUT_VERSION:-}
if [ -z "$version" ]; then
  # The action's own files: its dependencies from the lockfile, and `prepare` builds dist/.
  cd "$GITHUB_ACTION_PATH"
  if [ ! -f dist/cli/main.js ] || [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  bin="$GITHUB_ACTION_PATH/bin/cim"
else
  # A package of its own, in a folder of its own: nothing of the workspace's node_modules is used.
  prefix="${RUNNER_TEMP:-/tmp}/cim-install"
  npm install --global --prefix "$prefix" --prefer-offline --no-audit --no-fund --loglevel=error -- "$version" ||
    fail "npm could not install cim from \"$version\": give a tarball made by npm pack, or a git URL with a ref (git+https://…/cim.git#v0.1.0)"
  bin="$prefix/bin/cim"
fi

[ -x "$bin" ] || fail "cim was installed, but $bin is missing"
from=${version:-the files of the action}
echo "cim $("$bin" --version), from $from"
echo "bin=$bin" >>"${GITHUB_OUTPUT:-/dev/null}"
dirname "$bin" >>"${GITHUB_PATH:-/dev/null}"
