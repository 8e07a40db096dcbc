#!/usr/bin/env bash
# Several whole hosts (issue 17 item 8): three local host processes (the app: endpoints, engine, sweeper) on one
# Azurite and one task hub, under the workload of crashes.sh; one of them, chosen at random, is SIGKILLed and started
# again each time, so the engine's partition leases move between them. Every host runs the same fast clock (a day a
# real minute from the run's start: the sandbox clock is a one-process tool), so deadlines fall due during the run and
# whichever host holds a partition fires its timers; the final 8 days take 8 real minutes. The same checks and the
# same JSON line as crashes.sh.
# Usage: bench/reliability/hosts.sh [--referrals 300] [--kills 10] [options of crashes.sh]   Results: docs/reliability.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec nice -n 10 ./peerflow bench crashes --hosts 3 --referrals 300 --kills 10 --clock-speed 1440 "$@"
