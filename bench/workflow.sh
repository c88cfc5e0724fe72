#!/usr/bin/env bash
# Workflow benchmark (transitions with a mail activity, outbox drain); see bench/README.md. Loopback only.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ITEMS=${ITEMS:-10000}
DURATION=${DURATION:-10}  # not SECONDS: bash counts its own run time in that variable
CLIENTS=${CLIENTS:-16}
MAILS=${MAILS:-1000}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WARMUP_MAX_SECONDS=${WARMUP_MAX_SECONDS:-120}
PUBLISH=artifacts/bench/publish
if [ -z "${NO_PUBLISH:-}" ] || [ ! -f "$PUBLISH/Kvalitetsportal.Web.dll" ]; then
  dotnet publish src/Kvalitetsportal.Web -c Release -o "$PUBLISH" --nologo -v quiet
fi
dotnet run -c Release --project bench/Kvalitetsportal.Bench -- workflow \
  --app "$PUBLISH/Kvalitetsportal.Web.dll" --items "$ITEMS" --seconds "$DURATION" --clients "$CLIENTS" --mails "$MAILS" --warmup-seconds "$WARMUP_SECONDS" --warmup-max-seconds "$WARMUP_MAX_SECONDS"
