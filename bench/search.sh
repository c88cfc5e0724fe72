#!/usr/bin/env bash
# Search benchmark; see bench/README.md. Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ITEMS=${ITEMS:-100000}
SECONDS_PER_ENDPOINT=${DURATION:-8}  # not SECONDS: bash counts its own run time in that variable
CLIENTS=${CLIENTS:-16}
PUBLISH=artifacts/bench/publish
if [ -z "${NO_PUBLISH:-}" ] || [ ! -f "$PUBLISH/Kvalitetsportal.Web.dll" ]; then
  dotnet publish src/Kvalitetsportal.Web -c Release -o "$PUBLISH" --nologo -v quiet
fi
dotnet run -c Release --project bench/Kvalitetsportal.Bench -- search \
  --app "$PUBLISH/Kvalitetsportal.Web.dll" --items "$ITEMS" --seconds "$SECONDS_PER_ENDPOINT" --clients "$CLIENTS"
