#!/usr/bin/env python3
"""latchkey-cli against a sandbox that fails one endpoint, for every
endpoint the CLI calls and every fault the sandbox injects: one TAP line a
cell. Each command must end, in bounded time, with exit 0 or with exit 1
and the reason on stderr; a POST or PATCH is never sent twice unless the
tenant answered 429. The sandbox says at exit what it received.

usage: cli-fault-matrix.py LATCHKEY-CLI LATCHKEY-SANDBOX
"""
import json
import subprocess
import sys

import lktest

CLI, SANDBOX = sys.argv[1], sys.argv[2]
RETRIES = 3          # the client's, for GET, PUT, DELETE and the token request
BURST = 1            # 429s in a row, each asking for a second's wait
TIMEOUT = lktest.scaled(30)   # seconds: past this, a command hangs
PASSWORD = "Xy9!kk#Pq2zz\n"

ENV = lktest.cli_env(GSETTINGS_BACKEND="memory")

FAULTS = {
    "5xx-once": "5xx:x1",
    "5xx-always": "5xx:100",
    "drop-once": "drop:x1",
    "malformed": "malformed:x1",
    "slow": "slow:x1",
    "429-burst": f"429:x{BURST}",
}


class Tenant(lktest.Sandbox):
    """A sandbox with one fault, and the CLI pointed at it."""

    def __init__(self, fault, target):
        super().__init__(SANDBOX, "--rate-limit", "0", "--sync-groups", "1", "--password-delay", "0",
                         "--slow-ms", "300", "--log-requests", "--fault", f"{fault}@{target}")

    def cli(self, *args, stdin=""):
        return subprocess.run([CLI, "--base-url", self.url, *args], input=stdin, capture_output=True, text=True,
                              env=self.env(ENV), timeout=TIMEOUT)

    def json(self, *args, stdin=""):
        run = self.cli("--json", *args, stdin=stdin)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)


def token_id(t):
    return t.json("tokens", "list")[0]["id"]


def other_policy(t):
    return next(p["id"] for p in t.json("policies", "list") if not p.get("defaultPolicy"))


def group(t):
    return t.json("sync-groups", "list")[0]


def free_sources(t):
    taken = {s for g in t.json("sync-groups", "list") for s in g["sourceIds"]}
    return [s for p in t.json("policies", "list") for s in p.get("sourceIds", []) if s not in taken]


def request_id(t):
    run = t.cli("password", "set", t.info["LATCHKEY_SANDBOX_SOURCE"], t.info["LATCHKEY_SANDBOX_USER"], "--no-wait",
                stdin=PASSWORD)
    return json.loads(run.stdout)["requestId"]


def who(t):
    return t.info["LATCHKEY_SANDBOX_SOURCE"], t.info["LATCHKEY_SANDBOX_USER"]


# name, method, path the fault targets, what to run (given the tenant): the command and its stdin
ENDPOINTS = [
    ("oauth-token", "POST", "/oauth/token", lambda t: (["tokens", "list"], "")),
    ("tokens-list", "GET", "/v3/personal-access-tokens", lambda t: (["tokens", "list"], "")),
    ("token-create", "POST", "/v3/personal-access-tokens", lambda t: (["tokens", "create", "Fault"], "")),
    ("token-rename", "PATCH", "/v3/personal-access-tokens/",
     lambda t: (["tokens", "rename", token_id(t), "Renamed"], "")),
    ("token-revoke", "DELETE", "/v3/personal-access-tokens/", lambda t: (["tokens", "revoke", token_id(t)], "")),
    ("policies-list", "GET", "/v3/password-policies", lambda t: (["policies", "list"], "")),
    ("policy-get", "GET", "/v3/password-policies/", lambda t: (["policies", "get", other_policy(t)], "")),
    ("policy-create", "POST", "/v3/password-policies",
     lambda t: (["policies", "create"], '{"name": "Fault", "minLength": 10}')),
    ("policy-update", "PUT", "/v3/password-policies/",
     lambda t: (["policies", "update", other_policy(t)], '{"name": "Fault, updated", "minLength": 9}')),
    ("policy-delete", "DELETE", "/v3/password-policies/", lambda t: (["policies", "delete", other_policy(t)], "")),
    ("sync-groups-list", "GET", "/v3/password-sync-groups", lambda t: (["sync-groups", "list"], "")),
    ("sync-group-get", "GET", "/v3/password-sync-groups/", lambda t: (["sync-groups", "get", group(t)["id"]], "")),
    ("sync-group-create", "POST", "/v3/password-sync-groups",
     lambda t: (["sync-groups", "create"], json.dumps({"name": "Fault", "passwordPolicyId": other_policy(t),
                                                      "sourceIds": free_sources(t)[:2]}))),
    ("sync-group-update", "PUT", "/v3/password-sync-groups/",
     lambda t: (["sync-groups", "update", group(t)["id"]], json.dumps(dict(group(t), name="Fault, renamed")))),
    ("sync-group-delete", "DELETE", "/v3/password-sync-groups/",
     lambda t: (["sync-groups", "delete", group(t)["id"]], "")),
    ("password-info", "POST", "/v3/query-password-info", lambda t: (["password", "info", *who(t)], "")),
    ("set-password", "POST", "/v3/set-password",
     lambda t: (["password", "set", *who(t), "--no-wait"], PASSWORD)),
    ("password-status", "GET", "/v3/password-change-status/",
     lambda t: (["password", "status", request_id(t)], "")),
]

results = lktest.Results()
for name, method, path, command in ENDPOINTS:
    retried = method in ("GET", "PUT", "DELETE") or path == "/oauth/token"
    for fault, spec in FAULTS.items():
        cell = f"{name}/{fault}"
        t = Tenant(spec, f"{method} {path}")
        try:
            args, stdin = command(t)
            run = t.cli(*args, stdin=stdin)
        except subprocess.TimeoutExpired:
            t.process.kill()
            results.check(cell, False, "hung past the timeout")
            continue
        except Exception as error:  # setting up the cell failed: say how
            t.process.kill()
            results.check(cell, False, f"setup: {error}")
            continue
        sent = sum(1 for r in t.requests() if r.startswith(f"{method} {path}"))
        said = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        problems = []
        if run.returncode not in (0, 1):
            problems.append(f"exit {run.returncode}")
        if run.returncode == 1 and not said.startswith("latchkey-cli: "):
            problems.append("no reason on stderr")

        if fault in ("5xx-once", "drop-once"):
            want_exit, want_sent = (0, 2) if retried else (1, 1)
        elif fault == "5xx-always":
            want_exit, want_sent = 1, 1 + RETRIES if retried else 1
        elif fault == "malformed":
            want_exit, want_sent = (0 if method == "DELETE" else 1), 1
        elif fault == "slow":
            want_exit, want_sent = 0, 1
        else:
            want_exit, want_sent = 0, BURST + 1
        if run.returncode != want_exit:
            problems.append(f"exit {run.returncode}, not {want_exit}")
        if sent != want_sent:
            problems.append(f"{sent} requests, not {want_sent}")
        results.check(cell, not problems, "; ".join(problems) + f" — {said}")

results.report()
