#!/usr/bin/env bash
# Crashes at scale (issue 17 item 6): the local host on a throwaway Azurite, 1,000 referrals on the scheme of
# bench/reliability/organisation.json (deadlines of a day or two, the sandbox clock moved half a day every 30 s), the
# host SIGKILLed at a random moment 3-30 s after each start, 50 times, and started again on the same data, while
# referrals, assessments, link answers and check-ins are posted. Afterwards the clock goes on 8 days (past every
# retry) and storage is checked: every accepted referral kept with a live workflow and nothing overdue left undone,
# every notice delivered (its emails captured once per key) or shown as not delivered, every signal taken, every
# accepted check-in stored once, no timeline line twice. Prints one JSON line ("ok": true when all held).
# Usage: bench/reliability/crashes.sh [--referrals 1000] [--kills 50] [--hosts 1] [--up-min 3] [--up-max 30] [--clock-speed N]
#        [--clock-every 30] [--clock-hours 12] [--seed N]        Results: docs/reliability.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec nice -n 10 ./peerflow bench crashes "$@"
