#!/usr/bin/env bash
# Load (issue 17 item 9): the local host on a throwaway Azurite; referrals, then mentors' link answers, then
# check-ins, each posted by 8 clients as fast as they are answered, each phase bounded (120 s, 1,000 requests):
# throughput and p50/p99 latency of each, beside Azurite's raw single-entity write rate measured in the same run
# before and after. Afterwards every accepted item is checked in its record and taken by its workflow (the checks of
# crashes.sh). One JSON line.
# Usage: bench/reliability/load.sh [--clients 8] [--seconds 120] [--count 1000]   Results: docs/reliability.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec nice -n 10 ./peerflow bench load "$@"
