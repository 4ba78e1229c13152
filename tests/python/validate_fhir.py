"""Validates FHIR Bulk Data NDJSON files against FHIR R4 (4.0.1) with fhir.resources.

Usage: validate_fhir.py <dir>. Every `<Type>.ndjson` in <dir> must hold one JSON resource of
that type per line, each valid R4. Prints each problem; exits 1 if there is any, else prints
how many resources of each type were valid.
"""
import json
import pathlib
import sys

import fhir.resources
from fhir.resources import construct_fhir_element

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__

problems = []
counts = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.ndjson")):
    kind = path.stem
    for n, line in enumerate(path.read_text().splitlines(), 1):
        try:
            obj = json.loads(line)
            if obj.get("resourceType") != kind:
                raise ValueError(f"resourceType {obj.get('resourceType')!r} in {kind}.ndjson")
            construct_fhir_element(kind, obj)
            counts[kind] = counts.get(kind, 0) + 1
        except Exception as e:  # report every invalid resource, not just the first
            problems.append(f"{path.name}:{n}: {e}")
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(json.dumps(counts, sort_keys=True))
