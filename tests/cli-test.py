#!/usr/bin/env python3
"""latchkey-cli against a latchkey-sandbox process, as a script would use it.

Tenants go to GSettings through dconf, shared by the runs as a user's are,
and secrets to the test session's gnome-keyring, which secret-tool reads
back. Prints TAP.

usage: cli-test.py LATCHKEY-CLI LATCHKEY-SANDBOX
"""
import base64
import datetime
import json
import os
import subprocess
import sys
import tempfile

import lktest

CLI, SANDBOX = sys.argv[1], sys.argv[2]
results = lktest.Results()
check = results.check


# dconf, as users have it: it writes asynchronously, so a CLI that exits
# without syncing loses its change. The test session's dconf-service keeps
# its database in the test's scratch folder.
ENV = lktest.cli_env(GSETTINGS_BACKEND="dconf")


def cli(*args, stdin="", env=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, env=env or ENV,
                          timeout=lktest.scaled(60))


def keyring(url, client_id):
    return subprocess.run(["secret-tool", "lookup", "base-url", url, "client-id", client_id],
                          capture_output=True, text=True).stdout


sandbox = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--tokens", "30", "--sync-groups", "2", "--password-delay",
                         "200")
url, client_id, secret = sandbox.url, sandbox.client_id, sandbox.secret
try:
    run = cli("tenants", "list", "--json")
    check("no tenants at first", run.returncode == 0 and json.loads(run.stdout) == [], run.stdout + run.stderr)

    run = cli("tenants", "add", "Sandbox", url, client_id, stdin="wrong-secret\n")
    check("a wrong secret: exit 1", run.returncode == 1, run.returncode)
    check("a wrong secret: the server's message on stderr", "Bad credentials" in run.stderr, run.stderr)
    check("a wrong secret saves nothing", json.loads(cli("tenants", "list", "--json").stdout) == [])

    run = cli("tenants", "add", "Sandbox", url, client_id, stdin=secret + "\n")
    check("tenants add, secret on stdin", run.returncode == 0, run.stderr)
    listed = json.loads(cli("tenants", "list", "--json").stdout)
    check("tenants list shows it, current",
          listed == [{"name": "Sandbox", "baseUrl": url, "clientId": client_id, "current": True}], listed)
    check("the secret is in the keyring", keyring(url, client_id) == secret)
    settings_text = subprocess.run(["gsettings", "list-recursively", "io.github.latchkey.Latchkey"],
                                   capture_output=True, text=True, env=ENV).stdout
    check("the secret is not in the settings", secret not in settings_text and "Sandbox" in settings_text,
          settings_text)

    run = cli("tenants", "add", "Sandbox", url, client_id, "--secret", secret)
    check("no secret on the command line", run.returncode == 2, run.returncode)

    run = cli("--json", "tokens", "list")
    tokens = json.loads(run.stdout) if run.returncode == 0 else []
    check("tokens list, secret from the keyring", run.returncode == 0 and len(tokens) == 31, run.stderr)
    check("tokens as the spec names them", all({"id", "name", "owner", "created"} <= t.keys() for t in tokens))
    check("no secret in a list", all("secret" not in t for t in tokens))

    mine = json.loads(cli("--json", "tokens", "list", "--owner", "me").stdout)
    check("--owner me", mine and all(t["owner"]["name"] == "Latchkey Admin" for t in mine), mine)
    never = json.loads(cli("--json", "--tenant", "Sandbox", "tokens", "list", "--never-used").stdout)
    check("--never-used", never and all(t["lastUsed"] is None for t in never), len(never))
    # Three months before the tenant's day, whose tokens are up to a year old.
    old = json.loads(cli("--json", "tokens", "list", "--unused-since", "2026-03-15").stdout)
    check("--unused-since", old and all(t["lastUsed"] and t["lastUsed"] <= "2026-03-15" for t in old), len(old))
    check("the filters partition the used and the unused",
          len(never) + len(old) <= len(tokens) and len(never) > 0)

    run = cli("tokens", "list", "--unused-since", "last tuesday")
    check("a bad date: exit 2", run.returncode == 2, run.stderr)

    run = cli("tokens", "list")
    check("tokens list as a table", run.returncode == 0 and "Latchkey sandbox" in run.stdout, run.stdout[:200])
    check("the table shows no secret", secret not in run.stdout)

    # The expiry watch, for cron or a systemd timer: tokens expiring within N days of
    # the tenant's day, or expired; exit 3 when there are any.
    tenant_now = datetime.datetime.fromisoformat(lktest.NOW)

    def expiring_ids(listed, days):
        limit = tenant_now + datetime.timedelta(days=days)
        return sorted(t["id"] for t in listed
                      if t.get("expirationDate") and datetime.datetime.fromisoformat(t["expirationDate"]) <= limit)

    for days in (0, 120, 3650):
        run = cli("--json", "tokens", "list", "--expiring-within", str(days))
        expected = expiring_ids(tokens, days)
        listed = sorted(t["id"] for t in json.loads(run.stdout)) if run.returncode in (0, 3) else None
        check(f"--expiring-within {days}: {len(expected)} tokens, exit {3 if expected else 0}",
              listed == expected and run.returncode == (3 if expected else 0), (run.returncode, listed, expected))
    check("the expiry watch has something to find",
          0 < len(expiring_ids(tokens, 0)) < len(expiring_ids(tokens, 120)) < len(tokens))
    run = cli("tokens", "list", "--expiring-within", "120")
    check("--expiring-within as a table: exit 3, only those rows",
          run.returncode == 3 and len(run.stdout.splitlines()) == len(expiring_ids(tokens, 120)), run.stdout)
    # A tenant with only the administrator's token, made a few weeks ago for six months.
    fresh = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--tokens", "0")
    try:
        fresh_env = dict(fresh.env(ENV))
        run = cli("--json", "--base-url", fresh.url, "tokens", "list", "--expiring-within", "30", env=fresh_env)
        check("nothing expiring: exit 0 and an empty list", run.returncode == 0 and json.loads(run.stdout) == [],
              (run.returncode, run.stdout, run.stderr))
        run = cli("--json", "--base-url", fresh.url, "tokens", "list", "--expiring-within", "365", env=fresh_env)
        check("the same token within a year: exit 3", run.returncode == 3 and len(json.loads(run.stdout)) == 1,
              (run.returncode, run.stderr))
    finally:
        fresh.stop()
    run = cli("tokens", "list", "--expiring-within", "-1")
    check("--expiring-within -1: exit 2", run.returncode == 2, run.stderr)

    run = cli("--tenant", "Nowhere", "tokens", "list")
    check("an unknown tenant: exit 1 with a message", run.returncode == 1 and "Nowhere" in run.stderr, run.stderr)

    sail = dict(ENV, SAIL_CLIENT_ID=client_id, SAIL_CLIENT_SECRET=secret)
    run = cli("--json", "--base-url", url, "tokens", "list", env=sail)
    check("--base-url with SAIL_* variables", run.returncode == 0 and len(json.loads(run.stdout)) == 31, run.stderr)

    # A PAT that may only read its own tokens: the 403 reaches the user.
    created = subprocess.run(["curl", "-s", "-d", f"grant_type=client_credentials&client_id={client_id}"
                              f"&client_secret={secret}", url + "/oauth/token"], capture_output=True, text=True)
    bearer = json.loads(created.stdout)["access_token"]
    narrow = json.loads(subprocess.run(
        ["curl", "-s", "-H", "Authorization: Bearer " + bearer, "-H", "Content-Type: application/json",
         "-d", '{"name": "CLI narrow", "scope": ["sp:my-personal-access-tokens:read"]}',
         url + "/v3/personal-access-tokens"], capture_output=True, text=True).stdout)
    narrow_env = dict(ENV, SAIL_BASE_URL=url, SAIL_CLIENT_ID=narrow["id"], SAIL_CLIENT_SECRET=narrow["secret"])
    run = cli("--base-url", url, "tokens", "list", env=narrow_env)
    check("403: exit 1 naming the missing right",
          run.returncode == 1 and "all-personal-access-tokens:read" in run.stderr, run.stderr)
    run = cli("--base-url", url, "tokens", "list", "--owner", "me", env=narrow_env)
    check("the narrow PAT lists its owner's tokens", run.returncode == 0, run.stderr)

    run = cli("--base-url", url, "sources", "list", env=narrow_env)
    check("sources without idn:sources:read: exit 1 naming the right",
          run.returncode == 1 and "idn:sources:read" in run.stderr, run.stderr)

    # Sources and people by name.
    run = cli("sources", "list")
    check("sources list, by name", run.returncode == 0 and run.stdout.splitlines()[0].split()[1:3] ==
          ["Active", "Directory"] and "Workday" in run.stdout, run.stdout[:300])
    sources = json.loads(cli("--json", "sources", "list", "--name", "go").stdout)
    check("sources list --name: the start of the name, in any case",
          [s["name"] for s in sources] == ["Google Workspace"] and sources[0]["connectorName"] == "Google Workspace",
          sources)
    people = json.loads(cli("--json", "identities", "search", "Abby Sm").stdout)
    check("identities search by first name and the start of the last",
          [p["alias"] for p in people] == ["Abby.Smith"], people)
    run = cli("identities", "search", "abby.smith@")
    check("identities search by email, as a table", run.returncode == 0 and "Abby Smith" in run.stdout, run.stdout)
    abby = json.loads(cli("--json", "tokens", "list", "--owner", "Abby Smith").stdout)
    check("tokens list --owner NAME", abby and all(t["owner"]["name"] == "Abby Smith" for t in abby), abby)
    by_id = json.loads(cli("--json", "tokens", "list", "--owner", people[0]["id"]).stdout)
    check("tokens list --owner ID, pasted", [t["id"] for t in by_id] == [t["id"] for t in abby])
    run = cli("tokens", "list", "--owner", "Abby")
    check("an owner name that fits two: exit 1 naming both",
          run.returncode == 1 and "Abby Smith (Abby.Smith)" in run.stderr and "Name one, or give its ID" in run.stderr,
          run.stderr)
    run = cli("tokens", "list", "--owner", "Nobody Here")
    check("an owner nobody is: exit 1 saying so", run.returncode == 1 and "No identity" in run.stderr, run.stderr)

    # Create, rename, re-scope, revoke.
    in_30_days = "2026-07-15"   # the tenant's day and 30 days
    run = cli("--json", "tokens", "create", "CLI made", "--scope", "idn:identity:read", "--validity", "3600",
              "--expires", in_30_days)
    created = json.loads(run.stdout) if run.returncode == 0 else {}
    check("tokens create", run.returncode == 0, run.stderr)
    check("create prints the secret once", len(created.get("secret", "")) == 64, created)
    check("create sends the scope and validity",
          created.get("scope") == ["idn:identity:read"] and created.get("accessTokenValiditySeconds") == 3600, created)
    listed = json.loads(cli("--json", "tokens", "list", "--owner", "me").stdout)
    mine = [t for t in listed if t["id"] == created.get("id")]
    check("the new token is listed, without its secret", len(mine) == 1 and "secret" not in mine[0], mine)

    run = cli("tokens", "rename", created.get("id", "?"), "CLI renamed")
    check("tokens rename", run.returncode == 0 and "CLI renamed" in run.stdout, run.stderr)
    run = cli("--json", "tokens", "scope", created.get("id", "?"), "all")
    check("tokens scope all", run.returncode == 0 and json.loads(run.stdout)["scope"] == ["sp:scopes:all"], run.stderr)
    run = cli("tokens", "scope", created.get("id", "?"), "idn:identity:read", "idn:accounts:read")
    check("tokens scope says when it applies", run.returncode == 0 and "20 minutes" in run.stderr, run.stderr)

    run = cli("tokens", "create", "Latchkey sandbox")
    check("a duplicate name: exit 1 with the tenant's words", run.returncode == 1 and "already exists" in run.stderr,
          run.stderr)
    run = cli("tokens", "create", "Too short", "--validity", "5")
    check("a validity out of range: exit 2", run.returncode == 2, run.returncode)

    run = cli("tokens", "revoke", created.get("id", "?"))
    check("tokens revoke", run.returncode == 0, run.stderr)
    run = cli("tokens", "revoke", created.get("id", "?"))
    check("revoking it again: exit 1, not found", run.returncode == 1 and created.get("id", "?") in run.stderr,
          run.stderr)

    # Rotate: the successor's secret printed once, the old token kept until it is revoked,
    # the link between them kept on this machine, with no secret in it.
    old_token = next(t for t in json.loads(cli("--json", "tokens", "list", "--owner", "me").stdout)
                     if t["name"] == "Postman")
    run = cli("--json", "tokens", "rotate", old_token["id"])
    rotated = json.loads(run.stdout) if run.returncode == 0 else {}
    check("tokens rotate: the successor, its secret once",
          run.returncode == 0 and len(rotated.get("secret", "")) >= 32
          and rotated.get("name", "").startswith(old_token["name"] + " (rotated ")
          and rotated.get("scope") == old_token["scope"], run.stderr)
    after = json.loads(cli("--json", "tokens", "list", "--owner", "me").stdout)
    check("the old token stays until it is revoked",
          {old_token["id"], rotated.get("id")} <= {t["id"] for t in after}, [t["name"] for t in after])
    rotations = os.path.join(os.environ["XDG_DATA_HOME"], "latchkey", "rotations.ini")
    linked = open(rotations, encoding="utf-8").read() if os.path.exists(rotations) else ""
    check("the link is kept, without the secret",
          old_token["id"] in linked and rotated.get("id", "?") in linked and rotated.get("secret", "?") not in linked,
          linked)
    run = cli("--json", "tokens", "rotate", old_token["id"])
    again = json.loads(run.stdout) if run.returncode == 0 else {}
    check("twice the same day: a name not used yet", again.get("name") == rotated.get("name", "?")[:-1] + ", 2)",
          run.stdout + run.stderr)
    someone_elses = next(t for t in tokens if t["owner"]["name"] != "Latchkey Admin")
    run = cli("tokens", "rotate", someone_elses["id"])
    check("another's token: exit 1, only its owner can", run.returncode == 1 and "owner" in run.stderr, run.stderr)
    run = cli("tokens", "rotate")
    check("tokens rotate without an ID: exit 2", run.returncode == 2, run.stderr)

    # Password policies: list, get, create from stdin, update whole from a file, delete.
    run = cli("--json", "policies", "list")
    policies = json.loads(run.stdout) if run.returncode == 0 else []
    check("policies list", run.returncode == 0 and len(policies) > 0, run.stderr)
    default = [p for p in policies if p.get("defaultPolicy")]
    check("the default policy is listed", len(default) == 1, policies)
    run = cli("policies", "list")
    check("policies list as a table", run.returncode == 0 and "(default)" in run.stdout, run.stdout[:300])

    run = cli("policies", "create", stdin='{"name": "CLI policy", "minLength": 10, "maxLength": 40}')
    made = json.loads(run.stdout) if run.returncode == 0 else {}
    check("policies create from stdin", run.returncode == 0 and made.get("id") and made.get("minLength") == 10,
          run.stderr)
    run = cli("policies", "get", made.get("id", "?"))
    got = json.loads(run.stdout) if run.returncode == 0 else {}
    check("policies get prints JSON", got.get("name") == "CLI policy", run.stderr)

    got["maxLength"] = 30
    got["futureField"] = {"kept": True}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as edited:
        json.dump(got, edited)
    run = cli("policies", "update", made.get("id", "?"), edited.name)
    os.unlink(edited.name)
    check("policies update from a file", run.returncode == 0 and json.loads(run.stdout)["maxLength"] == 30,
          run.stderr)
    again = json.loads(cli("policies", "get", made.get("id", "?")).stdout)
    check("an update keeps what Latchkey does not know", again.get("futureField") == {"kept": True}, again)

    # Two scripts update one policy from what they read: the second would undo the first.
    first, second = dict(again, minNumeric=2), dict(again, minSpecial=3)
    run = cli("policies", "update", made.get("id", "?"), stdin=json.dumps(first))
    check("the first of two updates is saved", run.returncode == 0, run.stderr)
    run = cli("policies", "update", made.get("id", "?"), stdin=json.dumps(second))
    now = json.loads(cli("policies", "get", made.get("id", "?")).stdout)
    check("the second, read before the first, exits 4 and sends nothing",
          run.returncode == 4 and "--force" in run.stderr and now.get("minNumeric") == 2
          and now.get("minSpecial") != 3, (run.returncode, run.stderr, now))
    run = cli("policies", "update", made.get("id", "?"), "--force", stdin=json.dumps(second))
    now = json.loads(cli("policies", "get", made.get("id", "?")).stdout)
    check("--force replaces it anyway", run.returncode == 0 and now.get("minSpecial") == 3, run.stderr)

    run = cli("policies", "update", made.get("id", "?"), stdin='{"name": "CLI policy", "minLength": 50, '
              '"maxLength": 30}')
    check("a policy that breaks a rule: exit 1, refused before it is sent",
          run.returncode == 1 and "more than the maximum" in run.stderr, run.stderr)
    run = cli("policies", "update", made.get("id", "?"), stdin='{"name": "CLI policy", "sourceIds": ["nope"]}')
    check("a policy the tenant refuses: exit 1 with the tenant's words",
          run.returncode == 1 and "The source 'nope' does not exist" in run.stderr, run.stderr)
    run = cli("policies", "create", stdin="{not json")
    check("a bad file: exit 1 saying so", run.returncode == 1 and "not JSON" in run.stderr, run.stderr)
    run = cli("policies", "create", stdin='{"name": "x", "minLength": "ten"}')
    check("a file that is not a policy: exit 1 saying so",
          run.returncode == 1 and "not a password policy" in run.stderr.lower(), run.stderr)

    run = cli("--json", "policies", "diff", default[0]["id"] if default else "?", made.get("id", "?"))
    differences = json.loads(run.stdout) if run.returncode == 0 else {}
    check("policies diff: each field that differs, A and B, the tenant's own fields left out",
          differences.get("name") == ["Default Password Policy", "CLI policy"] and "id" not in differences
          and "lastUpdated" not in differences and differences.get("minLength") == [8, 10], run.stdout + run.stderr)
    run = cli("policies", "diff", made.get("id", "?"), made.get("id", "?"))
    check("policies diff of a policy with itself", run.returncode == 0 and "No differences" in run.stdout, run.stdout)
    run = cli("policies", "diff", made.get("id", "?"), made.get("id", "?"), "--other-tenant", "Nowhere")
    check("policies diff with a tenant not saved: exit 1", run.returncode == 1 and "Nowhere" in run.stderr, run.stderr)

    run = cli("--json", "policies", "restore", made.get("id", "?"), "1")
    check("policies restore: the first version saved again", run.returncode == 0
          and json.loads(run.stdout).get("maxLength") == 40 and json.loads(run.stdout).get("minSpecial") != 3,
          run.stderr)

    # A copy to another tenant: sources mapped by name, the rest listed and left out; sent only as previewed.
    other = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--seed", "2", "--sources", "3", "--policies", "1",
                           "--sync-groups", "0")
    try:
        run = cli("tenants", "add", "Other", other.url, other.client_id, stdin=other.secret + "\n")
        check("a second tenant", run.returncode == 0, run.stderr)
        here = json.loads(cli("--tenant", "Sandbox", "--json", "sources", "list").stdout)
        there = json.loads(cli("--tenant", "Other", "--json", "sources", "list").stdout)
        names_there = {s["name"]: s["id"] for s in there}
        shared = [s for s in here if s["name"] in names_there]
        alone = [s for s in here if s["name"] not in names_there]
        run = cli("--tenant", "Sandbox", "policies", "create",
                  stdin=json.dumps({"name": "Copied policy", "minLength": 14,
                                    "sourceIds": [shared[0]["id"], alone[0]["id"]] if shared and alone else []}))
        copied = json.loads(run.stdout) if run.returncode == 0 else {}
        run = cli("--tenant", "Sandbox", "--json", "policies", "copy", copied.get("id", "?"), "--to", "Other")
        preview = json.loads(run.stdout) if run.returncode == 0 else {}
        expected = [names_there[shared[0]["name"]]] if shared else ["?"]
        check("policies copy: a preview, sources mapped by name to the other tenant's",
              run.returncode == 0 and preview.get("object", {}).get("sourceIds") == expected and expected
              and "id" not in preview.get("object", {}), run.stdout + run.stderr)
        check("policies copy: what has no namesake is listed and left out",
              alone and preview.get("leftOut") == ["sourceIds: " + alone[0]["name"]], preview.get("leftOut"))
        listed = json.loads(cli("--tenant", "Other", "--json", "policies", "list").stdout)
        check("the preview sends nothing", len(listed) == 1, listed)
        run = cli("--tenant", "Sandbox", "policies", "copy", copied.get("id", "?"), "--to", "Other",
                  "--apply", "0000000000000000")
        check("--apply with another digest: exit 4, nothing sent",
              run.returncode == 4 and len(json.loads(cli("--tenant", "Other", "--json", "policies", "list").stdout)) == 1,
              run.stderr)
        run = cli("--tenant", "Sandbox", "--json", "policies", "copy", copied.get("id", "?"), "--to", "Other",
                  "--apply", preview.get("digest", "?"))
        made_there = json.loads(run.stdout) if run.returncode == 0 else {}
        check("--apply with the preview's digest makes the copy there",
              made_there.get("name") == "Copied policy" and made_there.get("sourceIds") == expected
              and made_there.get("minLength") == 14, run.stderr)

        # A sync group the same way, its sources and its policy by name: one of this tenant's, with two
        # sources or more that the other has (a group needs two) and a policy of a name there.
        policies_there = {p["name"]: p["id"] for p in json.loads(cli("--tenant", "Other", "--json", "policies",
                                                                      "list").stdout)}
        policy_names = {p["id"]: p["name"] for p in json.loads(cli("--tenant", "Sandbox", "--json", "policies",
                                                                    "list").stdout)}
        source_names = {s["id"]: s["name"] for s in here}
        groups = json.loads(cli("--tenant", "Sandbox", "--json", "sync-groups", "list").stdout)
        group = next((g for g in groups if policy_names.get(g["passwordPolicyId"]) in policies_there
                      and sum(source_names[i] in names_there for i in g["sourceIds"]) >= 2), {})
        check("a sync group to copy", group, groups)
        mapped = [names_there[source_names[i]] for i in group.get("sourceIds", []) if source_names[i] in names_there]
        left_out = ["sourceIds: " + source_names[i] for i in group.get("sourceIds", [])
                    if source_names[i] not in names_there]
        policy_there = policies_there.get(policy_names.get(group.get("passwordPolicyId")), "?")
        run = cli("--tenant", "Sandbox", "--json", "sync-groups", "copy", group.get("id", "?"), "--to", "Other")
        preview = json.loads(run.stdout) if run.returncode == 0 else {}
        check("sync-groups copy: a preview with the other tenant's sources and policy of the same names",
              preview.get("object", {}).get("sourceIds") == mapped
              and preview.get("object", {}).get("passwordPolicyId") == policy_there
              and preview.get("leftOut", []) == left_out, run.stdout + run.stderr)
        run = cli("--tenant", "Sandbox", "--json", "sync-groups", "copy", group.get("id", "?"), "--to", "Other",
                  "--apply", preview.get("digest", "?"))
        made_there = json.loads(run.stdout) if run.returncode == 0 else {}
        check("sync-groups copy --apply makes the group there",
              made_there.get("name") == group.get("name") and made_there.get("sourceIds") == mapped
              and made_there.get("passwordPolicyId") == policy_there, run.stdout + run.stderr)
        cli("--tenant", "Sandbox", "policies", "delete", copied.get("id", "?"))
        cli("tenants", "remove", "Other")
        subprocess.run(["gsettings", "set", "io.github.latchkey.Latchkey", "current-tenant", "Sandbox"], env=ENV)
    finally:
        other.stop()

    run = cli("policies", "delete", default[0]["id"] if default else "?")
    check("the default policy is not deleted", run.returncode == 1 and "default" in run.stderr, run.stderr)
    run = cli("policies", "delete", made.get("id", "?"))
    check("policies delete", run.returncode == 0, run.stderr)
    left = json.loads(cli("--json", "policies", "list").stdout)
    check("deleted from the list", all(p["id"] != made.get("id") for p in left) and len(left) == len(policies))

    # Every version a save or a delete replaced, newest first; refused saves keep none.
    run = cli("--json", "policies", "history", made.get("id", "?"))
    history = json.loads(run.stdout) if run.returncode == 0 else []
    check("policies history: a version for each save and the delete",
          [(v["version"], v["replacedBy"]) for v in history] == [(5, "delete"), (4, "update"), (3, "update"),
                                                                 (2, "update"), (1, "update")],
          run.stdout + run.stderr)
    check("the restore kept the version it replaced, as any save",
          len(history) == 5 and history[1]["object"].get("minSpecial") == 3, history[1:2])
    check("the first version is the policy as made, saved by the connection",
          history and history[-1]["object"].get("maxLength") == 40 and history[-1]["savedBy"].startswith("Sandbox ("),
          history[-1:] if history else run.stderr)
    run = cli("policies", "history", made.get("id", "?"))
    check("policies history as a table", run.returncode == 0 and len(run.stdout.splitlines()) == 5, run.stdout)
    run = cli("--json", "policies", "restore", made.get("id", "?"), "1")
    restored = json.loads(run.stdout) if run.returncode == 0 else {}
    check("a deleted policy is made anew from a version", run.returncode == 0 and restored.get("maxLength") == 40
          and restored.get("id") not in (None, made.get("id")) and "made anew" in run.stderr, run.stderr)
    run = cli("policies", "restore", made.get("id", "?"), "9")
    check("restore of a version not kept: exit 1", run.returncode == 1 and "no version 9" in run.stderr, run.stderr)
    run = cli("policies", "restore", made.get("id", "?"), "one")
    check("restore with a version that is not a number: exit 2", run.returncode == 2, run.stderr)
    cli("policies", "delete", restored.get("id", "?"))

    # Password sync groups: the same verbs, the same JSON round trip.
    run = cli("--json", "sync-groups", "list")
    groups = json.loads(run.stdout) if run.returncode == 0 else []
    check("sync-groups list", run.returncode == 0 and len(groups) == 2, run.stderr)
    run = cli("sync-groups", "list")
    check("sync-groups list names the policy",
          run.returncode == 0 and "Corporate Directory" in run.stdout and "Default Password Policy" in run.stdout,
          run.stdout)
    taken = {s for g in groups for s in g["sourceIds"]}
    free = [s for p in policies for s in p.get("sourceIds", []) if s not in taken]
    run = cli("sync-groups", "create", stdin=json.dumps(
        {"name": "CLI group", "passwordPolicyId": policies[0]["id"], "sourceIds": free[:1]}))
    check("a group of one source: exit 1 with the tenant's words",
          run.returncode == 1 and "at least two sources" in run.stderr, run.stderr)
    run = cli("sync-groups", "create", stdin=json.dumps(
        {"name": "CLI group", "passwordPolicyId": policies[0]["id"], "sourceIds": free[:2]}))
    group = json.loads(run.stdout) if run.returncode == 0 else {}
    check("sync-groups create", run.returncode == 0 and group.get("id") and group.get("sourceIds") == free[:2],
          run.stderr)
    group["name"] = "CLI group, renamed"
    run = cli("sync-groups", "update", group.get("id", "?"), stdin=json.dumps(group))
    check("sync-groups update", run.returncode == 0 and json.loads(run.stdout)["name"] == "CLI group, renamed",
          run.stderr)
    run = cli("sync-groups", "get", group.get("id", "?"))
    check("sync-groups get", run.returncode == 0 and json.loads(run.stdout)["name"] == "CLI group, renamed",
          run.stderr)
    run = cli("--json", "sync-groups", "diff", groups[0]["id"] if groups else "?", group.get("id", "?"))
    differences = json.loads(run.stdout) if run.returncode == 0 else {}
    check("sync-groups diff: the names differ, the tenant's own fields left out",
          differences.get("name") == [groups[0]["name"] if groups else "?", "CLI group, renamed"]
          and "id" not in differences and "modified" not in differences, run.stdout + run.stderr)
    run = cli("sync-groups", "delete", group.get("id", "?"))
    check("sync-groups delete", run.returncode == 0, run.stderr)
    check("deleted from the groups", len(json.loads(cli("--json", "sync-groups", "list").stdout)) == 2)
    run = cli("--json", "sync-groups", "history", group.get("id", "?"))
    history = json.loads(run.stdout) if run.returncode == 0 else []
    check("sync-groups history: the rename and the delete, each with the version it replaced",
          [(v["version"], v["replacedBy"], v["object"].get("name")) for v in history]
          == [(2, "delete", "CLI group, renamed"), (1, "update", "CLI group")], run.stdout + run.stderr)
    run = cli("--json", "sync-groups", "restore", group.get("id", "?"), "1")
    restored = json.loads(run.stdout) if run.returncode == 0 else {}
    check("a deleted sync group is made anew from a version, with its sources",
          restored.get("name") == "CLI group" and restored.get("sourceIds") == free[:2]
          and restored.get("id") not in (None, group.get("id")), run.stdout + run.stderr)
    cli("sync-groups", "delete", restored.get("id", "?"))

    # Setting a password: the sandbox decrypts it and checks its policy.
    source, user = sandbox.source, sandbox.user
    run = cli("--json", "password", "info", source, user)
    password_info = json.loads(run.stdout) if run.returncode == 0 else {}
    check("password info", run.returncode == 0 and password_info.get("publicKey")
          and password_info.get("accounts"), run.stderr)
    run = cli("password", "info", source, user)
    check("password info in plain words", run.returncode == 0 and "At least 8 characters" in run.stdout, run.stdout)
    run = cli("password", "set", source, user, stdin="Xy9!kk#Pq2zz\n")
    status = json.loads(run.stdout) if run.returncode == 0 else {}
    check("password set waits until FINISHED", status.get("state") == "FINISHED", run.stdout + run.stderr)
    run = cli("password", "set", source, user, stdin="short\n")
    status = json.loads(run.stdout) if run.stdout else {}
    check("a password the policy refuses: FAILED, exit 1, the errors on stderr",
          run.returncode == 1 and status.get("state") == "FAILED" and "at least 8 characters" in run.stderr,
          run.stdout + run.stderr)
    run = cli("password", "set", source, user, "--no-wait", stdin="Xy9!kk#Pq2zz\n")
    request = json.loads(run.stdout) if run.returncode == 0 else {}
    check("password set --no-wait gives the request", request.get("state") == "IN_PROGRESS"
          and request.get("requestId"), run.stdout + run.stderr)
    run = cli("password", "status", request.get("requestId", "?"), "--wait")
    check("password status --wait follows it to FINISHED",
          run.returncode == 0 and json.loads(run.stdout)["state"] == "FINISHED", run.stdout + run.stderr)
    run = cli("password", "set", source, user, "--account", "nobody", stdin="Xy9!kk#Pq2zz\n")
    check("an account the identity lacks: exit 1 naming it", run.returncode == 1 and "nobody" in run.stderr,
          run.stderr)
    run = cli("password", "set", source, user, "Xy9!kk#Pq2zz")
    check("no password on the command line", run.returncode == 2, run.returncode)

    run = cli("tenants", "remove", "Sandbox")
    check("tenants remove", run.returncode == 0, run.stderr)
    check("removed from the list", json.loads(cli("tenants", "list", "--json").stdout) == [])
    check("removed from the keyring", keyring(url, client_id) == "")

    run = cli("tenants", "frobnicate")
    check("an unknown command: exit 2", run.returncode == 2, run.returncode)
finally:
    sandbox.stop()

# What Latchkey encrypts, OpenSSL decrypts: a tool no one here wrote.
with tempfile.TemporaryDirectory() as keys:
    def openssl(*args, data=None):
        return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout

    private = os.path.join(keys, "private.pem")
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", private)
    public_der = base64.b64encode(openssl("pkey", "-in", private, "-pubout", "-outform", "DER")).decode()
    public_pem = os.path.join(keys, "public.pem")
    with open(public_pem, "wb") as pem:
        pem.write(openssl("pkey", "-in", private, "-pubout"))

    for password in ("Xy9!kk#Pq2zz", "Pässwörd ✓ with spaces", "x" * 245):
        for key in (("--key", public_der), ("--key-file", public_pem)):
            run = cli("password", "encrypt", *key, stdin=password + "\n")
            plain = (openssl("pkeyutl", "-decrypt", "-inkey", private, data=base64.b64decode(run.stdout))
                     if run.returncode == 0 else b"")
            check(f"openssl decrypts what {key[0]} encrypted ({len(password)} characters)",
                  plain.decode() == password, run.stderr)
    first = cli("password", "encrypt", "--key", public_der, stdin="same\n").stdout
    check("the padding is random: the same password encrypts differently",
          first and first != cli("password", "encrypt", "--key", public_der, stdin="same\n").stdout)

    run = cli("password", "encrypt", "--key", "bm90IGEga2V5", stdin="x\n")
    check("a bad public key: exit 1 saying so",
          run.returncode == 1 and "The public key cannot be read" in run.stderr, run.stderr)
    ec_key = os.path.join(keys, "ec.pem")
    with open(ec_key, "wb") as pem:
        pem.write(openssl("pkey", "-pubout", data=openssl("genpkey", "-algorithm", "EC",
                                                           "-pkeyopt", "ec_paramgen_curve:P-256")))
    run = cli("password", "encrypt", "--key-file", ec_key, stdin="x\n")
    check("a key that is not RSA: exit 1 saying so", run.returncode == 1 and "not an RSA key" in run.stderr,
          run.stderr)
    run = cli("password", "encrypt", "--key", public_der, stdin="x" * 246 + "\n")
    check("a password longer than the key holds: exit 1 saying so",
          run.returncode == 1 and "at most 245 bytes" in run.stderr, run.stderr)

results.report()
