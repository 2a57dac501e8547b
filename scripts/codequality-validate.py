#!/usr/bin/env python3
"""codequality-validate.py SCHEMA REPORT - check a GitLab Code Quality report
against SCHEMA (tests/data/codequality.schema.json) and that its
fingerprints are unique (GitLab shows one issue per fingerprint).

The subset of JSON Schema the schema uses (type, required, properties,
enum, items, minimum, minLength) is checked here with python3 alone; when
the jsonschema module is installed (Debian: python3-jsonschema) the report
is validated with it too.  Prints one line per error; exit 1 on any."""
import json
import sys

TYPES = {
    "array": list, "object": dict, "string": str, "integer": int, "number": (int, float),
    "boolean": bool,
}


def check(value, schema, where, errors):
    t = schema.get("type")
    if t:
        ok = isinstance(value, TYPES[t]) and not (t in ("integer", "number")
                                                   and isinstance(value, bool))
        if not ok:
            errors.append(f"{where}: not {t}: {value!r}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not one of {schema['enum']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{where}: shorter than {schema['minLength']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    for key in schema.get("required", []):
        if key not in value:
            errors.append(f"{where}: no '{key}'")
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            check(value[key], sub, f"{where}.{key}", errors)
    if "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], f"{where}[{i}]", errors)


def main():
    schema = json.load(open(sys.argv[1]))
    try:
        report = json.load(open(sys.argv[2]))
    except ValueError as e:
        print(f"not JSON: {e}")
        return 1
    errors = []
    check(report, schema, "$", errors)
    try:
        import jsonschema
    except ImportError:
        jsonschema = None
    if jsonschema:
        for e in jsonschema.Draft7Validator(schema).iter_errors(report):
            errors.append(f"jsonschema: {'/'.join(map(str, e.path))}: {e.message}")
    if not errors and isinstance(report, list):
        seen = {}
        for i, issue in enumerate(report):
            fp = issue["fingerprint"]
            if fp in seen:
                errors.append(f"$[{i}]: fingerprint {fp} repeats $[{seen[fp]}]")
            seen.setdefault(fp, i)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
