#!/usr/bin/env python3
"""The README's first command, run as a newcomer runs it, and checked as a newcomer would look.

Starts `./peerflow run` from this checkout (Development, demo data on) on a free port, waits for /healthz, checks
that the dashboard shows the demo schemes with overdue items, posts a referral to POST /api/referrals and waits for
its acknowledgement in /dev/mail and its schedule on GET /api/referrals/{id}. Then it stops PeerFlow twice over:

  * SIGKILL to the script (a closed terminal, a CI timeout): Azurite and the app must die with it, and the next
    `./peerflow run` must start on the same data;
  * Ctrl-C (SIGINT): the script must stop everything it started and exit, leaving no process and no open port.

Any failure prints the host's first error and the end of its log, and exits 1. Standard library only: it runs
before anything else is installed. .ci/run runs it before ./peerflow test.
"""
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
# A cold first run restores NuGet packages, installs Azurite and builds: minutes on a busy two-core machine.
FIRST_START_TIMEOUT = float(os.environ.get("NEWCOMER_START_TIMEOUT", "1500"))
RESTART_TIMEOUT = 600
CONDITION_TIMEOUT = 300
STOP_TIMEOUT = 90
DEMO_SCHEMES = ["Foster Carer Mentoring", "Peer Link Adopter Mentoring"]


class Failure(Exception):
    pass


def log(message):
    print(f"newcomer: {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def request(url, method="GET", body=None, headers=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_until(what, check, timeout, alive=None):
    """Polls check() (truthy when done) until the deadline; fails at once if alive() turns false."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise Failure(f"PeerFlow stopped while waiting for {what}")
        try:
            result = check()
            if result:
                return result
        except (OSError, ValueError, KeyError) as e:
            last = e
        time.sleep(1)
    raise Failure(f"timed out after {timeout:.0f}s waiting for {what}" + (f" (last error: {last})" if last else ""))


def our_processes(markers):
    """Pids (other than ours) whose command line names one of the markers: this checkout's Azurite or app."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if any(m in cmdline for m in markers) and "newcomer.py" not in cmdline:
            found.append((int(pid), cmdline.strip()))
    return found


class Run:
    """One `./peerflow run`, in a session of its own, as a terminal would hold it."""

    def __init__(self, port, data_dir, log_path):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        env = dict(os.environ)
        env["PEERFLOW_PORT"] = str(port)
        env.pop("PEERFLOW_DEMO_DATA", None)
        env.pop("ASPNETCORE_ENVIRONMENT", None)
        if data_dir:
            env["PEERFLOW_DATA"] = data_dir
        self.log_file = open(log_path, "ab")
        self.proc = subprocess.Popen(
            [os.path.join(ROOT, "peerflow"), "run"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
            stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
            # A job started in the background of a script inherits SIGINT ignored, and bash cannot trap a signal
            # ignored on entry: Ctrl-C is a person's keypress, so the script gets it as a terminal would give it.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def alive(self):
        return self.proc.poll() is None

    def get(self, path):
        return request(self.base + path)

    def healthy(self):
        status, body = self.get("/healthz")
        return status == 200 and '"ok"' in body

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise Failure(f"./peerflow run did not exit within {timeout}s")
        finally:
            self.log_file.close()


def first_error(log_path):
    with open(log_path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if re.search(r"Unhandled exception|\bfail:|\bcrit:|error [A-Z]+\d+|peerflow: ", line) and "Azurite is up" not in line \
                and "installing" not in line and "starting PeerFlow" not in line and "ports" not in line:
            return "\n".join(lines[i:i + 12])
    return None


def report_failure(message, log_path):
    print(f"newcomer: FAILED: {message}", file=sys.stderr, flush=True)
    error = first_error(log_path)
    if error:
        print("newcomer: the host's first error:", file=sys.stderr)
        print("\n".join("  | " + l for l in error.splitlines()), file=sys.stderr)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        tail = f.read().splitlines()[-40:]
    print(f"newcomer: the end of {log_path}:", file=sys.stderr)
    print("\n".join("  | " + l for l in tail), file=sys.stderr, flush=True)


def check_dashboard(run):
    status, page = run.get("/dashboard")
    if status != 200:
        raise ValueError(f"/dashboard answered {status}")
    overdue = page.split('<h2 id="overdue">', 1)[-1].split('<h2 id="due-soon">', 1)[0]
    rows = re.findall(r"<tr>.*?</tr>", overdue, re.S)
    schemes = {s for s in DEMO_SCHEMES if any(f"<td>{s}</td>" in html.unescape(r) for r in rows)}
    return rows and len(schemes) == len(DEMO_SCHEMES) and (len(rows), sorted(schemes))


def check_referral(run):
    status, body = request(run.base + "/api/referrals", "POST", {
        "schemeId": "foster-mentoring", "kind": "Self", "consent": True, "name": "Nia Newcomer",
        "email": "nia.newcomer@example.com", "postcodeDistrict": "EX2",
        "reasonForReferral": "Newly approved and would value a mentor.",
    })
    if status != 202:
        raise Failure(f"POST /api/referrals answered {status}: {body[:500]}")
    referral = json.loads(body)
    rid, reference = referral["id"], referral["reference"]
    log(f"posted referral {reference} ({rid})")

    def acknowledged():
        status, page = run.get("/dev/mail")
        return status == 200 and f"We have received your referral (reference {reference})" in html.unescape(page)

    wait_until("the acknowledgement email in /dev/mail", acknowledged, CONDITION_TIMEOUT, run.alive)
    log("acknowledgement is in /dev/mail")

    def scheduled():
        status, body = run.get(f"/api/referrals/{rid}")
        if status != 200:
            return None
        view = json.loads(body)
        plan = view.get("scheduled") or []
        return len(plan) > 0 and plan

    plan = wait_until(f"a schedule on GET /api/referrals/{rid}", scheduled, CONDITION_TIMEOUT, run.alive)
    log(f"GET /api/referrals/{rid} schedules {json.dumps(plan)[:200]}")
    return rid


def azurite_saved(data, rid):
    """Whether Azurite's table database on disk holds the referral (and so everything written before it).

    Azurite keeps its tables in memory and writes the whole database to disk every few seconds, so a SIGKILL loses
    what it has not written yet; Azure Storage never loses a write it has answered. Killing only once the snapshot on
    disk holds the last thing this check wrote makes the restart a check of PeerFlow, not of the emulator's last
    seconds (seen: a kill right after the referral lost it and 24 demo referrals).
    """
    try:
        with open(os.path.join(data, "azurite", "__azurite_db_table__.json"), encoding="utf-8", errors="replace") as f:
            return rid in f.read()
    except OSError:
        return False


def check_stopped(run, azurite_ports, markers, how):
    for port in [run.port, *azurite_ports]:
        wait_until(f"port {port} to close after {how}", lambda p=port: not port_open(p), 30)
    wait_until(f"no Azurite or app left after {how}", lambda: not our_processes(markers), 30)


def azurite_ports(log_path):
    with open(log_path, encoding="utf-8", errors="replace") as f:
        found = re.findall(r"Azurite is up \(blob (\d+), queue (\d+), table (\d+)", f.read())
    if not found:
        raise Failure("./peerflow run never said that Azurite is up")
    return [int(p) for p in found[-1]]


def main():
    os.makedirs(os.path.join(ROOT, "artifacts"), exist_ok=True)
    log_path = os.path.join(ROOT, "artifacts", "newcomer.log")
    open(log_path, "w").close()
    data_dir = None
    if os.environ.get("CI") != "true" and os.path.isdir(os.path.join(ROOT, ".data", "azurite")):
        # Not a fresh clone: leave a developer's data alone and start from nothing, as a newcomer would.
        data_dir = tempfile.mkdtemp(prefix="peerflow-newcomer-")
        log(f"this checkout has .data/azurite: using an empty {data_dir} instead")
    port = free_port()
    data = data_dir or os.path.join(ROOT, ".data")
    markers = [os.path.join(data, "azurite"), os.path.join(ROOT, "local", "PeerFlow.LocalHost")]
    started = time.monotonic()
    run = None
    try:
        log(f"./peerflow run on port {port} (log: {log_path})")
        run = Run(port, data_dir, log_path)
        wait_until("/healthz", run.healthy, FIRST_START_TIMEOUT, run.alive)
        log(f"/healthz is healthy after {time.monotonic() - started:.0f}s")
        rows, schemes = wait_until("the demo schemes' overdue items on /dashboard", lambda: check_dashboard(run), CONDITION_TIMEOUT, run.alive)
        log(f"/dashboard lists {rows} overdue items across {', '.join(schemes)} after {time.monotonic() - started:.0f}s")
        rid = check_referral(run)
        wait_until("Azurite to save the referral to disk", lambda: azurite_saved(data, rid), CONDITION_TIMEOUT, run.alive)

        ports = azurite_ports(log_path)
        os.kill(run.proc.pid, signal.SIGKILL)
        run.wait_exit(STOP_TIMEOUT)
        check_stopped(run, ports, markers, "SIGKILL of ./peerflow run")
        log("SIGKILL: Azurite and the app died with the script")

        run = Run(port, data_dir, log_path)
        wait_until("/healthz after a restart on the same data", run.healthy, RESTART_TIMEOUT, run.alive)
        wait_until("the demo data after a restart", lambda: check_dashboard(run), CONDITION_TIMEOUT, run.alive)
        log("restarted on the same data")

        ports = azurite_ports(log_path)
        os.kill(run.proc.pid, signal.SIGINT)
        code = run.wait_exit(STOP_TIMEOUT)
        if code not in (0, 130):
            raise Failure(f"./peerflow run exited {code} after Ctrl-C")
        check_stopped(run, ports, markers, "Ctrl-C")
        log(f"Ctrl-C: stopped cleanly (exit {code}); passed in {time.monotonic() - started:.0f}s")
        return 0
    except Failure as e:
        report_failure(str(e), log_path)
        return 1
    finally:
        if run is not None and run.alive():
            os.killpg(run.proc.pid, signal.SIGKILL)
        for pid, _ in our_processes(markers):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
