#!/usr/bin/env python3
"""A scripted latchkey-cli session with every debug message on, then a
search for its secrets in everything it could have left behind.

The session adds a tenant (the PAT's client secret on standard input),
creates a personal access token, looks up an identity and sets its
password, with G_MESSAGES_DEBUG=all and the GSettings keyfile backend in
a HOME and XDG directories of its own. Then the client secret, every
bearer token the tenant gave, the new token's secret and the password are
looked for in every file under that HOME and those directories and in
everything the commands printed: there must be none. The one exception is
the standard output of "tokens create", whose job is to show the new
secret once.

usage: secrets-audit.py LATCHKEY-CLI LATCHKEY-SANDBOX
"""
import json
import os
import subprocess
import sys
import tempfile

import lktest

CLI, SANDBOX = sys.argv[1], sys.argv[2]
PASSWORD = "Audit-Pässw0rd!9"
results = lktest.Results()
check = results.check


with tempfile.TemporaryDirectory(prefix="latchkey-audit-") as root:
    home = os.path.join(root, "home")
    dirs = {name: os.path.join(root, name) for name in ("config", "data", "cache", "state")}
    for path in [home, *dirs.values()]:
        os.makedirs(path)
    env = lktest.cli_env(HOME=home, XDG_CONFIG_HOME=dirs["config"], XDG_DATA_HOME=dirs["data"],
                         XDG_CACHE_HOME=dirs["cache"], XDG_STATE_HOME=dirs["state"], GSETTINGS_BACKEND="keyfile",
                         G_MESSAGES_DEBUG="all")

    sandbox = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--password-delay", "200", "--log-requests")
    url, client_id, secret = sandbox.url, sandbox.client_id, sandbox.secret
    source, user = sandbox.source, sandbox.user

    printed = []   # (what, text) of everything the commands printed, searched below

    def cli(*args, stdin="", keep_stdout=True):
        run = subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, env=env,
                             timeout=lktest.scaled(60))
        if keep_stdout:
            printed.append((f"stdout of {' '.join(args[:2])}", run.stdout))
        printed.append((f"stderr of {' '.join(args[:2])}", run.stderr))
        return run

    try:
        run = cli("tenants", "add", "Audit", url, client_id, stdin=secret + "\n")
        check("tenants add", run.returncode == 0, run.stderr[-500:])
        run = cli("--json", "tokens", "create", "Audit token", keep_stdout=False)
        created = json.loads(run.stdout) if run.returncode == 0 else {}
        new_secret = created.get("secret", "")
        check("tokens create shows the new secret once", len(new_secret) > 20, run.stderr[-500:])
        run = cli("--json", "tokens", "list")
        check("tokens list", run.returncode == 0, run.stderr[-500:])
        run = cli("password", "info", source, user)
        check("password info", run.returncode == 0, run.stderr[-500:])
        run = cli("password", "set", source, user, stdin=PASSWORD + "\n")
        check("password set, FINISHED", run.returncode == 0 and '"FINISHED"' in run.stdout, run.stderr[-500:])
        check("the debug messages were on", "lk-client-DEBUG" in "".join(text for _, text in printed))
    finally:
        sandbox.stop()
    out = sandbox.output
    bearers = [line[len("BEARER "):] for line in out.splitlines() if line.startswith("BEARER ")]
    check("the tenant gave bearer tokens", len(bearers) >= 1, out[-300:])

    secrets = {"the client secret": secret, "the new token's secret": new_secret, "the password": PASSWORD}
    for number, bearer in enumerate(bearers, 1):
        secrets[f"bearer token {number}"] = bearer

    files = []
    for top in [home, *dirs.values()]:
        for folder, _, names in os.walk(top):
            files += [os.path.join(folder, name) for name in names]
    keyfile = os.path.join(dirs["config"], "glib-2.0", "settings", "keyfile")
    check("the settings were written where the audit looks", keyfile in files, files)

    for what, value in secrets.items():
        if not value:
            check(f"{what} is known to the audit", False)
            continue
        hits = [name for name, text in printed if value in text]
        for path in files:
            with open(path, "rb") as f:
                if value.encode() in f.read():
                    hits.append(path)
        check(f"{what} is nowhere on disk or in what was printed", not hits, hits)

results.report()
