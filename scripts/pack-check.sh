#!/usr/bin/env bash
# Pack check: what a user gets from npm. Builds and packs every package, installs the tarballs
# with plain npm (no workspace) into scratch projects, and checks:
#   - each tarball holds dist (js, d.ts, maps), README, LICENSE and no build cache or tests;
#   - one copy of effect (and of @effect/platform) in `npm ls`, once with the app on the oldest
#     effect the peer range allows (older than the workspace's) and once on the newest 3.x;
#   - `tsc --noEmit` passes on scripts/pack-app (core + node + emulator) with NodeNext and Bundler
#     resolution, and the app runs (in-memory emulator, and NodeRest over the loopback server);
#   - `npx effect-ably-emulator --help` exits 0, if the emulator package declares a `bin`;
#   - the CLI (`@effect-ably/cli`) in its own scratch project: `npx effect-ably --help` and each
#     subcommand's `--help` exit 0, `time`, `history` and `channels` run with `--emulator`, and
#     a usage error exits 2;
#   - core + node alone add under 30 MB and no install scripts to an app that has the peers
#     (effect + @effect/platform alone are ~55 MB, and @effect/platform's msgpackr carries an
#     optional native package with an install hook: those are the app's, and are printed).
#
#   bash scripts/pack-check.sh          (needs the npm registry; the workspace installed)
#   PACK_CHECK_KEEP=1 ...               keeps the scratch directory
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PNPM_VERSION=10.34.9
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  pnpm() { command pnpm "$@"; }
else
  pnpm() { npx --yes "pnpm@$PNPM_VERSION" "$@"; }
fi

PACKAGES=(core node browser emulator cli)
# The floors of the peer ranges (older than the workspace's effect); the newest run asks the registry
# for the newest versions inside the ranges (Effect 4 is `latest`: never install unpinned).
EFFECT_OLD=3.22.2
PLATFORM_OLD=0.97.2
MAX_LIGHT_KB=$((30 * 1024)) # what core + node may add to an app that has the peers

WORK=$(mktemp -d "${TMPDIR:-/tmp}/effect-ably-pack.XXXXXX")
if [ -z "${PACK_CHECK_KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else echo "scratch: $WORK"; fi
TARBALLS=$WORK/tarballs
mkdir -p "$TARBALLS"

fail() { printf '\npack-check FAILED: %s\n' "$*" >&2; exit 1; }
say() { printf '\n-- %s\n' "$*"; }
npm_install() { npm install --no-audit --no-fund --prefer-offline --loglevel=error "$@"; }
peer() { node -p "require('$ROOT/packages/core/package.json').peerDependencies['$1']"; }

# The peer floors the old run uses must be the floors of the declared ranges.
[ "$(peer effect)" = "^$EFFECT_OLD" ] || fail "packages/core peer effect is $(peer effect), the check expects ^$EFFECT_OLD"
[ "$(peer @effect/platform)" = "^$PLATFORM_OLD" ] || fail "packages/core peer @effect/platform is $(peer @effect/platform), expected ^$PLATFORM_OLD"
for pkg in "${PACKAGES[@]}"; do
  node -e '
    const p = require(process.argv[1])
    for (const name of ["effect", "@effect/platform"]) {
      if (p.dependencies && name in p.dependencies) throw new Error(`${p.name} lists ${name} in dependencies (must be a peer)`)
      if (!p.peerDependencies || p.peerDependencies[name] !== process.argv[2 + (name === "effect" ? 0 : 1)])
        throw new Error(`${p.name}: peer ${name} must be ${process.argv[2 + (name === "effect" ? 0 : 1)]}`)
    }' "$ROOT/packages/$pkg/package.json" "^$EFFECT_OLD" "^$PLATFORM_OLD" || fail "peer dependencies of packages/$pkg"
done

EFFECT_NEW=$(npm view "effect@^$EFFECT_OLD" version --json | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')
PLATFORM_NEW=$(npm view "@effect/platform@^$PLATFORM_OLD" version --json | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')
WORKSPACE_EFFECT=$(node -p "require('$ROOT/packages/core/package.json').devDependencies.effect")

say "pack (prepack builds each package)"
for pkg in "${PACKAGES[@]}"; do
  (cd "packages/$pkg" && pnpm pack --pack-destination "$TARBALLS" >/dev/null) || fail "pnpm pack in packages/$pkg"
done

say "tarball contents"
for pkg in "${PACKAGES[@]}"; do
  tgz=$(ls "$TARBALLS"/effect-ably-"$pkg"-*.tgz)
  list=$(tar -tzf "$tgz")
  for required in package/package.json package/README.md package/LICENSE package/dist/index.js package/dist/index.d.ts \
    package/dist/index.js.map package/dist/index.d.ts.map; do
    grep -qx "$required" <<<"$list" || fail "$(basename "$tgz") lacks ${required#package/}"
  done
  if grep -E 'tsbuildinfo|^package/test/|^package/node_modules/|\.test\.' <<<"$list"; then fail "$(basename "$tgz") ships build caches or tests (above)"; fi
  manifest=$(tar -xzOf "$tgz" package/package.json)
  if grep -q 'workspace:' <<<"$manifest"; then fail "$(basename "$tgz") still has a workspace: range"; fi
  printf '%-32s %4d files, %5d kB packed\n' "$(basename "$tgz")" "$(wc -l <<<"$list")" $(( $(stat -c %s "$tgz") / 1024 ))
done

tarball() { echo "file:$(ls "$TARBALLS"/effect-ably-"$1"-*.tgz)"; }

# A scratch npm project. $1 dir, $2 effect, $3 @effect/platform, rest: our packages.
scratch() {
  local dir=$1 effect=$2 platform=$3; shift 3
  mkdir -p "$dir"
  node -e '
    const [dir, effect, platform, ...pkgs] = process.argv.slice(1)
    const deps = { effect, "@effect/platform": platform }
    for (const p of pkgs) { const [name, spec] = p.split("="); deps[name] = spec }
    const devDependencies = /\/app-[^/]*$/.test(dir) ? { "@types/node": "^20.19.0" } : {}
    require("fs").writeFileSync(dir + "/package.json", JSON.stringify({ name: "scratch", private: true, type: "module", dependencies: deps, devDependencies }, null, 2))
  ' "$dir" "$effect" "$platform" "$@"
}

# One copy of a package in the tree, at the version the app asked for.
one_copy() {
  local dir=$1 name=$2 want=$3 paths versions
  paths=$(cd "$dir" && npm ls "$name" --all --parseable) || { (cd "$dir" && npm ls "$name" --all) || true; fail "npm ls $name reports problems in $dir"; }
  [ "$(grep -c . <<<"$paths")" = 1 ] || { (cd "$dir" && npm ls "$name" --all); fail "more than one copy of $name ($dir)"; }
  versions=$(node -p "require('$paths/package.json').version")
  [ "$versions" = "$want" ] || fail "$name is $versions, the app asked for $want"
  printf '%s: one copy (%s)\n' "$name" "$versions"
}

app_run() {
  local label=$1 effect=$2 platform=$3 dir=$WORK/app-$1
  say "app on effect@$effect, @effect/platform@$platform ($label; workspace: $WORKSPACE_EFFECT)"
  scratch "$dir" "$effect" "$platform" \
    "@effect-ably/core=$(tarball core)" "@effect-ably/node=$(tarball node)" \
    "@effect-ably/browser=$(tarball browser)" "@effect-ably/emulator=$(tarball emulator)"
  cp -r "$ROOT/scripts/pack-app/src" "$ROOT/scripts/pack-app/tsconfig.nodenext.json" "$ROOT/scripts/pack-app/tsconfig.bundler.json" "$dir/"
  (cd "$dir" && npm_install) || fail "npm install ($label)"
  one_copy "$dir" effect "$effect"
  one_copy "$dir" @effect/platform "$platform"
  for config in nodenext bundler; do
    (cd "$dir" && "$ROOT/node_modules/.bin/tsc" -p "tsconfig.$config.json" $([ $config = nodenext ] || echo --noEmit)) \
      || fail "tsc ($config resolution, $label)"
    echo "tsc $config: ok"
  done
  out=$(cd "$dir" && node build/main.js 2>&1) || { echo "$out"; fail "the app failed ($label)"; }
  echo "$out"
  [ "$out" = "pack-app ok: in-memory=greeting,order node=greeting,order" ] || fail "unexpected app output ($label)"
  if node -e 'process.exit(require(process.argv[1]).bin ? 0 : 1)' "$dir/node_modules/@effect-ably/emulator/package.json"; then
    (cd "$dir" && npx --no-install effect-ably-emulator --help >/dev/null) || fail "npx effect-ably-emulator --help ($label)"
    echo "npx effect-ably-emulator --help: exit 0"
  else
    echo "npx effect-ably-emulator --help: skipped (the emulator package has no bin)"
  fi
}

app_run oldest "$EFFECT_OLD" "$PLATFORM_OLD"
app_run newest "$EFFECT_NEW" "$PLATFORM_NEW"

# The CLI as a user installs it: its tarball (with the ones it depends on) in a fresh project.
cli_run() {
  local dir=$WORK/cli
  say "cli: npx effect-ably from the packed tarball (effect@$EFFECT_NEW, @effect/platform@$PLATFORM_NEW)"
  scratch "$dir" "$EFFECT_NEW" "$PLATFORM_NEW" \
    "@effect-ably/core=$(tarball core)" "@effect-ably/node=$(tarball node)" \
    "@effect-ably/emulator=$(tarball emulator)" "@effect-ably/cli=$(tarball cli)"
  (cd "$dir" && npm_install) || fail "npm install (cli)"
  one_copy "$dir" effect "$EFFECT_NEW"
  (cd "$dir" && npx --no-install effect-ably --help >/dev/null) || fail "npx effect-ably --help"
  for sub in time publish history presence status channels stats token revoke request emulator "token create" "token request"; do
    # shellcheck disable=SC2086
    (cd "$dir" && npx --no-install effect-ably $sub --help >/dev/null) || fail "npx effect-ably $sub --help"
  done
  echo "npx effect-ably --help (and each subcommand's): exit 0"
  out=$(cd "$dir" && npx --no-install effect-ably time --emulator) || fail "npx effect-ably time --emulator"
  node -e 'const t = JSON.parse(process.argv[1]).time; if (typeof t !== "number") process.exit(1)' "$out" \
    || fail "effect-ably time --emulator printed $out"
  echo "npx effect-ably time --emulator: $out"
  out=$(cd "$dir" && npx --no-install effect-ably history orders --emulator) || fail "npx effect-ably history orders --emulator"
  [ -z "$out" ] || fail "history of a fresh emulator printed $out"
  (cd "$dir" && npx --no-install effect-ably channels --emulator >/dev/null) || fail "npx effect-ably channels --emulator"
  echo "npx effect-ably history orders --emulator, channels --emulator: exit 0"
  code=0
  (cd "$dir" && npx --no-install effect-ably history >/dev/null 2>&1) || code=$?
  [ "$code" = 2 ] || fail "a usage error exited $code, not 2"
  echo "npx effect-ably history (no channel): exit 2"
  cli_loopback "$dir"
}

# The CLI against the emulator it serves itself on loopback, as a user tries it: NDJSON in
# through publish, NDJSON out of history and channels, exit 1 with the Ably code on a bad key.
cli_loopback() {
  local dir=$1 out=$WORK/cli-emulator.out pid url key code lines
  # The bin itself (not npx), so that $pid is the server's own process.
  (cd "$dir" && exec ./node_modules/.bin/effect-ably emulator --port 0 --json >"$out" 2>/dev/null) &
  pid=$!
  for _ in $(seq 1 300); do [ -s "$out" ] && break; sleep 0.1; done
  [ -s "$out" ] || { kill "$pid" 2>/dev/null; fail "effect-ably emulator printed no listening line"; }
  url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$out")
  key=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).keys[0])' "$out")
  local ep=(--endpoint "$url" --key "$key")
  printf '{"name":"a","data":"one"}\n{"name":"b","data":{"n":2}}\nthree\n' \
    | (cd "$dir" && npx --no-install effect-ably publish orders "${ep[@]}") \
    || { kill "$pid"; fail "effect-ably publish (NDJSON on stdin) to $url"; }
  lines=$(cd "$dir" && npx --no-install effect-ably history orders --direction forwards "${ep[@]}") \
    || { kill "$pid"; fail "effect-ably history orders against $url"; }
  node -e '
    const rows = process.argv[1].split("\n").map((line) => JSON.parse(line))
    const got = rows.map((m) => JSON.stringify(m.data)).join(" ")
    if (got !== "\"one\" {\"n\":2} \"three\"") { console.error("history data: " + got); process.exit(1) }' "$lines" \
    || { kill "$pid"; fail "history printed $lines"; }
  lines=$(cd "$dir" && npx --no-install effect-ably channels "${ep[@]}") || { kill "$pid"; fail "effect-ably channels"; }
  grep -qx '"orders"' <<<"$lines" || { kill "$pid"; fail "channels printed $lines"; }
  code=0
  out=$(cd "$dir" && npx --no-install effect-ably history orders --endpoint "$url" --key "${key%%:*}:wrong-secret" 2>&1 >/dev/null) || code=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  [ "$code" = 1 ] || fail "a wrong key secret exited $code, not 1"
  case "$out" in *40101*) ;; *) fail "a wrong key secret printed: $out" ;; esac
  echo "effect-ably emulator + publish (NDJSON) + history + channels over loopback; wrong secret: exit 1 ($(echo "$out" | head -1))"
}
cli_run

# Install hooks and native builds anywhere under node_modules, one "path: hook" line each.
install_scripts() {
  (cd "$1" && node -e '
    const fs = require("fs"), path = require("path")
    const found = []
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === ".bin") continue
        const sub = path.join(dir, entry.name)
        if (entry.name.startsWith("@")) { walk(sub); continue }
        const manifest = path.join(sub, "package.json")
        if (fs.existsSync(manifest)) {
          const s = JSON.parse(fs.readFileSync(manifest, "utf8")).scripts ?? {}
          for (const hook of ["preinstall", "install", "postinstall"]) if (s[hook]) found.push(`${sub}: ${hook}: ${s[hook]}`)
          if (fs.existsSync(path.join(sub, "binding.gyp"))) found.push(`${sub}: binding.gyp (implicit node-gyp rebuild)`)
        }
        if (fs.existsSync(path.join(sub, "node_modules"))) walk(path.join(sub, "node_modules"))
      }
    }
    walk("node_modules")
    console.log(found.sort().join("\n"))')
}
mb() { awk "BEGIN { printf \"%.1f MB\", $1 / 1024 }"; }

# The peers are the app's own (any Effect app has them): the weight and hooks that count are what
# core + node add on top of effect + @effect/platform alone.
say "core + node alone (app deps: core, node, effect@$EFFECT_NEW, @effect/platform@$PLATFORM_NEW)"
peers=$WORK/peers light=$WORK/light
scratch "$peers" "$EFFECT_NEW" "$PLATFORM_NEW"
scratch "$light" "$EFFECT_NEW" "$PLATFORM_NEW" "@effect-ably/core=$(tarball core)" "@effect-ably/node=$(tarball node)"
(cd "$peers" && npm_install --ignore-scripts) || fail "npm install (peers alone)"
(cd "$light" && npm_install --ignore-scripts) || fail "npm install (core + node)"
(cd "$light" && npm ls --all) || fail "npm ls (core + node)"
peer_hooks=$(install_scripts "$peers")
light_hooks=$(install_scripts "$light")
added_hooks=$(comm -13 <(echo "$peer_hooks") <(echo "$light_hooks") | grep . || true)
[ -z "$peer_hooks" ] || printf 'install scripts of the peers themselves (not ours):\n%s\n' "$peer_hooks"
[ -z "$added_hooks" ] || { echo "$added_hooks"; fail "core + node add install scripts (above)"; }
echo "install scripts added by core + node: none"
peers_kb=$(du -sk "$peers/node_modules" | cut -f1)
light_kb=$(du -sk "$light/node_modules" | cut -f1)
added_kb=$((light_kb - peers_kb))
printf 'node_modules: peers alone %s, with core + node %s: core + node add %s (limit %s)\n' \
  "$(mb "$peers_kb")" "$(mb "$light_kb")" "$(mb "$added_kb")" "$(mb "$MAX_LIGHT_KB")"
[ "$added_kb" -lt "$MAX_LIGHT_KB" ] || fail "core + node add $added_kb kB, over $MAX_LIGHT_KB kB"

printf '\npack-check: ok\n'
