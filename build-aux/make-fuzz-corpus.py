#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the vendored spec's examples:
each schema's properties filled in with their `example` values, then a few
variations (a field missing, one of the wrong type, an empty object).

usage: build-aux/make-fuzz-corpus.py   (from the source tree; rewrites tests/fuzz/corpus)
"""
import json
import os
import shutil

import yaml

SPEC = "tests/spec/isc-subset.yaml"
OUT = "tests/fuzz/corpus"

with open(SPEC) as f:
    schemas = yaml.safe_load(f)["components"]["schemas"]


def example(schema, depth=0):
    if "$ref" in schema:
        return example(schemas[schema["$ref"].split("/")[-1]], depth + 1)
    if "example" in schema:
        return schema["example"]
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            merged = {}
            for part in schema[key]:
                value = example(part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
    kind = schema.get("type", "object")
    if kind == "object" and depth < 6:
        return {name: example(prop, depth + 1) for name, prop in schema.get("properties", {}).items()}
    if kind == "array" and depth < 6:
        return [example(schema.get("items", {}), depth + 1)]
    return {"string": "text", "integer": 1, "number": 1.5, "boolean": True}.get(kind, None)


def variations(obj):
    """The example, and the same with each field in turn missing or of another type."""
    yield obj
    if isinstance(obj, dict):
        for name in list(obj)[:12]:
            yield {k: v for k, v in obj.items() if k != name}
            yield dict(obj, **{name: [] if not isinstance(obj[name], list) else "text"})
        yield {}


# What a hostile tenant sends: nothing but white space, nesting at and past
# the depth Latchkey parses (lk-limits.h), an object buried in arrays.
HOSTILE = [b"   \n\t ", b"[" * 64 + b"]" * 64, b"[" * 65 + b"]" * 65, b"{\"a\":" * 100 + b"1" + b"}" * 100,
           b"[" * 10000, b'"\\\\\\"[[[["']


def write(target, items, prefix=b""):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if target != "constraints":
        items = list(items) + HOSTILE
    for number, item in enumerate(items, 1):
        data = item if isinstance(item, bytes) else json.dumps(item, ensure_ascii=False, indent=1).encode()
        with open(os.path.join(folder, f"seed-{number:02}"), "wb") as f:
            f.write(prefix + data)


shutil.rmtree(OUT, ignore_errors=True)
token = example(schemas["GetPersonalAccessTokenResponse"])
write("token", variations(token))
write("token-list", [[token, token], [token], [], [token, {}], [dict(token, name="=cmd|' /c calc'!A0")]])
write("password-policy", variations(example(schemas["PasswordPolicyV3Dto"])))
write("sync-group", variations(example(schemas["PasswordSyncGroup"])))
write("password-info", variations(example(schemas["PasswordInfo"])))
write("password-status", variations(example(schemas["PasswordStatus"])))
error = json.dumps(example(schemas["ErrorResponseDto"])).encode()
write("error-response", [bytes([0]) + error, bytes([29]) + error, bytes([100]) + error, b"\x00", b"\x00<html/>"])
constraints = example(schemas["PasswordInfo"]).get("policies", []) + [
    "passwordMinLength is 8", "passwordMaxLength is 64", "passwordMinNumeric is 1", "passwordRepeatedChar is 3",
    "passwordValidateAgainstAccountName is true", "passwordDictionary is true", "somethingNew is 12"]
write("constraints", [("\n".join(constraints) + "\nXy9!kk#Pq2zz").encode(), b"passwordMinLength is 99\n",
                      b"\n\n", ("\n".join(constraints) + "\nAbby.Smith1").encode()])
