#!/usr/bin/env python3
"""Rotating a connection's own token with latchkey-cli, and killing it
between the steps: the next run finds the half-done rotation and finishes
or undoes it, and the connection works all along. Prints TAP.

Settings go to a key file and rotations.ini to a data folder of the test's
own; secrets to the test session's gnome-keyring, read back by secret-tool.

usage: cli-rotation-test.py LATCHKEY-CLI LATCHKEY-SANDBOX
"""
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading

import lktest

CLI, SANDBOX = sys.argv[1], sys.argv[2]
results = lktest.Results()
check = results.check
scratch = tempfile.TemporaryDirectory(prefix="latchkey-rotation-")
ENV = lktest.cli_env(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(scratch.name, "config"),
                     XDG_DATA_HOME=os.path.join(scratch.name, "data"))
ROTATIONS = os.path.join(scratch.name, "data", "latchkey", "rotations.ini")


def cli(*args, stdin=""):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, env=ENV,
                          timeout=lktest.scaled(60))


def keyring(url, client_id):
    return subprocess.run(["secret-tool", "lookup", "base-url", url, "client-id", client_id],
                          capture_output=True, text=True).stdout


def tenant():
    listed = json.loads(cli("tenants", "list", "--json").stdout)
    return listed[0] if listed else {}


def token_names():
    run = cli("--json", "tokens", "list", "--owner", "me")
    return [t["name"] for t in json.loads(run.stdout)] if run.returncode == 0 else None


def rotations_file():
    try:
        with open(ROTATIONS) as f:
            return f.read()
    except FileNotFoundError:
        return ""


class LoggingSandbox(lktest.Sandbox):
    """A sandbox whose request log is read as it comes, so that a test can
    act while a request is being answered."""

    def __init__(self, *options):
        super().__init__(SANDBOX, "--rate-limit", "0", "--tokens", "5", "--trace-requests", *options)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_request(self, prefix, count=1):
        """Until the count-th request starting with @prefix has arrived."""
        seen = 0
        while seen < count:
            line = self.lines.get(timeout=lktest.scaled(30))
            if line.startswith("ARRIVED " + prefix):
                seen += 1

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=lktest.scaled(30))


def add_tenant(sandbox):
    run = cli("tenants", "add", "Sandbox", sandbox.url, sandbox.client_id, stdin=sandbox.secret + "\n")
    check("tenants add", run.returncode == 0, run.stderr)


def remove_tenant():
    cli("tenants", "remove", "Sandbox")
    if os.path.exists(ROTATIONS):
        os.unlink(ROTATIONS)


def killed_while(sandbox, prefix, count, *args):
    """latchkey-cli @args, killed once the sandbox is answering the
    count-th request starting with @prefix (slowly, as told by its fault)."""
    while not sandbox.lines.empty():
        sandbox.lines.get_nowait()
    process = subprocess.Popen([CLI, *args], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        sandbox.wait_for_request(prefix, count)
    except queue.Empty:
        pass
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    _, stderr = process.communicate(timeout=lktest.scaled(30))
    check(f"latchkey-cli {' '.join(args)} killed while the sandbox answered {prefix}", killed, stderr)


# A rotation from start to end.
sandbox = LoggingSandbox()
try:
    add_tenant(sandbox)
    url, old_id, old_secret = sandbox.url, sandbox.client_id, sandbox.secret
    before = token_names()
    run = cli("--json", "tenants", "rotate", "Sandbox")
    rotated = json.loads(run.stdout) if run.returncode == 0 else {}
    new_id = rotated.get("clientId", "?")
    check("tenants rotate: exit 0, the successor named", run.returncode == 0 and new_id != old_id
          and " (rotated 2026-06-15)" in rotated.get("name", ""), run.stderr)
    check("the secret is not printed", keyring(url, new_id) not in run.stdout + run.stderr, run.stdout)
    check("the connection uses the successor", tenant().get("clientId") == new_id, tenant())
    check("the keyring has the successor's secret, not the old one",
          len(keyring(url, new_id)) >= 32 and keyring(url, old_id) == "")
    names = token_names()
    check("the connection works, and the old token is kept", names is not None and rotated.get("name") in names
          and set(before) < set(names) and len(names) == len(before) + 1, names)
    check("the link is recorded, nothing is pending",
          f"{url} {old_id}" in rotations_file() and "connection " not in rotations_file(), rotations_file())
    run = cli("tenants", "rotate", "Sandbox")
    check("rotated again the same day: another name; revoking the old token is left to the user, and said how",
          run.returncode == 0 and f"tokens revoke {new_id}" in run.stdout and "(rotated 2026-06-15, 2)" in run.stdout,
          run.stdout + run.stderr)

    run = cli("tenants", "rotate", "Nowhere")
    check("tenants rotate NAME that is not saved: exit 1", run.returncode == 1 and "Nowhere" in run.stderr,
          run.stderr)
    run = cli("tenants", "rotate", "Sandbox", "--undo")
    check("--undo with nothing under way: exit 1", run.returncode == 1, run.stderr)
    current = tenant().get("clientId")
    run = cli("tokens", "rotate", current, "--connection")
    check("tokens rotate ID --connection moves the connection",
          run.returncode == 0 and tenant().get("clientId") not in (current, None), run.stderr)
    run = cli("tokens", "rotate", old_id, "--connection")
    check("tokens rotate --connection of a token no tenant uses: exit 1", run.returncode == 1, run.stderr)
    remove_tenant()
finally:
    sandbox.stop()

# A failure at the first step: nothing is known to exist, the connection works.
sandbox = LoggingSandbox("--fault", "5xx:100@POST /v3/personal-access-tokens")
try:
    add_tenant(sandbox)
    run = cli("tenants", "rotate", "Sandbox")
    check("a 5xx while creating: exit 1, the step and what may exist said",
          run.returncode == 1 and "Making the new token failed" in run.stderr and "may have made" in run.stderr,
          run.stderr)
    check("a 5xx while creating: the connection is untouched and works",
          tenant().get("clientId") == sandbox.client_id and token_names() is not None)
    run = cli("tenants", "rotate", "Sandbox", "--undo")
    check("--undo finds nothing made, and ends the rotation",
          run.returncode == 0 and "connection " not in rotations_file(), run.stderr + rotations_file())
    remove_tenant()
finally:
    sandbox.stop()

# Killed while the tenant makes the successor: its id was never known. The
# next run finds it by name, cannot finish (its secret is lost) and says so;
# --undo revokes it.
sandbox = LoggingSandbox("--slow-ms", "60000", "--fault", "slow:x1@POST /v3/personal-access-tokens")
try:
    add_tenant(sandbox)
    before = token_names()
    killed_while(sandbox, "POST /v3/personal-access-tokens", 1, "tenants", "rotate", "Sandbox")
    check("killed while creating: the rotation is on record", "connection " in rotations_file(), rotations_file())
    check("killed while creating: the connection is untouched", tenant().get("clientId") == sandbox.client_id)
    names = token_names()
    check("killed while creating: the successor exists", names is not None and len(names) == len(before) + 1, names)
    run = cli("tenants", "rotate", "Sandbox")
    check("the next run finds it and cannot finish: exit 1, says why and what to do",
          run.returncode == 1 and "interrupted" in run.stderr and "undo" in run.stderr, run.stderr)
    run = cli("tenants", "rotate", "Sandbox", "--undo")
    check("--undo revokes the successor", run.returncode == 0 and token_names() == before, run.stderr)
    check("--undo: nothing pending", "connection " not in rotations_file(), rotations_file())
    run = cli("tenants", "rotate", "Sandbox")
    check("then a rotation runs from the start", run.returncode == 0 and tenant().get("clientId") != sandbox.client_id,
          run.stderr)
    remove_tenant()
finally:
    sandbox.stop()

# Killed while the successor is tested (the fourth token request: "tenants
# add", the listing of the tokens, the connection's own, then the
# successor's): its secret is in the keyring, so the next run finishes.
sandbox = LoggingSandbox("--slow-ms", "60000", "--fault", "slow:x1+3@POST /oauth/token")
try:
    add_tenant(sandbox)
    before = token_names()
    killed_while(sandbox, "POST /oauth/token", 2, "tenants", "rotate", "Sandbox")
    pending = rotations_file()
    check("killed while testing: the successor is on record", "successor=" in pending, pending)
    check("killed while testing: the connection is untouched, its secret kept",
          tenant().get("clientId") == sandbox.client_id and keyring(sandbox.url, sandbox.client_id) != "")
    run = cli("tenants", "rotate", "Sandbox")
    check("the next run finishes it", run.returncode == 0 and "interrupted" in run.stderr
          and tenant().get("clientId") != sandbox.client_id, run.stderr)
    check("finished: one successor, the old token kept", len(token_names() or []) == len(before) + 1, token_names())
    check("finished: nothing pending, the old secret gone", "connection " not in rotations_file()
          and keyring(sandbox.url, sandbox.client_id) == "", rotations_file())
    remove_tenant()
finally:
    sandbox.stop()

results.report()
