#!/usr/bin/env bash
# Storage outage, as an operator would meet it: the local host runs on its own Azurite while a client posts a
# referral every second; Azurite is stopped for OUTAGE seconds and started again on the same ports and data. Prints
# one JSON line: how soon /healthz said so, what the posts got, and whether every accepted referral was stored and
# acknowledged afterwards. Usage: bench/reliability/outage.sh [OUTAGE_SECONDS=30] [hang|kill]
#   hang (default): Azurite is frozen (SIGSTOP, then SIGCONT): storage stops answering, connections hang.
#   kill: Azurite is killed (SIGKILL) and started again. Azurite keeps its data in memory and saves it every few
#         seconds, so a kill loses its last writes, which real Azure Storage never does once it has answered: this
#         mode measures the emulator as much as PeerFlow.
# Results: docs/reliability.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUTAGE="${1:-30}"
KIND="${2:-hang}"
AZURITE="$ROOT/tools/azurite/node_modules/.bin/azurite"
HOST_DLL="$ROOT/local/PeerFlow.LocalHost/bin/Release/net10.0/PeerFlow.LocalHost.dll"
[[ -x "$AZURITE" ]] || (cd tools/azurite && npm ci --no-audit --no-fund >&2)
dotnet build local/PeerFlow.LocalHost -c Release -warnaserror -warnnotaserror:NU1603 >&2

WORK="$(mktemp -d)"; echo "work folder: $WORK" >&2
read -r BLOB QUEUE TABLE APP < <(python3 -c 'import socket
s=[socket.socket() for _ in range(4)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export PEERFLOW_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
URL="http://127.0.0.1:$APP"
AZ_PID=""; APP_PID=""; CLIENT_PID=""
cleanup() { kill $CLIENT_PID $APP_PID $AZ_PID 2>/dev/null || true; wait 2>/dev/null || true; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT

start_azurite() {
  setsid "$AZURITE" --location "$WORK/azurite" --blobPort "$BLOB" --queuePort "$QUEUE" --tablePort "$TABLE" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --skipApiVersionCheck --loose --silent >>"$WORK/azurite.log" 2>&1 &
  AZ_PID=$!
}
now() { date +%s.%N; }
healthy() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/healthz")" == 200 ]]; }

start_azurite
PEERFLOW_DEMO_DATA=false PEERFLOW_SENDGRID_HOST="$URL" PEERFLOW_SENDGRID_API_KEY=local-capture PEERFLOW_PUBLIC_BASE_URL="$URL/" \
  PEERFLOW_PUBLIC_POST_BURST=100000 PEERFLOW_SCHEME_POST_BURST=100000 ASPNETCORE_ENVIRONMENT=Development \
  dotnet "$HOST_DLL" --contentRoot "$ROOT/local/PeerFlow.LocalHost" --urls "$URL" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 180); do healthy && break; sleep 1; done
healthy || { echo "the host did not start" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }

# One referral a second, each answer logged: status, id (when accepted), time.
(
  i=0
  while true; do
    i=$((i + 1))
    body="{\"schemeId\":\"foster-mentoring\",\"kind\":\"Self\",\"consent\":true,\"name\":\"Outage Test $i\",\"email\":\"outage$i@example.com\",\"postcodeDistrict\":\"EX1\",\"reasonForReferral\":\"Outage run\"}"
    answer="$(curl -s --max-time 60 -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$URL/api/referrals" || printf '\n000')"
    code="$(tail -n1 <<<"$answer")"
    id="$(head -n1 <<<"$answer" | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("id",""))
except Exception: print("")')"
    echo "$(now) $code $id" >>"$WORK/posts"
    sleep 1
  done
) &
CLIENT_PID=$!

sleep 20
STOPPED_AT="$(now)"
if [[ "$KIND" == kill ]]; then
  # SIGKILL: on SIGTERM Azurite closes its services but can linger while clients hold connections.
  kill -KILL "$AZ_PID"; wait "$AZ_PID" 2>/dev/null || true
else
  kill -STOP "$AZ_PID"
fi
UNHEALTHY_AFTER=""
END=$(python3 -c "print($STOPPED_AT + $OUTAGE)")
while python3 -c "import sys; sys.exit(0 if $(now) < $END else 1)"; do
  echo "$(now) healthz $(curl -s -o /dev/null -w "%{http_code}" --max-time 5 "$URL/healthz")" >>"$WORK/health"
  if [[ -z "$UNHEALTHY_AFTER" ]] && ! healthy; then UNHEALTHY_AFTER="$(python3 -c "print(round($(now) - $STOPPED_AT, 1))")"; fi
  sleep 1
done
if [[ "$KIND" == kill ]]; then start_azurite; else kill -CONT "$AZ_PID"; fi
STARTED_AT="$(now)"
until healthy; do sleep 1; done
HEALTHY_AFTER="$(python3 -c "print(round($(now) - $STARTED_AT, 1))")"
sleep 20
kill "$CLIENT_PID"; wait "$CLIENT_PID" 2>/dev/null || true; CLIENT_PID=""

# Every accepted referral stored and acknowledged (its timeline has the acknowledgement) within two minutes.
python3 - "$WORK/posts" "$URL" "$OUTAGE" "$UNHEALTHY_AFTER" "$HEALTHY_AFTER" "$KIND" <<'PY'
import json, sys, time, urllib.request
posts, url, outage, unhealthy, healthy = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], float(sys.argv[5])
rows = [l.split() for l in open(posts)]
codes = {}
for r in rows: codes[r[1]] = codes.get(r[1], 0) + 1
accepted = [r[2] for r in rows if r[1] == "202" and len(r) > 2]
def view(i):
    try:
        with urllib.request.urlopen(f"{url}/api/referrals/{i}", timeout=10) as f: return f.read().decode()
    except Exception: return ""
deadline = time.time() + 120
missing = set(accepted)
while missing and time.time() < deadline:
    missing = {i for i in missing if "ReferralReceived" not in view(i)}
    if missing: time.sleep(2)
print(json.dumps({"outage": sys.argv[6], "outage_s": outage, "healthz_unhealthy_after_s": float(unhealthy) if unhealthy else None,
  "healthy_again_after_restart_s": healthy, "posts": len(rows), "answers": codes,
  "accepted": len(accepted), "accepted_but_not_acknowledged": len(missing)}))
PY
grep -c " failed" "$WORK/app.log" | sed 's/^/app log lines with "failed": /' >&2 || true
