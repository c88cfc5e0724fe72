#!/usr/bin/env bash
# Kvalitetsportal — the project's one test command (README; CI runs it through .ci/run).
#
#   ./test.sh           full run, as on CI: installs what is missing (apt: postgresql, chromium,
#                       curl), restores the local dotnet tools, builds the solution once (Release),
#                       starts a throwaway PostgreSQL on 127.0.0.1:5433, then runs
#                         unit            tests/Kvalitetsportal.UnitTests
#                         integration     tests/Kvalitetsportal.IntegrationTests on SQLite
#                         integration-pg  the same tests on PostgreSQL (KP_TEST_DB=postgres)
#                         browser         tests/Kvalitetsportal.BrowserTests (SQLite, Chromium)
#                         browser-pg      the same browser tests on PostgreSQL
#                         publish-smoke   `dotnet publish` as the Dockerfile does, start it, probe it
#   ./test.sh --quick   fast local loop: unit + integration on SQLite only. No apt, no PostgreSQL,
#                       no browser, no publish.
#
# Results: artifacts/test-results/<run>/<run>.trx (one folder per run; the folder is emptied first).
# The last line printed is always `N passed, N failed, N skipped`, summed over all runs; the
# publish smoke test counts as one test there. Exit status is non-zero when anything failed (a
# failed test, a test run that crashed or left no TRX file, a failed install/build/start) and,
# when CI=true, also when a test was skipped or no test ran at all.
#
# Environment knobs (all optional):
#   KP_CONFIGURATION   build configuration (default Release)
#   KP_PG_PORT         port of the throwaway PostgreSQL (default 5433; a free port is taken if busy)
#   KP_TEST_VERBOSITY  console logger verbosity of `dotnet test` (default minimal; normal lists every test)
#   KP_HANG_TIMEOUT    a single test running this long is taken as hung: its test host is killed and
#                      the run counts as failed (default 5m)
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
REPO_ROOT=$PWD

QUICK=false
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

CONFIGURATION=${KP_CONFIGURATION:-Release}
VERBOSITY=${KP_TEST_VERBOSITY:-minimal}
HANG_TIMEOUT=${KP_HANG_TIMEOUT:-5m}
RESULTS_DIR=$REPO_ROOT/artifacts/test-results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

# --- bookkeeping ---------------------------------------------------------------------------------
RUN_DIR=$(mktemp -d -t kp-test.XXXXXX)
chmod 755 "$RUN_DIR"            # the postgres user must reach its PGDATA inside
RUNS=()                         # "name|total|passed|failed|skipped|seconds|note"
PHASES=()                       # "name|seconds"
PG_STARTED=false
PGBIN=""; PGDATA=""
APP_PID=""

now_ms() { date +%s%3N; }
secs_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
log() { printf '\n==> %s\n' "$*"; }

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Stops what this script started. Called before the summary (so nothing is printed after the
# last line) and again from the EXIT trap, which covers errors and Ctrl-C.
stop_services() {
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  fi
  if $PG_STARTED; then
    PG_STARTED=false
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || echo "test.sh: could not stop PostgreSQL in $PGDATA" >&2
  fi
}
cleanup() {
  local rc=$?
  set +e
  stop_services
  rm -rf "$RUN_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the per-run table, the phase timings and, last, the summary line; exits accordingly.
finish() {
  stop_services
  python3 - "$RESULTS_DIR" "$QUICK" "${CI:-}" "${#RUNS[@]}" "${RUNS[@]}" "${#PHASES[@]}" "${PHASES[@]}" <<'PY'
import sys
results, args = sys.argv[1], sys.argv[2:]
quick, ci = args[0] == "true", args[1].lower() == "true"
n = int(args[2]); runs = [r.split("|", 6) for r in args[3:3 + n]]
m = int(args[3 + n]); phases = [p.split("|", 1) for p in args[4 + n:4 + n + m]]

print("\n==> Results" + (" (--quick)" if quick else ""))
print(f"{'run':<16}{'total':>7}{'passed':>8}{'failed':>8}{'skipped':>9}{'time s':>9}  note")
tp = tf = ts = tt = 0
for name, total, passed, failed, skipped, secs, note in runs:
    total, passed, failed, skipped = map(int, (total, passed, failed, skipped))
    tt += total; tp += passed; tf += failed; ts += skipped
    print(f"{name:<16}{total:>7}{passed:>8}{failed:>8}{skipped:>9}{secs:>9}  {note}")
problems = [(name, note) for name, *_, note in runs if note]
if problems:
    print("\n==> Problems")
    for name, note in problems:
        path = f"{results}/{name}/problems.txt"
        try:
            lines = open(path).read().splitlines()
        except OSError:
            lines = [note]
        for line in lines[:40]:
            print(f"{name:<16}{line}")
        if len(lines) > 40:
            print(f"{name:<16}... {len(lines) - 40} more in {path}")
print("\n==> Phases")
for name, secs in phases:
    print(f"{name:<24}{secs:>8} s")
reasons = []
if tf: reasons.append(f"{tf} failed")
if ci and ts: reasons.append(f"{ts} skipped (not allowed when CI=true)")
if ci and tt == 0: reasons.append("no test ran (not allowed when CI=true)")
print("\nFAILED: " + "; ".join(reasons) if reasons else "\nOK")
print(f"{tp} passed, {tf} failed, {ts} skipped")
sys.exit(1 if reasons else 0)
PY
}

# A step outside the test runs (install, build, service start) failed: count it as one failure,
# print the summary anyway, and stop.
setup_failed() {
  RUNS+=("$1|1|0|1|0|-|$2")
  echo "test.sh: $1 failed: $2" >&2
  finish
  exit 1
}

phase_done() { PHASES+=("$1|$(secs_since "$2")"); }

# Counts a TRX folder. Prints "total|passed|failed|skipped|note". A run whose `dotnet test`
# exited non-zero without any failed test in its TRX (crash, hang, no TRX) counts one failure.
count_trx() {
  python3 - "$1" "$2" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
folder, rc = sys.argv[1], int(sys.argv[2])
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
notes = []
files = sorted(glob.glob(f"{folder}/*.trx"))
for path in files:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        failed += 1; notes.append(f"unreadable TRX {path}: {e}"); continue
    for r in root.iter(f"{ns}UnitTestResult"):
        outcome = r.get("outcome", "")
        if outcome == "Passed": passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"): skipped += 1
        else: failed += 1   # Failed, Error, Timeout, Aborted, ...
        if outcome not in ("Passed", "NotExecuted"):
            notes.append(f"{outcome}: {r.get('testName')}")
            # The CI record keeps only the summary's tail: carry why it failed and where.
            message = r.findtext(f"{ns}Output/{ns}ErrorInfo/{ns}Message") or ""
            stack = r.findtext(f"{ns}Output/{ns}ErrorInfo/{ns}StackTrace") or ""
            for line in [l.strip() for l in message.splitlines() if l.strip()][:4]:
                notes.append(f"    {line[:300]}")
            ours = [l.strip() for l in stack.splitlines() if "Kvalitetsportal" in l and " in /" in l]
            for line in ours[:3]:
                notes.append(f"    {line[:300]}")
if not files:
    failed += 1; notes.append("no TRX file written")
if rc != 0 and failed == 0:
    failed += 1; notes.append(f"dotnet test exited {rc} without a failed test (crash or hang?)")
total = passed + failed + skipped
for n in notes[:40]: print(f"    {n}", file=sys.stderr)
if notes:
    with open(f"{folder}/problems.txt", "w") as f:
        f.write("".join(f"{n}\n" for n in notes))
note = f"{len(notes)} problem(s)" if notes else ""
print(f"{total}|{passed}|{failed}|{skipped}|{note}")
PY
}

# run_tests NAME PROJECT [VAR=value ...]   (variables are set for that run only; KP_TEST_* are
# cleared first so a developer's shell cannot turn the SQLite runs into PostgreSQL ones)
run_tests() {
  local name=$1 project=$2; shift 2
  local out=$RESULTS_DIR/$name start rc=0 counts
  rm -rf "$out"; mkdir -p "$out"
  log "tests: $name ($project${*:+; $*})"
  start=$(now_ms)
  env -u KP_TEST_DB -u KP_TEST_POSTGRES "$@" \
    dotnet test "$project" --no-build -c "$CONFIGURATION" \
      --results-directory "$out" \
      --logger "trx;LogFileName=$name.trx" \
      --logger "console;verbosity=$VERBOSITY" \
      --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
    || rc=$?
  counts=$(count_trx "$out" "$rc")
  RUNS+=("$name|${counts%|*}|$(secs_since "$start")|${counts##*|}")
  PHASES+=("test $name|$(secs_since "$start")")
}

# --- 1. prerequisites ----------------------------------------------------------------------------
t=$(now_ms)
command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "test.sh: python3 is needed to read the TRX files" >&2; exit 1; }
if ! $QUICK; then
  missing=()
  for pkg in postgresql chromium curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "apt: installing ${missing[*]}"
    [[ $EUID -eq 0 ]] || setup_failed apt "missing packages ${missing[*]} (run as root or install them)"
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || setup_failed apt "apt-get install ${missing[*]}"
  fi
fi
phase_done "prerequisites (apt)" "$t"

rm -rf "$RESULTS_DIR"; mkdir -p "$RESULTS_DIR"

# --- 2. tools and build --------------------------------------------------------------------------
t=$(now_ms)
log "dotnet tool restore"
dotnet tool restore || setup_failed tools "dotnet tool restore"
phase_done "dotnet tool restore" "$t"

t=$(now_ms)
log "build Kvalitetsportal.sln ($CONFIGURATION)"
dotnet build Kvalitetsportal.sln -c "$CONFIGURATION" -nologo -v minimal -clp:NoSummary \
  || setup_failed build "dotnet build Kvalitetsportal.sln"
phase_done "build" "$t"

# --- 3. throwaway PostgreSQL ---------------------------------------------------------------------
start_postgres() {
  PGBIN=${KP_PG_BIN:-/usr/lib/postgresql/15/bin}
  if [[ ! -x $PGBIN/initdb ]]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [[ -x $PGBIN/initdb ]] || setup_failed postgres "no initdb under /usr/lib/postgresql/*/bin"
  PG_PORT=${KP_PG_PORT:-5433}
  if ! python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$PG_PORT" 2>/dev/null; then
    PG_PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    echo "port ${KP_PG_PORT:-5433} is busy; PostgreSQL uses $PG_PORT"
  fi
  PGDATA=$RUN_DIR/pgdata
  if [[ $EUID -eq 0 ]]; then
    install -d -o postgres -g postgres -m 700 "$PGDATA"
  else
    install -d -m 700 "$PGDATA"
  fi
  log "PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $NF}')) on 127.0.0.1:$PG_PORT, PGDATA=$PGDATA"
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$RUN_DIR/initdb.log" 2>&1 \
    || { cat "$RUN_DIR/initdb.log" >&2; setup_failed postgres "initdb"; }
  # fsync off and friends: a throwaway database that only has to be fast.
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
    -o "-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PGDATA/server.log" >&2 || true; setup_failed postgres "pg_ctl start"; }
  PG_STARTED=true
  KP_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}
if ! $QUICK; then
  t=$(now_ms)
  start_postgres
  phase_done "postgres start" "$t"
fi

# --- 4. test runs --------------------------------------------------------------------------------
run_tests unit tests/Kvalitetsportal.UnitTests
run_tests integration tests/Kvalitetsportal.IntegrationTests
if ! $QUICK; then
  run_tests integration-pg tests/Kvalitetsportal.IntegrationTests KP_TEST_DB=postgres "KP_TEST_POSTGRES=$KP_TEST_POSTGRES"
  run_tests browser tests/Kvalitetsportal.BrowserTests
  # The journeys again on PostgreSQL: "tried as a new user would, on both databases".
  run_tests browser-pg tests/Kvalitetsportal.BrowserTests KP_TEST_DB=postgres "KP_TEST_POSTGRES=$KP_TEST_POSTGRES"
fi

# --- 5. publish smoke test -----------------------------------------------------------------------
# The same `dotnet publish` the Dockerfile runs (docker itself cannot run here), then the published
# app is started once in Production on a fresh SQLite data folder: /health/ready must answer 200
# within 60 s and /konto/logga-in must answer 200 with "Logga in" in it. It counts as ONE test in
# the summary (passed or failed).
SMOKE_ERR=""
smoke_fail() { SMOKE_ERR=$1; echo "publish smoke test: $1" >&2; return 1; }
publish_smoke() {
  local out=$RESULTS_DIR/publish-smoke publish=$RUN_DIR/publish data=$RUN_DIR/smoke-data
  local port password deadline code started
  mkdir -p "$out"
  log "publish smoke test: dotnet publish src/Kvalitetsportal.Web -c Release -o $publish"
  dotnet publish src/Kvalitetsportal.Web -c Release -o "$publish" -nologo -v minimal -clp:NoSummary \
    >"$out/publish.log" 2>&1 || { tail -30 "$out/publish.log" >&2; smoke_fail "dotnet publish failed"; return 1; }
  port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  password="Kp-$(python3 -c 'import secrets; print(secrets.token_hex(12))')-Aa1!"
  started=$(now_ms)
  (cd "$publish" && exec env -u KP_TEST_DB -u KP_TEST_POSTGRES \
      ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Portal__DataFolder="$data" Setup__AdminPassword="$password" \
      dotnet Kvalitetsportal.Web.dll) >"$out/app.log" 2>&1 &
  APP_PID=$!
  deadline=$(( started + 60000 ))
  code=000
  while (( $(now_ms) < deadline )); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)
    [[ $code == 200 ]] && break
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -30 "$out/app.log" >&2; smoke_fail "the published app exited before it was ready"; return 1
    fi
    sleep 0.25
  done
  if [[ $code != 200 ]]; then
    tail -30 "$out/app.log" >&2; smoke_fail "/health/ready gave $code, not 200, within 60 s"; return 1
  fi
  echo "/health/ready: 200, $(secs_since "$started") s after start"
  code=$(curl -s -o "$out/logga-in.html" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/konto/logga-in" || true)
  [[ $code == 200 ]] || { smoke_fail "/konto/logga-in gave $code, not 200"; return 1; }
  grep -q "Logga in" "$out/logga-in.html" || { smoke_fail "/konto/logga-in has no \"Logga in\""; return 1; }
  echo "/konto/logga-in: 200, contains \"Logga in\""
}
if ! $QUICK; then
  t=$(now_ms)
  if publish_smoke; then
    RUNS+=("publish-smoke|1|1|0|0|$(secs_since "$t")|")
  else
    RUNS+=("publish-smoke|1|0|1|0|$(secs_since "$t")|$SMOKE_ERR")
  fi
  if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
  phase_done "publish smoke test" "$t"
fi

finish
