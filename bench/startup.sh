#!/usr/bin/env bash
# Startup benchmark: how long the published portal (Release, Production, SQLite) takes from process
# start until /health/ready first answers 200, and its resident memory 2 s after that.
#   cold: data folder deleted before each start (migrations + setup recipe run, incl. password hashing)
#   warm: the database from the cold runs is kept (migrations checked, no recipe)
# Also times the first GET /konto/logga-in after ready (Razor view + first-request JIT).
#
#   bench/startup.sh               5 cold + 5 warm starts
#   RUNS=10 bench/startup.sh       more of each
#   NO_PUBLISH=1 bench/startup.sh  reuse artifacts/bench/publish from an earlier run
#
# Needs only bash, curl, python3 and the .NET SDK. Loopback traffic only.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

RUNS=${RUNS:-5}
OUT=artifacts/bench
PUBLISH=$OUT/publish
DATA=$(mktemp -d -t kp-bench.XXXXXX)
RESULTS=$OUT/startup.tsv
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
APP_PID=""

cleanup() {
  if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

mkdir -p "$OUT"
if [[ -z ${NO_PUBLISH:-} || ! -f $PUBLISH/Kvalitetsportal.Web.dll ]]; then
  echo "publishing src/Kvalitetsportal.Web (Release) to $PUBLISH ..."
  rm -rf "$PUBLISH"
  dotnet publish src/Kvalitetsportal.Web -c Release -o "$PUBLISH" -nologo -v quiet >"$OUT/publish.log" 2>&1 \
    || { tail -30 "$OUT/publish.log" >&2; exit 1; }
fi

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
PASSWORD="Kp-$(python3 -c 'import secrets; print(secrets.token_hex(12))')-Aa1!"
URL=http://127.0.0.1:$PORT

CLK_TCK=$(getconf CLK_TCK)

# CPU time (user + system, ms) the process has used so far: less sensitive than wall time to
# other work on a shared machine.
cpu_ms() { awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }

# start_once KIND N: prints "KIND<TAB>N<TAB>ready_ms<TAB>cpu_ms<TAB>rss_kib<TAB>first_page_ms"
start_once() {
  local kind=$1 n=$2 t0 ready_ms="" cpu rss first_ms code
  t0=$(now_ms)
  (cd "$PUBLISH" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL" \
      Portal__DataFolder="$DATA" Setup__AdminPassword="$PASSWORD" \
      dotnet Kvalitetsportal.Web.dll) >"$OUT/app-$kind-$n.log" 2>&1 &
  APP_PID=$!
  while (( $(now_ms) - t0 < 60000 )); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL/health/ready" || true)
    if [[ $code == 200 ]]; then ready_ms=$(( $(now_ms) - t0 )); cpu=$(cpu_ms "$APP_PID"); break; fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.02
  done
  if [[ -z $ready_ms ]]; then
    echo "$kind run $n: not ready within 60 s; see $OUT/app-$kind-$n.log" >&2
    tail -20 "$OUT/app-$kind-$n.log" >&2
    exit 1
  fi
  sleep 2
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")
  first_ms=$(curl -s -o /dev/null -w '%{time_total}' --max-time 10 "$URL/konto/logga-in" \
    | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))')
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$n" "$ready_ms" "$cpu" "$rss" "$first_ms"
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
printf 'kind\trun\tready_ms\tcpu_ms\trss_kib\tfirst_page_ms\n' >"$RESULTS"
echo "warming the disk cache (one untimed start) ..."
rm -rf "$DATA"; mkdir -p "$DATA"
start_once warmup 0 >/dev/null
for n in $(seq 1 "$RUNS"); do
  rm -rf "$DATA"; mkdir -p "$DATA"
  start_once cold "$n" | tee -a "$RESULTS"
done
for n in $(seq 1 "$RUNS"); do
  start_once warm "$n" | tee -a "$RESULTS"
done

python3 - "$RESULTS" "$RUNS" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"\nStartup of the published portal (Release, Production, SQLite), {sys.argv[2]} runs each")
print(f"{'start':<6}{'ready median':>14}{'min':>9}{'max':>9}{'CPU median':>12}{'RSS median':>12}{'1st page median':>17}")
for kind in ("cold", "warm"):
    r = [x for x in rows if x["kind"] == kind]
    ms = [int(x["ready_ms"]) for x in r]
    rss = statistics.median(int(x["rss_kib"]) for x in r) / 1024
    page = statistics.median(int(x["first_page_ms"]) for x in r)
    cpu = statistics.median(int(x["cpu_ms"]) for x in r)
    print(f"{kind:<6}{statistics.median(ms):>11.0f} ms{min(ms):>6} ms{max(ms):>6} ms{cpu:>9.0f} ms{rss:>8.0f} MiB{page:>14.0f} ms")
before, after, cores = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"\nload average (1 min) before/after: {before:.1f}/{after:.1f} on {cores} cores")
if max(before, after) > cores:
    print("WARNING: the machine was busy with other work; these figures are inflated. Run again when idle.")
print(f"raw figures: {sys.argv[1]}")
PY
