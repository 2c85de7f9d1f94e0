#!/usr/bin/env python3
"""The sandbox tenant against the ISC spec, over real HTTP.

Starts latchkey-sandbox, drives every endpoint of every version through its
success and error cases, and validates each response against the response
schema that tests/spec/isc-subset.yaml declares for that path, method and
status: types, required fields, enums, nullability, and no field the spec
does not name. Prints TAP.

usage: sandbox-conformance.py LATCHKEY-SANDBOX SPEC
"""
import base64
import datetime
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

import lktest

SANDBOX, SPEC_PATH = sys.argv[1], sys.argv[2]
with open(SPEC_PATH, encoding="utf-8") as f:
    SPEC = yaml.safe_load(f)

results = lktest.Results()
check = results.check


# Validation -----------------------------------------------------------------

def resolve(schema):
    while "$ref" in schema:
        target = SPEC
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = target
    return schema


ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def validate(value, schema, where="$"):
    """Returns a list of problems; empty when value matches schema."""
    schema = resolve(schema)
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null where the spec does not allow it"]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            if any(not validate(value, option, where) for option in schema[key]):
                return []
            return [f"{where}: matches none of {key}"]
    kind = schema.get("type")
    problems = []
    if kind == "string":
        if not isinstance(value, str):
            return [f"{where}: {value!r} is not a string"]
        if schema.get("format") == "date-time" and not ISO.match(value):
            problems.append(f"{where}: {value!r} is not a date-time")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{where}: {value!r} is not an integer"]
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{where}: {value} > {schema['maximum']}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            return [f"{where}: {value!r} is not a boolean"]
    elif kind == "array":
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        for i, item in enumerate(value):
            problems += validate(item, schema.get("items", {}), f"{where}[{i}]")
    elif kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}: required field {name} is missing")
        # An object the spec gives no properties (Identity.attributes) holds what the tenant has.
        free_form = "properties" not in schema or isinstance(schema.get("additionalProperties"), dict)
        for name, item in value.items():
            if name in props:
                problems += validate(item, props[name], f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                problems += validate(item, schema["additionalProperties"], f"{where}.{name}")
            elif not free_form:
                problems.append(f"{where}: field {name} is not in the spec")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {schema['enum']}")
    return problems


def spec_path_for(path):
    """/v3/password-policies/abc -> /v3/password-policies/{id}"""
    if path in SPEC["paths"]:
        return path
    head, _, _ = path.rpartition("/")
    templated = head + "/{id}"
    return templated if templated in SPEC["paths"] else None


# HTTP -----------------------------------------------------------------------

class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body) if self.body else None


def multipart_body(fields, boundary="latchkey-conformance-7d3f"):
    """multipart/form-data as a browser or the official TypeScript SDK sends it."""
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


def request(method, path, token=None, body=None, content_type="application/json", headers=None, form=None,
            multipart=None, raw=None):
    data = None
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = "Bearer " + token
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif multipart is not None:
        data, all_headers["Content-Type"] = multipart_body(multipart)
    elif raw is not None:
        data = raw
        all_headers["Content-Type"] = content_type
    elif body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = content_type
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=lktest.scaled(30)) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def call(name, method, path, expect, **kwargs):
    """Sends, checks the status, validates the body against the spec."""
    answer = request(method, path, **kwargs)
    route = spec_path_for(urllib.parse.urlsplit(path).path)
    operation = SPEC["paths"].get(route, {}).get(method.lower()) if route else None
    problems = []
    if answer.status != expect:
        problems.append(f"status {answer.status}, expected {expect}: {answer.body[:300]!r}")
    if operation is None:
        problems.append(f"{method} {route} is not in the spec")
    else:
        declared = operation["responses"].get(str(answer.status))
        if declared is None:
            problems.append(f"status {answer.status} is not declared for {method} {route}")
        else:
            declared = resolve(declared)
            schema = declared.get("content", {}).get("application/json", {}).get("schema")
            if schema is not None:
                try:
                    problems += validate(answer.json(), schema)
                except ValueError as error:
                    problems.append(f"body is not JSON: {error}")
            elif answer.body and answer.status == 204:
                problems.append("a 204 with a body")
    check(f"{name} ({method} {path.split('?')[0]} -> {answer.status})", not problems, "; ".join(problems))
    return answer


# The run --------------------------------------------------------------------

def stop(sandbox):
    """SIGTERM ends the sandbox cleanly; under the sanitizers a leak makes this fail."""
    status = sandbox.stop()
    check("the sandbox stops cleanly on SIGTERM", status == 0, status)


def get_token(client_id, secret):
    answer = call("oauth token", "POST", "/oauth/token", 200,
                  form={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})
    return answer.json()["access_token"]


def encrypt(password, public_key):
    with tempfile.NamedTemporaryFile(suffix=".der") as key:
        key.write(base64.b64decode(public_key))
        key.flush()
        out = subprocess.run(["openssl", "pkeyutl", "-encrypt", "-pubin", "-keyform", "DER", "-inkey", key.name],
                             input=password.encode(), capture_output=True, check=True).stdout
    return base64.b64encode(out).decode()


# The tenant's clock is set: nothing here depends on today's date.
NOW = datetime.datetime.strptime(lktest.NOW, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
sandbox = lktest.Sandbox(SANDBOX, "--tokens", "25", "--sync-groups", "2", "--password-delay", "300",
                         "--rate-limit", "0")
info = sandbox.info
try:
    BASE = info["LATCHKEY_SANDBOX_URL"]
    check("prints the five ready lines",
          set(info) == {"LATCHKEY_SANDBOX_URL", "LATCHKEY_SANDBOX_CLIENT_ID", "LATCHKEY_SANDBOX_CLIENT_SECRET",
                        "LATCHKEY_SANDBOX_SOURCE", "LATCHKEY_SANDBOX_USER"}, repr(info))

    # /oauth/token takes its parameters in each way the spec names, and says what is wrong with a bad one.
    good = {"grant_type": "client_credentials", "client_id": info["LATCHKEY_SANDBOX_CLIENT_ID"],
            "client_secret": info["LATCHKEY_SANDBOX_CLIENT_SECRET"]}
    as_query = "/oauth/token?" + urllib.parse.urlencode(good)
    call("oauth token, x-www-form-urlencoded", "POST", "/oauth/token", 200, form=good)
    call("oauth token, multipart/form-data", "POST", "/oauth/token", 200, multipart=good)
    call("oauth token, query parameters", "POST", as_query, 200)
    call("oauth token, grant type in the query and credentials in the form", "POST",
         "/oauth/token?grant_type=client_credentials", 200,
         form={k: v for k, v in good.items() if k != "grant_type"})

    def oauth_error(name, status, error, **kwargs):
        answer = request("POST", kwargs.pop("path", "/oauth/token"), **kwargs)
        body = answer.json() if answer.body.startswith(b"{") else {}
        check(f"oauth: {name} -> {status} {error}", answer.status == status and body.get("error") == error and
              isinstance(body.get("error_description"), str), f"{answer.status} {answer.body!r}")

    for how in ("form", "multipart", "query"):
        def sent(fields):
            if how == "query":
                return {"path": "/oauth/token?" + urllib.parse.urlencode(fields)}
            return {how: fields}

        oauth_error(f"{how}: wrong secret", 401, "invalid_client", **sent({**good, "client_secret": "wrong"}))
        oauth_error(f"{how}: no client id", 401, "invalid_client",
                    **sent({k: v for k, v in good.items() if k != "client_id"}))
        oauth_error(f"{how}: no grant type", 400, "invalid_request",
                    **sent({k: v for k, v in good.items() if k != "grant_type"}))
        oauth_error(f"{how}: another grant type", 400, "unsupported_grant_type", **sent({**good, "grant_type": "password"}))
    oauth_error("multipart without a boundary", 400, "invalid_request", raw=b"grant_type=client_credentials",
                content_type="multipart/form-data")
    oauth_error("multipart cut off", 400, "invalid_request", raw=multipart_body(good)[0][:60],
                content_type="multipart/form-data; boundary=latchkey-conformance-7d3f")
    oauth_error("a JSON body", 400, "invalid_request", raw=json.dumps(good).encode(), content_type="application/json")
    oauth_error("nothing at all", 400, "invalid_request")
    token = get_token(info["LATCHKEY_SANDBOX_CLIENT_ID"], info["LATCHKEY_SANDBOX_CLIENT_SECRET"])

    call("no bearer token", "GET", "/v3/personal-access-tokens", 401)
    call("unknown bearer token", "GET", "/v3/personal-access-tokens", 401, token="eyJ.bad.token")
    in_six_months = (NOW + datetime.timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    # Its answers and its data follow its clock.
    answer = request("GET", "/v3/personal-access-tokens", token=token)
    said = datetime.datetime.strptime(answer.headers["Date"], "%a, %d %b %Y %H:%M:%S GMT").replace(
        tzinfo=datetime.timezone.utc)
    check("the Date header is the tenant's clock", abs((said - NOW).total_seconds()) < 120, answer.headers["Date"])
    stamps = [t[field] for t in answer.json() for field in ("created", "lastUsed") if t[field]]
    year_before = (NOW - datetime.timedelta(days=366)).strftime("%Y-%m-%dT%H:%M")
    check("tokens were made and used in the year before the tenant's day",
          all(year_before <= stamp <= said.strftime("%Y-%m-%dT%H:%M:%S.999Z") for stamp in stamps),
          [s for s in stamps if not year_before <= s])
    answer = request("GET", "/oauth/token")
    check("/oauth/token refuses GET with 405", answer.status == 405, answer.status)
    check("errors carry the tenant's Date too", NOW.strftime("%d %b %Y") in answer.headers["Date"], answer.headers["Date"])
    bad_day = subprocess.run([SANDBOX, "--now", "2026-13-45"], capture_output=True, text=True,
                             timeout=lktest.scaled(30))
    check("--now refuses what is not a date", bad_day.returncode == 2 and "2026-13-45" in bad_day.stderr,
          bad_day.stderr)

    for version in ("v3", "beta", "v2025"):
        v = "/" + version
        experimental = {"X-SailPoint-Experimental": "true"} if version == "v2025" else {}

        # Personal access tokens
        everyone = call("list every token", "GET", v + "/personal-access-tokens", 200, token=token).json()
        check(f"{version}: every token is listed", len(everyone) >= 25, len(everyone))
        check(f"{version}: some tokens are managed", any(t["managed"] for t in everyone))
        mine = call("list my tokens", "GET", v + "/personal-access-tokens?owner-id=me", 200, token=token).json()
        check(f"{version}: owner-id=me lists only mine",
              mine and all(t["owner"]["name"] == "Latchkey Admin" for t in mine))
        never = call("never used", "GET", v + "/personal-access-tokens?" +
                     urllib.parse.urlencode({"filters": "lastUsed isnull"}), 200, token=token).json()
        check(f"{version}: lastUsed isnull", never and all(t["lastUsed"] is None for t in never))
        old = call("unused since", "GET", v + "/personal-access-tokens?" +
                   urllib.parse.urlencode({"filters": "lastUsed le 2026-01-01T00:00:00.000Z"}), 200, token=token).json()
        check(f"{version}: lastUsed le", all(t["lastUsed"] and t["lastUsed"] <= "2026-01-01" for t in old))
        call("unsupported filter", "GET", v + "/personal-access-tokens?" +
             urllib.parse.urlencode({"filters": "name eq x"}), 400, token=token)

        body = {"name": f"Conformance {version}", "scope": ["sp:scopes:all"], "accessTokenValiditySeconds": 3600}
        if version == "v2025":
            body["expirationDate"] = in_six_months
        created = call("create a token", "POST", v + "/personal-access-tokens", 200, token=token, body=body).json()
        check(f"{version}: the secret comes once", len(created.get("secret", "")) >= 32)
        check(f"{version}: later lists have no secret",
              all("secret" not in t for t in request("GET", v + "/personal-access-tokens", token=token).json()))
        call("duplicate name", "POST", v + "/personal-access-tokens", 400, token=token, body=body)
        call("no name", "POST", v + "/personal-access-tokens", 400, token=token, body={"scope": None})
        call("validity out of range", "POST", v + "/personal-access-tokens", 400, token=token,
             body={"name": "x" + version, "accessTokenValiditySeconds": 5})

        patch = [{"op": "replace", "path": "/name", "value": f"Renamed {version}"},
                 {"op": "replace", "path": "/scope", "value": ["idn:identity:read"]}]
        patched = call("rename and re-scope", "PATCH", v + "/personal-access-tokens/" + created["id"], 200,
                       token=token, body=patch, content_type="application/json-patch+json").json()
        check(f"{version}: patch applied", patched["name"] == f"Renamed {version}" and
              patched["scope"] == ["idn:identity:read"], patched)
        call("unknown patch path", "PATCH", v + "/personal-access-tokens/" + created["id"], 400, token=token,
             body=[{"op": "replace", "path": "/owner", "value": "x"}], content_type="application/json-patch+json")
        call("patch unknown token", "PATCH", v + "/personal-access-tokens/nope", 404, token=token,
             body=patch, content_type="application/json-patch+json")
        call("revoke", "DELETE", v + "/personal-access-tokens/" + created["id"], 204, token=token)
        call("revoke again", "DELETE", v + "/personal-access-tokens/" + created["id"], 404, token=token)

        # Password management
        info_body = {"userName": info["LATCHKEY_SANDBOX_USER"], "sourceName": info["LATCHKEY_SANDBOX_SOURCE"]}
        password_info = call("password info", "POST", v + "/query-password-info", 200, token=token,
                             body=info_body).json()
        check(f"{version}: policies in words",
              any(p.startswith("passwordMinLength is ") for p in password_info["policies"]), password_info["policies"])
        call("password info of an unknown source", "POST", v + "/query-password-info", 400, token=token,
             body={"userName": "Abby.Smith", "sourceName": "Nowhere"})
        states = {}
        for label, password in (("good", "Correct-Horse-9battery"), ("bad", "short")):
            change = {
                "identityId": password_info["identityId"],
                "encryptedPassword": encrypt(password, password_info["publicKey"]),
                "publicKeyId": password_info["publicKeyId"],
                "accountId": password_info["accounts"][0]["accountId"],
                "sourceId": password_info["sourceId"],
            }
            accepted = call(f"set a {label} password", "POST", v + "/set-password", 202, token=token,
                            body=change).json()
            check(f"{version}: starts IN_PROGRESS", accepted["state"] == "IN_PROGRESS", accepted)
            states[label] = accepted["requestId"]
        time.sleep(0.4)
        good = call("status of the good one", "GET", v + "/password-change-status/" + states["good"], 200,
                    token=token).json()
        bad = call("status of the bad one", "GET", v + "/password-change-status/" + states["bad"], 200,
                   token=token).json()
        check(f"{version}: a good password FINISHED", good["state"] == "FINISHED" and not good["errors"], good)
        check(f"{version}: a bad password FAILED with errors", bad["state"] == "FAILED" and bad["errors"], bad)
        call("status of nothing", "GET", v + "/password-change-status/nope", 404, token=token)
        call("garbage ciphertext", "POST", v + "/set-password", 400, token=token,
             body=dict(change, encryptedPassword="bm90IGEgY2lwaGVydGV4dA=="))

        # Password policies
        if version == "v2025":
            call("policies without the experimental header", "GET", v + "/password-policies", 400, token=token)
        page = call("policies page", "GET", v + "/password-policies?limit=2&offset=1&count=true", 200,
                    token=token, headers=experimental)
        check(f"{version}: limit and offset", len(page.json()) == 2)
        check(f"{version}: X-Total-Count", page.headers.get("X-Total-Count") == "6", dict(page.headers))
        call("limit over 250", "GET", v + "/password-policies?limit=251", 400, token=token, headers=experimental)
        policies = request("GET", v + "/password-policies", token=token, headers=experimental).json()
        default = next(p for p in policies if p["defaultPolicy"])
        call("one policy", "GET", v + "/password-policies/" + default["id"], 200, token=token, headers=experimental)
        call("no such policy", "GET", v + "/password-policies/nope", 404, token=token, headers=experimental)
        new_policy = {"name": f"Conformance {version}", "minLength": 10, "maxLength": 20, "minNumeric": 1,
                      "sourceIds": []}
        made = call("create a policy", "POST", v + "/password-policies", 200, token=token, body=new_policy,
                    headers=experimental).json()
        made["description"] = "changed"
        call("update a policy", "PUT", v + "/password-policies/" + made["id"], 200, token=token, body=made,
             headers=experimental)
        call("min over max", "PUT", v + "/password-policies/" + made["id"], 400, token=token,
             body=dict(made, minLength=30), headers=experimental)
        call("delete the default policy", "DELETE", v + "/password-policies/" + default["id"], 400, token=token,
             headers=experimental)
        call("delete a policy", "DELETE", v + "/password-policies/" + made["id"], 204, token=token,
             headers=experimental)

        # Password sync groups
        groups = call("sync groups page", "GET", v + "/password-sync-groups?limit=250&count=true", 200,
                      token=token).json()
        call("one sync group", "GET", v + "/password-sync-groups/" + groups[0]["id"], 200, token=token)
        call("no such sync group", "GET", v + "/password-sync-groups/nope", 404, token=token)
        taken = {s for g in groups for s in g["sourceIds"]}
        free = [s for p in policies for s in p["sourceIds"] if s not in taken]
        group = call("create a sync group", "POST", v + "/password-sync-groups", 200, token=token,
                     body={"name": f"Conformance {version}", "passwordPolicyId": default["id"],
                           "sourceIds": free[:2]}).json()
        call("one source is not enough", "POST", v + "/password-sync-groups", 400, token=token,
             body={"name": "Lonely", "passwordPolicyId": default["id"], "sourceIds": free[2:3]})
        group["name"] = f"Renamed {version}"
        call("update a sync group", "PUT", v + "/password-sync-groups/" + group["id"], 200, token=token, body=group)
        call("delete a sync group", "DELETE", v + "/password-sync-groups/" + group["id"], 204, token=token)

    # Sources and identities: the seeded world, read only.
    for version in ("v3", "beta", "v2025"):
        v = "/" + version
        sources = call("list sources", "GET", v + "/sources?count=true", 200, token=token)
        listed = sources.json()
        check(f"{version}: the sources are listed, X-Total-Count says how many",
              len(listed) >= 8 and sources.headers.get("X-Total-Count") == str(len(listed)), len(listed))
        by_name = {s["name"]: s for s in listed}
        check(f"{version}: the password source is a source", info["LATCHKEY_SANDBOX_SOURCE"] in by_name, list(by_name))
        experimental = {"X-SailPoint-Experimental": "true"} if version == "v2025" else {}
        policy_ids = {p["id"]: p for p in request("GET", v + "/password-policies", token=token,
                                                  headers=experimental).json()}
        check(f"{version}: a source's passwordPolicies are the policies that name it",
              all(all(p["id"] in policy_ids and s["id"] in policy_ids[p["id"]]["sourceIds"]
                      for p in s["passwordPolicies"]) and s["passwordPolicies"] for s in listed),
              [s["name"] for s in listed if not s["passwordPolicies"]])
        groups = request("GET", v + "/password-sync-groups", token=token).json()
        check(f"{version}: the sync groups' sources are listed sources",
              all(sid in {s["id"] for s in listed} for g in groups for sid in g["sourceIds"]))
        first = listed[0]
        call("get a source", "GET", f"{v}/sources/{first['id']}", 200, token=token)
        call("an unknown source", "GET", f"{v}/sources/0000", 404, token=token)
        prefix = call("sources by name prefix", "GET", v + "/sources?filters=" +
                      urllib.parse.quote('name sw "act"'), 200, token=token).json()
        check(f"{version}: name sw is a case-blind prefix", [s["name"] for s in prefix] == ["Active Directory"],
              [s["name"] for s in prefix])
        either = call("sources by type or name", "GET", v + "/sources?filters=" +
                      urllib.parse.quote('type eq "Workday" or name co "hub"'), 200, token=token).json()
        check(f"{version}: or, eq and co", sorted(s["name"] for s in either) == ["GitHub", "Workday"],
              [s["name"] for s in either])
        ordered = call("sources sorted by name, descending", "GET", v + "/sources?sorters=-name", 200,
                       token=token).json()
        check(f"{version}: sorters=-name", [s["name"] for s in ordered] ==
              sorted((s["name"] for s in listed), key=str.casefold, reverse=True), [s["name"] for s in ordered][:3])
        paged = call("a page of sources", "GET", v + "/sources?limit=3&offset=2", 200, token=token).json()
        check(f"{version}: limit and offset page the sources", [s["id"] for s in paged] ==
              [s["id"] for s in listed[2:5]])
        bad = call("an unknown filter field", "GET", v + "/sources?filters=" + urllib.parse.quote('color eq "red"'),
                   400, token=token)
        check(f"{version}: the 400 names the field", b"color" in bad.body, bad.body)
        call("an operator the field does not take", "GET", v + "/sources?filters=" +
             urllib.parse.quote('description co "x"'), 400, token=token)
        call("an unknown sorter", "GET", v + "/sources?sorters=color", 400, token=token)

        if version != "beta":
            people = call("list public identities", "GET", v + "/public-identities?count=true", 200,
                          token=token).json()
            check(f"{version}: the identities are listed", len(people) >= 50, len(people))
            owners = {t["owner"]["id"] for t in request("GET", v + "/personal-access-tokens", token=token).json()}
            check(f"{version}: the identities that own tokens are listed identities",
                  owners <= {p["id"] for p in people}, owners - {p["id"] for p in people})
            found = call("public identities by first name", "GET", v + "/public-identities?sorters=name&filters=" +
                         urllib.parse.quote('firstname sw "abby" and lastname eq "smith"'), 200, token=token).json()
            check(f"{version}: firstname sw and lastname eq", [p["alias"] for p in found] == ["Abby.Smith"],
                  [p["alias"] for p in found])
            by_email = call("public identities by email", "GET", v + "/public-identities?filters=" +
                            urllib.parse.quote('email sw "abby.smith@"'), 200, token=token).json()
            check(f"{version}: email sw", [p["name"] for p in by_email] == ["Abby Smith"])
            call("public identities have no name filter", "GET", v + "/public-identities?filters=" +
                 urllib.parse.quote('name sw "Abby"'), 400, token=token)
        else:
            absent = request("GET", v + "/public-identities", token=token)
            check("beta has no public identities: 404", absent.status == 404, absent.status)

        if version != "v3":
            people = call("list identities", "GET", v + "/identities?sorters=name", 200, token=token).json()
            check(f"{version}: identities sorted by name", [p["name"] for p in people] ==
                  sorted((p["name"] for p in people), key=str.casefold))
            named = call("identities by name", "GET", v + "/identities?filters=" +
                         urllib.parse.quote('name sw "Abby S"'), 200, token=token).json()
            check(f"{version}: name sw on identities", [p["alias"] for p in named] == ["Abby.Smith"])
            call("get an identity", "GET", f"{v}/identities/{named[0]['id']}", 200, token=token)
            call("an unknown identity", "GET", f"{v}/identities/0000", 404, token=token)
        else:
            absent = request("GET", v + "/identities", token=token)
            check("v3 has no identities: 404", absent.status == 404, absent.status)

    # Rights: a PAT that may only read its owner's tokens.
    limited = request("POST", "/v3/personal-access-tokens", token=token,
                      body={"name": "Read my tokens", "scope": ["sp:my-personal-access-tokens:read"]}).json()
    limited_token = get_token(limited["id"], limited["secret"])
    call("own tokens with a narrow PAT", "GET", "/v3/personal-access-tokens?owner-id=me", 200, token=limited_token)
    forbidden = call("every token with a narrow PAT", "GET", "/v3/personal-access-tokens", 403, token=limited_token)
    check("403 names the missing right", b"all-personal-access-tokens:read" in forbidden.body, forbidden.body)
    call("policies with a narrow PAT", "GET", "/v3/password-policies", 403, token=limited_token)
    no_sources = call("sources with a narrow PAT", "GET", "/v3/sources", 403, token=limited_token)
    check("403 names idn:sources:read", b"idn:sources:read" in no_sources.body, no_sources.body)
    no_people = call("identities with a narrow PAT", "GET", "/beta/identities", 403, token=limited_token)
    check("403 names idn:identity:read", b"idn:identity:read" in no_people.body, no_people.body)
    call("public identities with a narrow PAT", "GET", "/v3/public-identities", 403, token=limited_token)
finally:
    stop(sandbox)

# Expiry and the rate limit, each on a sandbox of its own.
sandbox = lktest.Sandbox(SANDBOX, "--token-ttl", "1", "--rate-limit", "3", "--tokens", "0")
info = sandbox.info
try:
    BASE = info["LATCHKEY_SANDBOX_URL"]
    token = get_token(info["LATCHKEY_SANDBOX_CLIENT_ID"], info["LATCHKEY_SANDBOX_CLIENT_SECRET"])
    for i in range(3):
        call("within the rate limit", "GET", "/v3/password-sync-groups", 200, token=token)
    limited = call("past the rate limit", "GET", "/v3/password-sync-groups", 429, token=token)
    retry_after = limited.headers.get("Retry-After", "")
    check("429 says when to retry", retry_after.isdigit() and 1 <= int(retry_after) <= 10, retry_after)
    other_version = call("the limit is per API version", "GET", "/beta/password-sync-groups", 200, token=token)
    time.sleep(1.2)
    expired = call("an expired bearer token", "GET", "/v2025/password-sync-groups", 401, token=token)
    check("401 says the JWT expired", b"expired" in expired.body, expired.body)
finally:
    stop(sandbox)

results.report()
