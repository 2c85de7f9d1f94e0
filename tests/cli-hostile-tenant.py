#!/usr/bin/env python3
"""latchkey-cli against a tenant that wants it to fall over, and against bad
files: every command ends, in bounded time, with exit 1 and a readable
reason on stderr (or does its job), never with a signal; what the tenant
says is shown in the terminal, never obeyed. One TAP line a case.

usage: cli-hostile-tenant.py LATCHKEY-CLI LATCHKEY-SANDBOX
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import lktest

CLI, SANDBOX = sys.argv[1], sys.argv[2]
TIMEOUT = lktest.scaled(60)   # seconds: past this, a command hangs

ENV = lktest.cli_env(GSETTINGS_BACKEND="memory")
results = lktest.Results()
check = results.check


class Tenant(lktest.Sandbox):
    """A sandbox with some faults, and the CLI pointed at it."""

    def __init__(self, *options):
        super().__init__(SANDBOX, "--rate-limit", "0", "--sync-groups", "1", *options)

    def cli(self, *args, stdin=""):
        start = time.monotonic()
        try:
            run = subprocess.run([CLI, "--base-url", self.url, *args], input=stdin, capture_output=True, text=True,
                                 errors="replace", env=self.env(ENV), timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, TIMEOUT
        return run, time.monotonic() - start


def failed_clearly(run, *words):
    """exit 1, no signal, one readable reason on stderr that says one of the words."""
    if run is None:
        return False, "hung"
    said = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    ok = run.returncode == 1 and said.startswith("latchkey-cli: ") and any(w in said for w in words)
    return ok, f"exit {run.returncode}: {said[:300]}"


# Answers: each kind, on the token request and on each kind of call.
COMMANDS = {
    "tokens list": (["tokens", "list"], "GET /v3/personal-access-tokens"),
    "policies list": (["policies", "list"], "GET /v3/password-policies"),
    "sync-groups list": (["sync-groups", "list"], "GET /v3/password-sync-groups"),
    "password info": (["password", "info", "Active Directory", "Abby.Smith"], "POST /v3/query-password-info"),
    "tokens create": (["tokens", "create", "Hostile"], "POST /v3/personal-access-tokens"),
}
ANSWERS = {
    "blank": ("empty",),
    "deep": ("nests deeper",),
    "huge": ("larger than",),
    "trickle": ("did not finish answering", "in time"),
}
for kind, words in ANSWERS.items():
    targets = [("oauth token", (["tokens", "list"], "POST /oauth/token"))] + list(COMMANDS.items())
    for command, (args, target) in targets:
        # Trickled: the longest a request may take, made short with --timeout.
        t = Tenant("--fault", f"{kind}:100@{target}")
        run, took = t.cli("--timeout", "2", *args)
        ok, detail = failed_clearly(run, *words)
        check(f"{kind} answer to {command}", ok and took < lktest.scaled(20), f"{detail} ({took:.1f} s)")
        t.stop()

# Lists that never end: refused, not followed for ever.
for command in ("policies list", "sync-groups list"):
    args, target = COMMANDS[command]
    t = Tenant("--fault", f"endless:100@{target}")
    run, took = t.cli(*args)
    ok, detail = failed_clearly(run, "4294967295", "goes on past")
    check(f"endless list: {command}", ok, detail)
    t.stop()

# Bearer token lifetimes: the unusable refused at once, the absurd survived.
for told, usable in (("0", False), ("-100", False), ("4611686018427387904", True)):
    t = Tenant("--token-expires-in", told)
    run, took = t.cli("policies", "list")
    if usable:
        check(f"token lifetime {told}: honoured without overflow", run and run.returncode == 0,
              run and run.stderr[-300:])
    else:
        ok, detail = failed_clearly(run, "expires in")
        check(f"token lifetime {told}: refused", ok, detail)
    t.stop()

# Retry-After: said while waited; past the time limit, not waited at all.
t = Tenant("--fault", "429:x1@GET /v3/password-policies", "--fault-retry-after", "1")
run, took = t.cli("policies", "list")
check("a 429 is waited out, and said on stderr", run and run.returncode == 0 and "rate limit" in run.stderr,
      run and run.stderr[-300:])
t.stop()
t = Tenant("--fault", "429:100@GET /v3/password-policies", "--fault-retry-after", "120")
run, took = t.cli("--timeout", "20", "policies", "list")
ok, detail = failed_clearly(run, "did not finish answering")
check("Retry-After 120 past the time limit ends the command at once", ok and took < lktest.scaled(10),
      f"{detail} ({took:.1f} s)")
t.stop()

# What the tenant says is shown, never obeyed; JSON stays exact.
t = Tenant()
evil = "Evil \x1b]0;pwned\x07\x1b[2J\u009b31m policy"
run, _ = t.cli("--json", "policies", "create", stdin=json.dumps({"name": evil}))
check("a name with escape sequences is accepted by the tenant", run and run.returncode == 0, run and run.stderr)
run, _ = t.cli("policies", "list")
check("the table escapes control characters",
      run and run.returncode == 0 and "\x1b" not in run.stdout and "\x07" not in run.stdout
      and "\u009b" not in run.stdout and "Evil \\x1B]0;pwned\\x07\\x1B[2J\\u009B31m policy" in run.stdout,
      run and run.stdout[-500:])
run, _ = t.cli("--json", "policies", "list")
check("the JSON keeps the name exactly",
      run and run.returncode == 0 and any(p["name"] == evil for p in json.loads(run.stdout)), run and run.stderr)

# What would break a rule is refused before it is sent.
for what, args, body, words in (
        ("a policy whose minimum is past its maximum", ["policies", "create"],
         {"name": "Backwards", "minLength": 20, "maxLength": 10}, ("more than the maximum",)),
        ("a policy with no name", ["policies", "create"], {"name": "  ", "minLength": 8}, ("needs a name",)),
        ("a sync group with no policy", ["sync-groups", "create"], {"name": "Orphans", "sourceIds": []},
         ("needs a password policy",))):
    before = t.cli("--json", args[0], "list")[0].stdout
    run, _ = t.cli(*args, stdin=json.dumps(body))
    ok, detail = failed_clearly(run, *words)
    after = t.cli("--json", args[0], "list")[0].stdout
    check(f"{what} is refused, and nothing is sent", ok and before == after, detail)

# A long text from the tenant is cut in a terminal, whole in JSON.
long_id = "A" * 900000
run, _ = t.cli("policies", "create", stdin=json.dumps({"name": "Long", "sourceIds": [long_id]}))
ok, detail = failed_clearly(run, "more characters")
check("a 900 KB error text is cut with a marker", ok and len(run.stderr) < 10000, f"{len(run.stderr)} bytes")
t.stop()

# Files: bounded, regular, JSON of sane depth.
with tempfile.TemporaryDirectory() as scratch:
    fifo = os.path.join(scratch, "fifo")
    os.mkfifo(fifo)
    big = os.path.join(scratch, "big.json")
    with open(big, "w") as f:
        f.write('{"name": "' + "x" * (60 * 1024 * 1024) + '"}')
    deep = os.path.join(scratch, "deep.json")
    with open(deep, "w") as f:
        f.write("[" * 50000 + "]" * 50000)
    blank = os.path.join(scratch, "blank.json")
    with open(blank, "w") as f:
        f.write("   \n ")

    t = Tenant()
    for name, path, words in (("/dev/zero", "/dev/zero", ("not a regular file",)),
                              ("a FIFO", fifo, ("not a regular file",)),
                              ("a folder", scratch, ("not a regular file",)),
                              ("a 60 MB file", big, ("larger than",)),
                              ("50,000 levels deep", deep, ("nests deeper",)),
                              ("white space", blank, ("empty",))):
        run, took = t.cli("policies", "create", path)
        ok, detail = failed_clearly(run, *words)
        check(f"policies create from {name}", ok, f"{detail} ({took:.1f} s)")
    run, took = t.cli("policies", "create", stdin=" " * 100)
    ok, detail = failed_clearly(run, "empty")
    check("policies create from blank standard input", ok, detail)
    t.stop()

results.report()
