#!/usr/bin/env python3
"""latchkey-cli listing 100,001 tokens as JSON, against the official
SailPoint TypeScript SDK listing the same (tests/bench-sdk-list.js) and curl
fetching them: wall time and peak resident memory of each, in turns, medians
of RUNS with their spread. Prints its figures against the goals of issue 18.

The SDK is installed here, by this benchmark, into SDK_DIR with npm (it is
a benchmark's reference, not a dependency of Latchkey); where node or npm
is missing, its lines say so and the CLI's goals are not judged.

usage: bench-cli.py LATCHKEY-CLI LATCHKEY-SANDBOX SDK_DIR [TOKENS]
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import lktest

CLI, SANDBOX, SDK_DIR = sys.argv[1:4]
TOKENS = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
SDK_PACKAGE = "sailpoint-api-client@1.4.15"
RUNS = 5
GOAL_TIME = 0.5     # × the SDK's wall time
GOAL_MEMORY = 0.25  # × the SDK's peak resident memory
HERE = os.path.dirname(os.path.abspath(__file__))


def measure(argv, env):
    """Wall seconds and peak resident MB of one run, its output thrown away."""
    start = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{argv[0]} failed ({process.returncode}): {process.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def count_listed(argv, env):
    """How many tokens the command's JSON holds: each is checked once for what it prints.
    Counted by another process: this one stays small, because Linux counts the
    memory of the process a command is forked from in the command's peak."""
    command = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    count = subprocess.run([sys.executable, "-c", "import json, sys; print(len(json.load(sys.stdin)))"],
                           stdin=command.stdout, capture_output=True, text=True, timeout=lktest.scaled(300))
    command.stdout.close()
    if command.wait(timeout=lktest.scaled(300)) != 0 or count.returncode != 0:
        raise SystemExit(f"{argv[0]} failed: {command.stderr.read().decode()[-500:]}{count.stderr[-500:]}")
    return int(count.stdout)


def install_sdk():
    """The SDK's node command, or the reason there is none."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return None, "node or npm is not installed"
    if not os.path.isdir(os.path.join(SDK_DIR, "node_modules", "sailpoint-api-client")):
        os.makedirs(SDK_DIR, exist_ok=True)
        install = subprocess.run([npm, "install", "--prefix", SDK_DIR, "--no-audit", "--no-fund", SDK_PACKAGE],
                                 capture_output=True, text=True, timeout=600)
        if install.returncode != 0:
            return None, f"npm could not install {SDK_PACKAGE}: {install.stderr.strip()[-300:]}"
    shutil.copy(os.path.join(HERE, "bench-sdk-list.js"), SDK_DIR)
    return [node, os.path.join(SDK_DIR, "bench-sdk-list.js")], None


def summary(values, unit, digits=2):
    return (f"{statistics.median(values):.{digits}f} {unit} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


sandbox = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--tokens", str(TOKENS))
try:
    # The tenant from SAIL_*, as the SDK and the SailPoint CLI take it.
    env = dict(lktest.cli_env(GSETTINGS_BACKEND="memory"), SAIL_BASE_URL=sandbox.url,
               SAIL_CLIENT_ID=sandbox.client_id, SAIL_CLIENT_SECRET=sandbox.secret)
    token = json.loads(subprocess.run(
        ["curl", "-sf", "-d", "grant_type=client_credentials", "-d", f"client_id={sandbox.client_id}",
         "-d", f"client_secret={sandbox.secret}", f"{sandbox.url}/oauth/token"],
        capture_output=True, check=True).stdout)["access_token"]

    commands = {
        "curl": ["curl", "-sf", "-H", f"Authorization: Bearer {token}", f"{sandbox.url}/v3/personal-access-tokens"],
        "latchkey-cli": [CLI, "tokens", "list", "--json"],
    }
    sdk, why_not = install_sdk()
    if sdk is not None:
        commands["SDK"] = sdk
        env["NODE_PATH"] = os.path.join(SDK_DIR, "node_modules")

    expected = TOKENS + 1
    for name, argv in commands.items():
        listed = count_listed(argv, env)
        if listed != expected:
            raise SystemExit(f"{name} listed {listed} tokens, not {expected}")

    # In turns, so that whatever else the machine does falls on all alike.
    walls = {name: [] for name in commands}
    peaks = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, argv in commands.items():
            wall, peak = measure(argv, env)
            walls[name].append(wall)
            peaks[name].append(peak)

    print(f"tokens listed:                 {expected}, medians of {RUNS} runs (spread)")
    for name in commands:
        print(f"{name + ':':31}{summary(walls[name], 's')}, peak {summary(peaks[name], 'MB', 0)}")
    if sdk is None:
        print(f"SDK:                           skipped: {why_not}")
        print("CLI ÷ SDK:                     not judged without the SDK")
    else:
        time_ratio = statistics.median(walls["latchkey-cli"]) / statistics.median(walls["SDK"])
        memory_ratio = statistics.median(peaks["latchkey-cli"]) / statistics.median(peaks["SDK"])
        print(f"CLI ÷ SDK, wall time:          {time_ratio:.2f} (goal <= {GOAL_TIME}) "
              f"{'met' if time_ratio <= GOAL_TIME else 'NOT MET'}")
        print(f"CLI ÷ SDK, peak memory:        {memory_ratio:.2f} (goal <= {GOAL_MEMORY}) "
              f"{'met' if memory_ratio <= GOAL_MEMORY else 'NOT MET'}")
    print(f"CLI ÷ curl, wall time:         "
          f"{statistics.median(walls['latchkey-cli']) / statistics.median(walls['curl']):.2f}")
finally:
    sandbox.stop()
