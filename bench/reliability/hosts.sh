#!/usr/bin/env bash
# Several whole hosts (issue 17 item 8): three local host processes (the app: endpoints, engine, sweeper, sandbox
# clock) on one Azurite and one task hub, under the workload of crashes.sh; one of them, chosen at random, is
# SIGKILLed and started again each time, so the engine's partition leases move between them. The same checks and the
# same JSON line as crashes.sh, with the sandbox clock left alone: it is a one-process development tool (each host
# holds its own timers and its own copy of the offsets), so deadlines are not reached here (crashes.sh covers them);
# at the end it is moved on half an hour at a time only while a delivery waits to try again.
# Usage: bench/reliability/hosts.sh [--referrals 300] [--kills 10] [options of crashes.sh]   Results: docs/reliability.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec nice -n 10 ./peerflow bench crashes --hosts 3 --referrals 300 --kills 10 --clock-every 0 --final-days 0 --settle-minutes 30 "$@"
