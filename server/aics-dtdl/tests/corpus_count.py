#!/usr/bin/env python3
"""Independent count of declared telemetry over the pnp-models corpus.

Written separately from the Rust code (plain `json` module, repository-path
lookup) so the corpus test's expected numbers can be checked against a second
implementation. Usage: corpus_count.py [DATA_DIR]  (default ../shared/data)
"""
import json
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data")
REPO = os.path.join(DATA, "pnp-models")

_files = {}


def load(path):
    if path not in _files:
        try:
            with open(path, encoding="utf-8-sig") as f:
                _files[path] = json.load(f)
        except FileNotFoundError:
            _files[path] = None
    return _files[path]


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def types(o):
    return [t.split(":")[-1].split(";")[0] if t.startswith("dtmi:dtdl:") else t
            for t in as_list(o.get("@type")) if isinstance(t, str)]


def find_by_id(o, dtmi):
    stack = [o]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if x.get("@id") == dtmi and "Interface" in types(x):
                return x
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return None


def resolve(ref):
    """ref: a DTMI string or an inline Interface object."""
    if isinstance(ref, dict):
        return ref
    rel = ref.lower().replace(":", "/").replace(";", "-") + ".json"
    doc = load(os.path.join(REPO, rel))
    return None if doc is None else find_by_id(doc, ref)


def closure(iface):
    out, seen, stack = [], set(), [iface]
    while stack:
        i = stack.pop()
        if i is None or id(i) in seen:
            continue
        seen.add(id(i))
        out.append(i)
        stack.extend(reversed([resolve(r) for r in as_list(i.get("extends"))]))
    return out


def telemetry(root):
    items = set()
    comps = []
    for i in closure(root):
        for c in as_list(i.get("contents")):
            t = types(c)
            if "Telemetry" in t:
                items.add(("", c["name"]))
            elif "Component" in t:
                comps.append((c["name"], as_list(c["schema"])[0]))
    for name, ref in comps:
        for i in closure(resolve(ref)):
            for c in as_list(i.get("contents")):
                if "Telemetry" in types(c):
                    items.add((name, c["name"]))
    return items


def main():
    some = none = via_comp = all_comp = 0
    largest = (0, "")
    for d, _, fs in os.walk(os.path.join(REPO, "dtmi")):
        for f in fs:
            doc = load(os.path.join(d, f))
            root = doc[0] if isinstance(doc, list) else doc
            items = telemetry(root)
            if items:
                some += 1
            else:
                none += 1
            comp = [i for i in items if i[0]]
            if comp:
                via_comp += 1
                if len(comp) == len(items):
                    all_comp += 1
            if len(items) > largest[0]:
                largest = (len(items), root["@id"])
    print(f"with telemetry {some}, without {none}, through a component {via_comp}, "
          f"only through components {all_comp}, largest {largest[0]} {largest[1]}")


if __name__ == "__main__":
    main()
