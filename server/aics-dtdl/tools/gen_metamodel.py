#!/usr/bin/env python3
"""Turns the DTDL metamodel (RDF-SHACL JSON, element JSON and JSON-LD contexts
of the official DTDL repository) into Rust tables: src/metamodel/v{2,3,4}.rs,
the language's own classes, instances, semantic types (v2 standard ones),
terms and global restrictions. Extensions, affiliates and limits come from
the official parser's digest instead (tools/gen_digest.py).

Usage: python3 tools/gen_metamodel.py [DTDL_SPEC_DIR]
(default: $AICS_LINT_DATA/dtdl-spec, else ../../../shared/data/dtdl-spec
relative to this script). The output is committed; building never needs the
input. Every string in the output is an identifier, term, number or pattern
name from the metamodel: no prose is carried over.
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "metamodel")

# sh:pattern strings → the matcher that implements each (src/validate/pattern.rs).
PATTERNS = {
    "^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*;[1-9][0-9]{0,8}$": "DtmiV2",
    "^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?)?$": "DtmiV3",
    "^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$": "Name",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "Date",
    "^[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:Z|(?:\\+|\\-)[0-9]{2}:[0-9]{2})$": "Time",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:Z|(?:\\+|\\-)[0-9]{2}:[0-9]{2})$": "DateTime",
    "^P(?!$)(?:(?:(?:(?:\\d+Y)|(?:\\d+\\.\\d+Y$))?(?:(?:\\d+M)|(?:\\d+\\.\\d+M$))?)|(?:(?:(?:\\d+W)|(?:\\d+\\.\\d+W$))?))(?:(?:\\d+D)|(?:\\d+\\.\\d+D$))?(?:T(?!$)(?:(?:\\d+H)|(?:\\d+\\.\\d+H$))?(?:(?:\\d+M)|(?:\\d+\\.\\d+M$))?(?:\\d+(?:\\.\\d+)?S)?)?$": "Duration",
    "^[0-9]+$": "Digits",
    "^(?:\\+|-)?(?:[1-9][0-9]*|0)(?:\\.[0-9]*)?$": "Decimal",
    "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$": "Base64",
    "^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$": "Uuid",
    "^[!$-*,-.0-z|~]+$": "MqttTopicLevel",
    "^(?:(?:[!%-*,-.0-z|~][!$-*,-.0-z|~]*)|(?:{(?:[A-Za-z]+:)?[A-Za-z]+}))(?:\\/(?:(?:[!$-*,-.0-z|~]+)|(?:{(?:[A-Za-z]+:)?[A-Za-z]+})))*$": "MqttTopic",
}


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


class Contexts:
    """Term → IRI maps of the contexts a metamodel file is written in."""

    def __init__(self, spec, version):
        self.by_dtmi = {}
        v = f"v{version}"
        for path in sorted(glob.glob(os.path.join(spec, v, "context", "*.json"))):
            name = os.path.basename(path)
            terms = {}
            for term, val in load(path).items():
                if term.startswith("@") or ":" in term:
                    continue
                if isinstance(val, dict) and "@id" in val:
                    terms[term] = val
            self.by_dtmi[context_dtmi(name, version)] = terms

    def resolver(self, contexts):
        terms = {}
        for c in as_list(contexts):
            terms.update(self.by_dtmi.get(c, {}))
        return lambda t: terms[t]["@id"] if isinstance(t, str) and t in terms else t


def context_dtmi(file_name, version):
    # DTDL.v3.context.json, DTDL.FeatureExtension.mqtt.v1.context.json, DTDL.v2.iotcentral.context.json
    parts = file_name.split(".")
    if parts[1] == f"v{version}" and parts[2] == "context":
        return f"dtmi:dtdl:context;{version}"
    if parts[1] == "FeatureExtension":
        return f"dtmi:dtdl:extension:{parts[2]};{parts[3][1:]}"
    if parts[2] == "iotcentral":
        return "dtmi:iotcentral:context;2"
    raise SystemExit(f"unknown context file {file_name}")


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def opt(v, conv=str):
    return "None" if v is None else f"Some({conv(v)})"


def str_list(items):
    return "&[" + ", ".join(rust_str(i) for i in items) + "]"


def pattern(p):
    if p is None:
        return "None"
    if p not in PATTERNS:
        raise SystemExit(f"no matcher for pattern {p}")
    return f"Some(Pattern::{PATTERNS[p]})"


def gen_version(spec, version):
    ctx = Contexts(spec, version)
    v = f"v{version}"
    classes, instances, extensions, patches = [], [], [], []
    glob_restr = None
    for path in sorted(glob.glob(os.path.join(spec, v, "metamodel", "*RDF-SHACL.json"))):
        name = os.path.basename(path)
        doc = load(path)
        res = ctx.resolver(doc["@context"])
        contexts = as_list(doc["@context"])
        ext = None
        if "FeatureExtension" in name or "LimitExtension" in name or "PartnerExtension" in name:
            ext = contexts[-1] if len(contexts) > 1 else None
            if "PartnerExtension" in name:
                ext = "dtmi:iotcentral:context;2"
            extensions.append(ext)
        for node in doc["@graph"]:
            types = as_list(node.get("@type"))
            if "dtmm:Global" in types:
                if ext is None:
                    glob_restr = node
                else:
                    patches.append((ext, "global", node))
                continue
            if "rdfs:Class" not in types:
                if ext is not None and node.get("@id", "").startswith("dtmi:dtdl:class:"):
                    patches.append((ext, res(node["@id"]), node))
                continue
            classes.append(gen_class(node, res, ext, version))
    for path in sorted(glob.glob(os.path.join(spec, v, "metamodel", "*Elements.json"))):
        for el in as_list(load(path)):
            res = ctx.resolver(el["@context"])
            collect_instances(el, res, instances, 0)
    # Every term of every context, with the IRI it stands for.
    terms = []
    for dtmi, tm in sorted(ctx.by_dtmi.items()):
        for term, val in sorted(tm.items()):
            terms.append((dtmi, term, val["@id"], val.get("@container") == "@language"))
    return classes, instances, extensions, glob_restr, terms, patches


def collect_instances(el, res, out, depth):
    if not isinstance(el, dict) or depth > 4:
        return
    if "@id" in el:
        out.append((el["@id"], [res(t) for t in as_list(el.get("@type"))], el.get("enumValue")))
    for k, v in el.items():
        if k in ("enumValues",):
            for item in as_list(v):
                collect_instances(item, res, out, depth + 1)


def quantitative_types(spec, version):
    """(semantic type IRI, unit type name, [unit IRIs]) from the quantitativeTypes
    extension of v3 (for v2, whose metamodel names semantic types and units
    only as context terms, by the same names) or of the version itself."""
    qt_version = {2: (3, 1), 3: (3, 1), 4: (4, 2)}[version]
    v, n = qt_version
    shacl = load(os.path.join(spec, f"v{v}", "metamodel", f"DTDL.FeatureExtension.quantitativeTypes.v{n}.RDF-SHACL.json"))
    elements = load(os.path.join(spec, f"v{v}", "metamodel", f"DTDL.FeatureExtension.quantitativeTypes.v{n}.Elements.json"))
    enums = {}
    for e in elements:
        enums[e["@id"].rsplit(":", 1)[-1]] = [ev["@id"] for ev in as_list(e.get("enumValues"))]
    out = []
    v2_terms = {}
    if version == 2:
        v2_terms = {k: val["@id"] for k, val in load(os.path.join(spec, "v2", "context", "DTDL.v2.context.json")).items() if isinstance(val, dict) and "@id" in val}
    for node in shacl["@graph"]:
        unit_type = None
        for p in as_list(node.get("sh:property")):
            if p.get("sh:path") == "unit" and "dtmm:childOf" in p:
                unit_type = p["dtmm:childOf"]
        if unit_type is None or unit_type not in enums:
            continue
        name = node["@id"].rsplit(":", 1)[-1]
        units = enums[unit_type]
        if version == 2:
            iri = v2_terms.get(name)
            if iri is None or not iri.startswith("dtmi:standard:class:"):
                continue
            units = [v2_terms[u.rsplit(":", 1)[-1]] for u in units if u.rsplit(":", 1)[-1] in v2_terms]
        else:
            iri = node["@id"]
        out.append((iri, unit_type, units))
    return out


def gen_class(node, res, ext, version):
    types = as_list(node["@type"])
    props = []
    for p in as_list(node.get("sh:property")):
        if not isinstance(p.get("sh:path"), str):
            continue  # inverse paths (constraints on the parent) are not tabled
        classes = [res(c["sh:class"]) for c in as_list(p.get("sh:or")) if "sh:class" in c]
        if "sh:class" in p:
            classes.append(res(p["sh:class"]))
        props.append(dict(
            path=res(p["sh:path"]),
            min=p.get("sh:minCount", 0),
            max=p.get("sh:maxCount"),
            datatype=p.get("sh:datatype"),
            node_kind=p.get("sh:nodeKind"),
            classes=classes,
            values=[res(i) for i in as_list(p.get("sh:in"))],
            pattern=p.get("sh:pattern"),
            max_len=p.get("sh:maxLength"),
            min_incl=p.get("sh:minInclusive"),
            max_incl=p.get("sh:maxInclusive"),
            unique_lang=p.get("sh:uniqueLang", False),
            unique=[res(u) for u in as_list(p.get("dtmm:uniqueProperties"))],
            inferable=p.get("dtmm:typeInferable", False),
            value=p.get("dtmm:value"),
            deprecated=p.get("dtmm:deprecated", False),
        ))
    inst = node.get("dtmm:instance") or {}
    descendants = []
    for d in as_list(node.get("dtmm:descendants")):
        descendants.append(dict(
            properties=[res(x) for x in as_list(d.get("dtmm:properties"))],
            narrow=d.get("dtmm:narrow", False),
            imports=[res(x) for x in as_list(d.get("dtmm:importProperties"))],
            max_depth=d.get("dtmm:maxDepth"),
            max_count=d.get("dtmm:maxCount"),
            exclude=res(d["dtmm:excludeType"]) if "dtmm:excludeType" in d else None,
            allow_self=d.get("dtmm:allowSelf", False),
            datatype_property=res(d["dtmm:datatypeProperty"]) if "dtmm:datatypeProperty" in d else None,
        ))
    ident = node.get("dtmm:identifier") or {}
    return dict(
        iri=res(node["@id"]),
        version=node.get("dtmm:dtdlVersion", version),
        parents=[res(c) for c in as_list(node.get("rdfs:subClassOf"))],
        abstract="dtmm:Abstract" in types,
        material="dtmm:Material" in types,
        extensible="dtmm:Extensible" in types,
        partition="dtmm:Partition" in types,
        applies_to=[res(c["sh:class"]) for c in as_list(node.get("sh:or")) if "sh:class" in c],
        requires=[res(c["sh:class"]) for c in as_list(node.get("sh:and")) if "sh:class" in c],
        excludes=[res(c["sh:class"]) for c in as_list(node.get("sh:not")) if "sh:class" in c],
        props=props,
        id_max_len=ident.get("sh:maxLength"),
        json_type=inst.get("dtmm:jsonType"),
        inst_datatype=inst.get("sh:datatype"),
        inst_pattern=inst.get("sh:pattern"),
        descendants=descendants,
        extension=ext,
    )


def emit(version, classes, instances, extensions, g, terms, patches, semantic):
    out = []
    w = out.append
    w(f"//! DTDL v{version} metamodel tables. GENERATED by tools/gen_metamodel.py from the")
    w("//! DTDL repository's metamodel and context files (MIT, `LICENSE-CODE` there); do not edit.")
    w("")
    w("#![cfg_attr(rustfmt, rustfmt_skip)]")
    w("use super::*;")
    w("")
    ident = g.get("dtmm:identifier", {})
    part = g.get("dtmm:partition", {})
    w("pub static GLOBAL: Global = Global {")
    w(f"    version: {version},")
    w(f"    id_pattern: {pattern(ident.get('sh:pattern')).replace('Some(', '').rstrip(')')},")
    w(f"    id_max_len: {ident.get('sh:maxLength')},")
    w(f"    reserved_prefixes: {str_list(as_list(ident.get('dtmm:reservedPrefix')))},")
    w(f"    allow_undefined_extensions: {str(g.get('dtmm:allowUndefinedExtensionsByDefault', False)).lower()},")
    w(f"    restrict_keywords: {str(g.get('dtmm:restrictKeywords', False)).lower()},")
    w(f"    max_partition_bytes: {opt(part.get('dtmm:maxBytes'))},")
    apo = g.get("dtmm:apocrypha", {})
    always = apo.get("dtmm:alwaysAllow", {})
    never = apo.get("dtmm:neverAllow", {})
    strip = lambda xs: [x.replace("dtmm:", "") for x in as_list(xs)]
    w(f"    cotype_always: {str_list(strip(always.get('dtmm:asCotype')))},")
    w(f"    cotype_never: {str_list(strip(never.get('dtmm:asCotype')))},")
    w(f"    property_always: {str_list(strip(always.get('dtmm:asProperty')))},")
    w(f"    property_never: {str_list(strip(never.get('dtmm:asProperty')))},")
    w(f"    property_needs_cotype: {str(apo.get('dtmm:propertyNeedsCotype', False)).lower()},")
    w("};")
    w("")
    # Everything about extension, affiliate and limits contexts (which ones a
    # version may use, their classes, terms, units) comes from the official
    # parser's digest (tools/gen_digest.py): only the language's own is kept here.
    w("pub static CLASSES: &[Class] = &[")
    for c in classes:
        if c["extension"]:
            continue
        w("    Class {")
        w(f"        iri: {rust_str(c['iri'])},")
        w(f"        version: {c['version']},")
        w(f"        extension: {opt(c['extension'], rust_str)},")
        w(f"        parents: {str_list(c['parents'])},")
        w(f"        is_abstract: {str(c['abstract']).lower()}, material: {str(c['material']).lower()}, extensible: {str(c['extensible']).lower()}, partition: {str(c['partition']).lower()},")
        w(f"        applies_to: {str_list(c['applies_to'])},")
        w(f"        requires: {str_list(c['requires'])},")
        w(f"        excludes: {str_list(c['excludes'])},")
        w(f"        id_max_len: {opt(c['id_max_len'])},")
        w(f"        json_type: {opt(c['json_type'], lambda s: rust_str(s.replace('dtmm:', '')))},")
        w(f"        instance_datatype: {opt(c['inst_datatype'], rust_str)},")
        w(f"        instance_pattern: {pattern(c['inst_pattern'])},")
        w("        props: &[")
        for p in c["props"]:
            w("            Prop {")
            w(f"                path: {rust_str(p['path'])}, min: {p['min']}, max: {opt(p['max'])},")
            w(f"                datatype: {opt(p['datatype'], rust_str)}, node_kind: {opt(p['node_kind'], lambda s: 'NodeKind::' + s.replace('sh:', ''))},")
            w(f"                classes: {str_list(p['classes'])}, values: {str_list(p['values'])},")
            w(f"                pattern: {pattern(p['pattern'])}, max_len: {opt(p['max_len'])}, min_incl: {opt(p['min_incl'])}, max_incl: {opt(p['max_incl'])},")
            w(f"                unique_lang: {str(p['unique_lang']).lower()}, unique: {str_list(p['unique'])}, inferable: {str(p['inferable']).lower()}, value: {opt(p['value'])}, deprecated: {str(p['deprecated']).lower()},")
            w("            },")
        w("        ],")
        w("        descendants: &[")
        for d in c["descendants"]:
            w(f"            Descendants {{ properties: {str_list(d['properties'])}, narrow: {str(d['narrow']).lower()}, imports: {str_list(d['imports'])}, max_depth: {opt(d['max_depth'])}, max_count: {opt(d['max_count'])}, exclude: {opt(d['exclude'], rust_str)}, allow_self: {str(d['allow_self']).lower()}, datatype_property: {opt(d['datatype_property'], rust_str)} }},")
        w("        ],")
        w("    },")
    w("];")
    w("")
    w("/// Instances: (IRI, class IRIs, enum value).")
    w("pub static INSTANCES: &[Instance] = &[")
    for iri, types, ev in instances:
        if iri.startswith("dtmi:dtdl:extension:"):
            continue
        w(f"    Instance {{ iri: {rust_str(iri)}, classes: {str_list(types)}, enum_value: {opt(ev, rust_str)} }},")
    w("];")
    w("")
    w("/// Semantic types with the units they take.")
    w("pub static SEMANTIC_TYPES: &[SemanticType] = &[")
    for iri, unit_type, units in semantic:
        if iri.startswith("dtmi:dtdl:extension:"):
            continue
        w(f"    SemanticType {{ iri: {rust_str(iri)}, unit_type: {rust_str(unit_type)}, units: {str_list(units)} }},")
    w("];")
    w("")
    w("/// Context terms: (context DTMI, term, IRI, is a language map).")
    w("pub static TERMS: &[Term] = &[")
    for dtmi, term, iri, lang in terms:
        if not dtmi.startswith("dtmi:dtdl:context;"):
            continue
        w(f"    Term {{ context: {rust_str(dtmi)}, term: {rust_str(term)}, iri: {rust_str(iri)}, language_map: {str(lang).lower()} }},")
    w("];")
    w("")
    return "\n".join(out)


def main():
    spec = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ.get("AICS_LINT_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "data")), "dtdl-spec")
    os.makedirs(OUT, exist_ok=True)
    for version in (2, 3, 4):
        classes, instances, extensions, g, terms, patches = gen_version(spec, version)
        with open(os.path.join(OUT, f"v{version}.rs"), "w", encoding="utf-8") as f:
            semantic = quantitative_types(spec, version)
            f.write(emit(version, classes, instances, extensions, g, terms, patches, semantic))
        print(f"v{version}: {len(classes)} classes, {len(instances)} instances, {len(terms)} terms, "
              f"{len(semantic)} semantic types, patches {len(patches)}")


if __name__ == "__main__":
    main()
