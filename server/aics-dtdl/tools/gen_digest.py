#!/usr/bin/env python3
"""Turns the official DTDL parser's metamodel digest (dtdl_digest.json of
digitaltwinconsortium/DTDLParser, MIT) into Rust tables: src/metamodel/digest.rs
and src/metamodel/v{2,3,4}.rs. It is the only source of DTDL rules.

Usage: python3 tools/gen_digest.py [DIGEST_JSON]
(default: $AICS_LINT_DATA/dtdlparser/dtdl_digest.json, else
../../../shared/data/dtdlparser/dtdl_digest.json relative to this script).
The output is committed; building never needs the input. Every string in the
output is an identifier, term, number or pattern name from the digest: no
prose (descriptions, message formats) is carried over.

What it generates (see src/metamodel/mod.rs for how it is merged):
- v2.rs, v3.rs, v4.rs, per DTDL version: GLOBAL (identifier syntax and
  length, reserved prefixes, undefined extensions, keywords, partition size,
  apocrypha), CLASSES (every material class with its own properties, their
  counts, datatypes, classes, values, patterns, lengths, ranges, uniqueness,
  and its descendant controls; then the language's supplemental classes),
  INSTANCES (`double`, `asynchronous`), SEMANTIC_TYPES (v2's standard
  semantic types and units) and TERMS (the language context);
digest.rs:
- CONTEXTS: every context of the digest (language, extension, affiliate,
  limits) with the DTDL versions a model may use it in;
- CLASSES: every supplemental class an extension, affiliate or limits context
  defines (adjunct types, semantic types and units of extensions), with the
  classes it may co-type, its properties and its property constraints;
- INSTANCES, SEMANTIC_TYPES: the unit enums, units and semantic types of
  extension contexts, each with the context that defines it;
- LIMITS: the values a limits context changes;
- ELEMENTAL: the classes a model may not define elements of (Boolean);
- COTYPES: every supplemental type with the classes it may co-type;
- TERMS: every term of every non-language context;
- DTMI_SEGMENT_PROPERTIES, DICTIONARY_KEY_PROPERTIES: the properties whose
  values are named (and identified, without an @id) by their `name`;
- VALIDATION_IDS: the names of the official validation ids (the keys of
  ParsingErrorMessages.json beside the digest, the digest's per-class
  message formats, the ids its test cases expect; names only, no text).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "metamodel", "digest.rs")

# Pattern strings (the digest's `pattern`s) → the matcher that implements each (src/validate/pattern.rs).
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

XSD = "http://www.w3.org/2001/XMLSchema#"


def default_digest():
    data = os.environ.get("AICS_LINT_DATA") or os.path.join(HERE, "..", "..", "..", "..", "shared", "data")
    return os.path.join(data, "dtdlparser", "dtdl_digest.json")


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def str_list(items):
    return "&[" + ", ".join(rust_str(i) for i in items) + "]"


def opt(v, conv=str):
    return "None" if v is None else f"Some({conv(v)})"


def pattern(p):
    if p is None:
        return "None"
    if p not in PATTERNS:
        raise SystemExit(f"no matcher for pattern {p}")
    return f"Some(Pattern::{PATTERNS[p]})"


def language_version(iri):
    """dtmi:dtdl:context;3 -> 3, else None."""
    if iri.startswith("dtmi:dtdl:context;"):
        return int(iri.rsplit(";", 1)[1])
    return None


def class_version(iri, types, depth=0):
    """The DTDL version a supplemental class belongs to: that of the language class it derives from."""
    if depth > 16:
        return None
    if iri.startswith("dtmi:dtdl:class:") and ";" in iri:
        return int(iri.rsplit(";", 1)[1])
    parent = types.get(iri, {}).get("parent")
    return class_version(parent, types, depth + 1) if parent else None



# --- The language's own tables (src/metamodel/v{2,3,4}.rs) ---------------------

def dtdl_class(name, version):
    return f"dtmi:dtdl:class:{name};{version}"


def dtdl_property(name, version):
    return f"dtmi:dtdl:property:{name};{version}"


def core_classes(digest, version):
    """The material classes of DTDL `version` with their own properties and
    descendant controls, then the language's supplemental classes (semantic
    types, adjunct types, Alias)."""
    v = str(version)
    material = digest["materialClasses"]
    classes = []
    for name in sorted(material):
        info = material[name]
        if version not in info["dtdlVersions"]:
            continue
        props = []
        for pname in sorted(info.get("properties", {})):
            prop = info["properties"][pname]
            pv, base = prop.get(v), prop["_"]
            if not pv or base.get("inherited"):
                continue
            allowed = pv.get("allowed", True)
            datatype = base.get("datatype")
            if base.get("literal"):
                node_kind = "Literal"
            elif pv.get("idRequired"):
                node_kind = "IRI"
            else:
                node_kind = "BlankNodeOrIRI"
            props.append(dict(
                path=dtdl_property(pname, version),
                # A property no model may write (languageMajorVersion): none allowed.
                min=pv.get("minCount", 0) if allowed else 0,
                max=pv.get("maxCount") if allowed else 0,
                datatype=("rdf:langString" if datatype == "langString" else f"xsd:{datatype}") if datatype else None,
                node_kind=node_kind,
                classes=[dtdl_class(pv["class"], x) for x in pv.get("versions", [])] if pv.get("class") else [],
                values=pv.get("valueUris", []),
                pattern=pv.get("pattern"),
                max_len=(pv.get("maxLength") or {}).get(""),
                min_incl=pv.get("minInclusive"),
                max_incl=pv.get("maxInclusive"),
                unique_lang=datatype == "langString",
                unique=[dtdl_property(u, version) for u in pv.get("uniqueProperties", [])],
                inferable=not pv.get("typeRequired", True),
                value=pv.get("value"),
                deprecated=pv.get("deprecated", False),
            ))
        descendants = []
        for dc in digest["descendantControls"]:
            # Each control once, on the class that defines it (the others are
            # its entailed variants for subclasses).
            if dc["dtdlVersion"] != version or dc["definingClass"] != name or dc["rootClass"] != name:
                continue
            descendants.append(dict(
                properties=[dtdl_property(x, version) for x in dc["properties"]],
                narrow=dc.get("narrow", False),
                imports=[dtdl_property(x, version) for x in dc.get("importProperties", [])],
                max_depth=(dc.get("maxDepth") or {}).get(""),
                max_count=(dc.get("maxCount") or {}).get(""),
                exclude=dtdl_class(dc["excludeType"], version) if dc.get("excludeType") else None,
                allow_self=dc.get("allowSelf", False),
                datatype_property=dtdl_property(dc["datatypeProperty"], version) if dc.get("datatypeProperty") else None,
            ))
        classes.append(dict(
            iri=dtdl_class(name, version),
            version=version,
            parents=[dtdl_class(info["parentClass"], version)] if info.get("parentClass") else [],
            # Abstract in this version: not among its own concrete subclasses.
            abstract=name not in info["concreteSubclasses"][v],
            material=True,
            extensible=name in digest["extensibleMaterialClasses"][v],
            partition=info.get("partition", False),
            applies_to=[], requires=[], excludes=[],
            props=props,
            id_max_len=digest["identifierDefinition"].get(name, {}).get(v, {}).get("maxLength", {}).get(""),
            descendants=descendants,
        ))
    for iri, st in sorted(digest["supplementalTypes"].items()):
        if st.get("extensionContext") != f"dtmi:dtdl:context;{version}" or not iri.startswith("dtmi:dtdl:class:"):
            continue
        props = []
        for piri, p in sorted(st["properties"].items()):
            target = p.get("type")
            literal = bool(target) and target.startswith("xsd:")
            props.append(dict(
                path=piri, min=p.get("minCount", 0), max=p.get("maxCount"),
                datatype=target if literal else None,
                node_kind="Literal" if literal else ("IRI" if p.get("idRequired") else "BlankNodeOrIRI"),
                classes=[target] if target and not literal else [], values=[], pattern=None, max_len=None,
                min_incl=None, max_incl=None, unique_lang=False, unique=[],
                inferable=not p.get("typeRequired", True), value=None, deprecated=p.get("deprecated", False),
            ))
        applies = [dtdl_class(c, x) for x in sorted(st["cotypeVersions"], reverse=True) for c in st["cotypes"]
                   if c in material and x in material[c]["dtdlVersions"]]
        classes.append(dict(
            iri=iri, version=version, parents=[], abstract=st["abstract"], material=False,
            extensible=st["abstract"], partition=False, applies_to=applies, requires=[], excludes=[],
            props=props, id_max_len=None, descendants=[],
        ))
    return classes


def core_instances(digest, version):
    """The language's predefined elements (`double`, `asynchronous`, IoT
    Central's `vector`): (IRI, class IRIs, enum value)."""
    out = []
    for e in digest["elements"]:
        ctx = e["@context"] if isinstance(e["@context"], str) else e["@context"][0]
        if ctx != f"dtmi:dtdl:context;{version}":
            continue
        if not (e["@id"].startswith("dtmi:dtdl:instance:") or e["@id"].startswith("dtmi:iotcentral:schema:")):
            continue
        types = e["@type"] if isinstance(e["@type"], list) else [e["@type"]]
        out.append((e["@id"], [dtdl_class(t, version) for t in types], e.get("enumValue")))
    return out


def core_semantic_types(digest, version):
    """DTDL v2's own semantic types (`dtmi:standard:class:Temperature;2`) and
    their units; v3 and v4 have them only through the quantitativeTypes
    extension (digest.rs)."""
    ctx = f"dtmi:dtdl:context;{version}"
    terms = digest["contexts"][ctx]
    units = digest["units"].get(ctx, {})
    out = []
    for name, unit_type in sorted(digest["quantitativeTypes"].get(ctx, {}).items()):
        iri = terms.get(name)
        if not isinstance(iri, str) or not iri.startswith("dtmi:standard:class:"):
            continue
        out.append((iri, unit_type, [terms[u] for u in units.get(unit_type, []) if isinstance(terms.get(u), str)]))
    return out


def emit_core(digest, version):
    v = str(version)
    out = []
    w = out.append
    w(f"//! DTDL v{version} metamodel tables. GENERATED by tools/gen_digest.py from the official")
    w("//! parser's metamodel digest (dtdl_digest.json of digitaltwinconsortium/DTDLParser, MIT); do not edit.")
    w("")
    w("#![cfg_attr(rustfmt, rustfmt_skip)]")
    w("use super::*;")
    w("")
    ident = digest["identifierDefinition"][v]
    apo = digest["apocrypha"][v]
    labels = lambda kind, verdict: sorted(k[: -len(kind)] for k, x in apo.items() if k.endswith(kind) and x == verdict)
    max_bytes = (digest["partitions"][v].get("maxBytes") or {}).get("")
    w("pub static GLOBAL: Global = Global {")
    w(f"    version: {version},")
    w(f"    id_pattern: Pattern::{PATTERNS[ident['pattern']]},")
    w(f"    id_max_len: {ident['maxLength']['']},")
    w(f"    reserved_prefixes: {str_list(digest['reservedIdPrefixes'][f'dtmi:dtdl:context;{version}'])},")
    w(f"    allow_undefined_extensions: {str(version in digest['dtdlVersionsAllowingUndefinedExtensionsByDefault']).lower()},")
    w(f"    restrict_keywords: {str(version in digest['dtdlVersionsRestrictingKeywords']).lower()},")
    w(f"    max_partition_bytes: {opt(max_bytes)},")
    # Apocrypha (undefined terms, irrelevant DTMIs, ...) as co-types and
    # properties: valid always, invalid never, tenable with a co-type.
    w(f"    cotype_always: {str_list(labels('AsCotype', 'valid'))},")
    w(f"    cotype_never: {str_list(labels('AsCotype', 'invalid'))},")
    w(f"    property_always: {str_list(labels('AsProperty', 'valid'))},")
    w(f"    property_never: {str_list(labels('AsProperty', 'invalid'))},")
    w(f"    property_needs_cotype: {str(version in digest['dtdlVersionsWithApocryphalPropertyCotypeDependency']).lower()},")
    w("};")
    w("")
    w("pub static CLASSES: &[Class] = &[")
    for c in core_classes(digest, version):
        w("    Class {")
        w(f"        iri: {rust_str(c['iri'])},")
        w(f"        version: {c['version']},")
        w("        extension: None,")
        w(f"        parents: {str_list(c['parents'])},")
        w(f"        is_abstract: {str(c['abstract']).lower()}, material: {str(c['material']).lower()}, extensible: {str(c['extensible']).lower()}, partition: {str(c['partition']).lower()},")
        w(f"        applies_to: {str_list(c['applies_to'])},")
        w(f"        requires: {str_list(c['requires'])},")
        w(f"        excludes: {str_list(c['excludes'])},")
        w(f"        id_max_len: {opt(c['id_max_len'])},")
        w("        props: &[")
        for p in c["props"]:
            w("            Prop {")
            w(f"                path: {rust_str(p['path'])}, min: {p['min']}, max: {opt(p['max'])},")
            w(f"                datatype: {opt(p['datatype'], rust_str)}, node_kind: Some(NodeKind::{p['node_kind']}),")
            w(f"                classes: {str_list(p['classes'])}, values: {str_list(p['values'])},")
            w(f"                pattern: {pattern(p['pattern'])}, max_len: {opt(p['max_len'])}, min_incl: {opt(p['min_incl'])}, max_incl: {opt(p['max_incl'])},")
            w(f"                unique_lang: {str(p['unique_lang']).lower()}, unique: {str_list(p['unique'])}, inferable: {str(p['inferable']).lower()}, value: {opt(p['value'])}, deprecated: {str(p['deprecated']).lower()},")
            w("            },")
        w("        ],")
        w("        descendants: &[")
        for dsc in c["descendants"]:
            w(f"            Descendants {{ properties: {str_list(dsc['properties'])}, narrow: {str(dsc['narrow']).lower()}, imports: {str_list(dsc['imports'])}, max_depth: {opt(dsc['max_depth'])}, max_count: {opt(dsc['max_count'])}, exclude: {opt(dsc['exclude'], rust_str)}, allow_self: {str(dsc['allow_self']).lower()}, datatype_property: {opt(dsc['datatype_property'], rust_str)} }},")
        w("        ],")
        w("    },")
    w("];")
    w("")
    w("/// Instances: (IRI, class IRIs, enum value).")
    w("pub static INSTANCES: &[Instance] = &[")
    for iri, types, ev in core_instances(digest, version):
        w(f"    Instance {{ iri: {rust_str(iri)}, classes: {str_list(types)}, enum_value: {opt(ev, rust_str)} }},")
    w("];")
    w("")
    w("/// Semantic types with the units they take.")
    w("pub static SEMANTIC_TYPES: &[SemanticType] = &[")
    for iri, unit_type, units in core_semantic_types(digest, version):
        w(f"    SemanticType {{ iri: {rust_str(iri)}, unit_type: {rust_str(unit_type)}, units: {str_list(units)} }},")
    w("];")
    w("")
    # A term is a language map when the property it names holds localized strings.
    lang_props = {name for c in digest["materialClasses"].values() for name, p in c.get("properties", {}).items() if p["_"].get("datatype") == "langString"}
    ctx = f"dtmi:dtdl:context;{version}"
    w("/// Context terms: (context DTMI, term, IRI, is a language map).")
    w("pub static TERMS: &[Term] = &[")
    for term, iri in sorted(digest["contexts"][ctx].items()):
        if isinstance(iri, str):
            w(f"    Term {{ context: {rust_str(ctx)}, term: {rust_str(term)}, iri: {rust_str(iri)}, language_map: {str(term in lang_props).lower()} }},")
    w("];")
    w("")
    return "\n".join(out)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else default_digest()
    with open(path, encoding="utf-8-sig") as f:
        digest = json.load(f)
    types = digest["supplementalTypes"]
    limits = digest["limitContexts"]
    affiliates = digest.get("affiliateContextsImplicitDtdlVersions", {})

    # Which DTDL versions each context may be used with: the language
    # contexts their own; limits contexts their declared version; an
    # affiliate context its declared version; an extension context the
    # versions all of its types may co-type (quantitativeTypes;1: v3 only,
    # though its unit adjunct could also co-type v2 units).
    contexts = []
    for iri in digest["contexts"]:
        lv = language_version(iri)
        if lv is not None:
            contexts.append((iri, "Language", [lv]))
        elif iri in limits:
            contexts.append((iri, "Limits", [limits[iri]["dtdlVersion"]]))
        else:
            versions = None
            for t in types.values():
                if t.get("extensionContext") == iri:
                    own = set(t.get("cotypeVersions", []))
                    versions = own if versions is None else versions & own
            versions = versions or set()
            if iri in affiliates:
                versions = {affiliates[iri]}
            kind = "Affiliate" if iri in digest["reservedIdPrefixes"] else "Extension"
            contexts.append((iri, kind, sorted(versions)))

    # The values a limits context changes: string lengths and counts of
    # material classes' properties, depths and counts of descendant controls.
    changed = []
    for cls, c in sorted(digest["materialClasses"].items()):
        for prop, p in sorted(c["properties"].items()):
            for version, pv in p.items():
                if version == "_" or not isinstance(pv, dict):
                    continue
                for what in ("maxLength", "maxCount"):
                    values = pv.get(what)
                    if not isinstance(values, dict):
                        continue
                    for spec, value in sorted(values.items()):
                        if spec and value != values.get(""):
                            changed.append((spec, what, cls, prop, value))
    for dc in digest["descendantControls"]:
        for what in ("maxDepth", "maxCount"):
            values = dc.get(what)
            if not isinstance(values, dict):
                continue
            for spec, value in sorted(values.items()):
                if spec and value != values.get(""):
                    changed.append((spec, what, dc["rootClass"], dc["properties"][0], value))

    out = []
    w = out.append
    w("//! Context, extension and limits tables. GENERATED by tools/gen_digest.py from the")
    w("//! official DTDL parser's metamodel digest (digitaltwinconsortium/DTDLParser,")
    w("//! `dtdl/dtdl_digest.json`, MIT); do not edit.")
    w("")
    w("#![cfg_attr(rustfmt, rustfmt_skip)]")
    w("use super::*;")
    w("")
    w("pub static CONTEXTS: &[ContextInfo] = &[")
    for iri, kind, versions in contexts:
        spec = limits.get(iri, {}).get("spec")
        w(f"    ContextInfo {{ iri: {rust_str(iri)}, kind: ContextKind::{kind}, versions: &[{', '.join(str(v) for v in versions)}], limits: {opt(spec, rust_str)} }},")
    w("];")
    w("")
    w("pub static LIMITS: &[Limit] = &[")
    for spec, what, cls, prop, value in sorted(set(changed)):
        w(f"    Limit {{ limits: {rust_str(spec)}, what: {rust_str(what)}, class: {rust_str(cls)}, property: {rust_str(prop)}, value: {value} }},")
    w("];")
    w("")

    w("pub static CLASSES: &[Class] = &[")
    for iri in sorted(types):
        t = types[iri]
        ctx = t.get("extensionContext")
        if ctx is None or language_version(ctx) is not None:
            continue  # the language's own classes come from the metamodel tables
        version = class_version(iri, types) or max(t.get("cotypeVersions") or [4])
        applies = sorted(f"dtmi:dtdl:class:{c};{v}" for c in t.get("cotypes", []) for v in t.get("cotypeVersions", []))
        parents = [t["parent"]] if t.get("parent") else []
        w("    Class {")
        w(f"        iri: {rust_str(iri)},")
        w(f"        version: {version},")
        w(f"        extension: Some({rust_str(ctx)}),")
        w(f"        parents: {str_list(parents)},")
        w(f"        is_abstract: {'true' if t.get('abstract') else 'false'}, material: false, extensible: false, partition: false,")
        w(f"        applies_to: {str_list(applies)},")
        w("        requires: &[],")
        w("        excludes: &[],")
        w("        id_max_len: None,")
        w("        props: &[")
        for piri in sorted(t["properties"]):
            p = t["properties"][piri]
            ty = p.get("type")
            datatype, classes, node_kind = None, [], None
            if ty and ty.startswith(XSD):
                datatype = "xsd:" + ty[len(XSD):]
                node_kind = "Literal"
            elif ty:
                classes = [ty]
                node_kind = "BlankNodeOrIRI"
            else:
                node_kind = "IRI"
            min_count = p.get("minCount", 0) if not p.get("optional", True) else 0
            max_len = p.get("maxLength")
            if isinstance(max_len, dict):
                max_len = max_len.get("")
            w("            Prop {")
            w(f"                path: {rust_str(piri)}, min: {min_count}, max: {opt(p.get('maxCount'))},")
            w(f"                datatype: {opt(datatype, rust_str)}, node_kind: Some(NodeKind::{node_kind}),")
            w(f"                classes: {str_list(classes)}, values: &[],")
            w(f"                pattern: {pattern(p.get('pattern'))}, max_len: {opt(max_len)}, min_incl: {opt(p.get('minInclusive'))}, max_incl: None,")
            w("                unique_lang: false, unique: &[], inferable: false, value: None, deprecated: false,")
            w("            },")
        # Constraints on a co-typed element's own properties (`schema` must be an Object).
        for con in t.get("constraints", []):
            if con.get("inverse") or "property" not in con or "siblingKey" in con:
                continue
            req_types = con.get("requiredTypes", [])
            req_values = con.get("requiredValues", [])
            if not req_types and not req_values:
                continue
            # A value that must carry an extension's co-type (a Result's
            # fields: NormalResult or ErrorResult) is not a class the
            # engine can check a value against: left to the official parser.
            if any(not t.startswith("dtmi:dtdl:class:") for t in req_types):
                continue
            # One per DTDL version the type may co-type (mqtt;4's Transparent
            # narrows a v3 CommandRequest's schema as well as a v4 one's).
            for v in sorted(set(t.get("cotypeVersions") or [version])):
                prop = f"dtmi:dtdl:property:{con['property']};{v}"
                w("            Prop {")
                w(f"                path: {rust_str(prop)}, min: 0, max: None,")
                w("                datatype: None, node_kind: None,")
                w(f"                classes: {str_list(req_types)}, values: {str_list(req_values)},")
                w("                pattern: None, max_len: None, min_incl: None, max_incl: None,")
                w("                unique_lang: false, unique: &[], inferable: false, value: None, deprecated: false,")
                w("            },")
        w("        ],")
        w("        descendants: &[")
        w("        ],")
        w("    },")
    w("];")
    w("")

    # Instances (unit enums and their units) and semantic types of the
    # extension contexts: what a `unit` value may be.
    def expand(ctxs, term):
        for c in reversed(ctxs):
            target = digest["contexts"].get(c, {}).get(term)
            if isinstance(target, str):
                return target
        return term
    instances, semantic = [], []
    for e in digest["elements"]:
        ctxs = e["@context"] if isinstance(e["@context"], list) else [e["@context"]]
        ext = [c for c in ctxs if language_version(c) is None]
        lv = next((language_version(c) for c in ctxs if language_version(c) is not None), None)
        if not ext or e.get("@type") != "Enum":
            continue
        instances.append((e["@id"], [f"dtmi:dtdl:class:Enum;{lv}"], None, ext[0]))
        for v in e.get("enumValues", []):
            vtypes = v["@type"] if isinstance(v["@type"], list) else [v["@type"]]
            classes = [f"dtmi:dtdl:class:{t};{lv}" if t == "EnumValue" else expand(ctxs, t) for t in vtypes]
            instances.append((v["@id"], classes, v.get("enumValue"), ext[0]))
    enums = {e["@id"]: e for e in digest["elements"] if e.get("@type") == "Enum"}
    for iri in sorted(types):
        t = types[iri]
        if t.get("extensionKind") != "SemanticType":
            continue
        for p in t["properties"].values():
            enum = enums.get(p.get("childOf") or "")
            if p.get("propertyName") == "unit" and enum is not None:
                semantic.append((iri, enum["@id"].rsplit(":", 1)[1], [v["@id"] for v in enum.get("enumValues", [])], t["extensionContext"]))

    w("pub static INSTANCES: &[(&str, Instance)] = &[")
    for iri, classes, value, ctx in instances:
        w(f"    ({rust_str(ctx)}, Instance {{ iri: {rust_str(iri)}, classes: {str_list(classes)}, enum_value: {opt(value, rust_str)} }}),")
    w("];")
    w("")
    w("pub static SEMANTIC_TYPES: &[(&str, SemanticType)] = &[")
    for iri, unit_type, units, ctx in semantic:
        w(f"    ({rust_str(ctx)}, SemanticType {{ iri: {rust_str(iri)}, unit_type: {rust_str(unit_type)}, units: {str_list(units)} }}),")
    w("];")
    w("")

    # Classes whose only elements are the language's own (boolean, the
    # command types): a model may use them, never define one.
    w("pub static ELEMENTAL: &[(u8, &str)] = &[")
    for name, c in sorted(digest["materialClasses"].items()):
        for version, subs in sorted(c.get("elementalSubclasses", {}).items()):
            if name in subs:
                w(f"    ({version}, {rust_str(name)}),")
    w("];")
    w("")
    # Every supplemental type (semantic types, units, adjunct types of the
    # language and of every extension) with the classes it may co-type, and
    # whether it is abstract.
    w("pub static COTYPES: &[CotypeRule] = &[")
    for iri in sorted(types):
        t = types[iri]
        applies = sorted(f"dtmi:dtdl:class:{c};{v}" for c in t.get("cotypes", []) for v in t.get("cotypeVersions", []))
        # A unit class (v2 LengthUnit) co-types nothing: it is a material class of its own.
        material = t.get("extensionKind") == "Unit" and not t.get("cotypes")
        w(f"    CotypeRule {{ iri: {rust_str(iri)}, is_abstract: {'true' if t.get('abstract') else 'false'}, material: {'true' if material else 'false'}, applies_to: {str_list(applies)}, "
          f"requires: {str_list(t.get('cocotypes', []))}, excludes: {str_list(t.get('discotypes', []))}, also_with: {str_list(t.get('altcotypes', []))} }},")
    w("];")
    w("")
    # What a co-type asks of the elements around the one it is on: the
    # values of one of its properties must carry certain co-types, or (inverse)
    # the element must be a value of such a property of an element that does,
    # with no other sibling of one co-type and some sibling of another.
    w("pub static SUPPLEMENTAL_CONSTRAINTS: &[SupplementalConstraint] = &[")
    for iri in sorted(types):
        for con in types[iri].get("constraints", []):
            # requiredValues: the values must be these instances (an IoT
            # Central Location's schema is a geospatial one).
            req = con.get("requiredTypes", []) or con.get("requiredValues", [])
            if "property" not in con or not req or all(r.startswith("dtmi:dtdl:class:") for r in req) and not con.get("inverse"):
                continue
            w(f"    SupplementalConstraint {{ cotype: {rust_str(iri)}, property: {rust_str(con['property'])}, inverse: {'true' if con.get('inverse') else 'false'}, "
              f"required: {str_list(req)}, none_other: {opt(con.get('noneOtherType'), rust_str)}, some_other: {opt(con.get('someOtherType'), rust_str)} }},")
    w("];")
    w("")

    # What a co-type asks of the sibling its key names (a ValueAnnotation's
    # `annotates` names a Property or Telemetry of the same Interface; an
    # Override's `overrides` names a supplemental property of it).
    def prop_short(iri):
        return iri.rsplit(":", 1)[1] if iri else None
    w("pub static SIBLING_RULES: &[SiblingRule] = &[")
    for iri in sorted(types):
        parent_of = next((prop_short(c["siblingParentOf"]) for c in types[iri].get("constraints", []) if "siblingParentOf" in c), None)
        parent_prop = next((c["property"] for c in types[iri].get("constraints", []) if "siblingParentOf" in c), None)
        for sib in types[iri].get("siblings", []):
            w(f"    SiblingRule {{ cotype: {rust_str(iri)}, key: {rust_str(sib['key'])}, keyref: {rust_str(prop_short(sib['keyref']))}, "
              f"required: {str_list(sib.get('requiredTypes', []))}, disallowed: {opt(sib.get('disallowedType'), rust_str)}, "
              f"supplemental_property: {opt(prop_short(sib.get('supplementalProperty')), rust_str)}, unique_reference: {'true' if sib.get('uniqueReference') else 'false'}, "
              f"parent_property: {opt(parent_prop if sib.get('supplementalProperty') else None, rust_str)} }},")
    w("];")
    w("")

    # Properties of supplemental types whose values must be unique among the
    # co-typed siblings (mqtt's index) or conform to the element's own schema
    # (iotoperations' minimum, maximum, scaleFactor).
    w("pub static SUPPLEMENTAL_PROPERTIES: &[(&str, &str, bool, Option<&str>)] = &[")
    for iri in sorted(types):
        for piri, p in sorted(types[iri]["properties"].items()):
            if p.get("uniqueValue") or p.get("instanceProperty"):
                w(f"    ({rust_str(iri)}, {rust_str(p['propertyName'])}, {'true' if p.get('uniqueValue') else 'false'}, {opt(p.get('instanceProperty'), rust_str)}),")
    w("];")
    w("")

    # The identifier prefixes each context reserves for its own elements.
    w("pub static RESERVED_PREFIXES: &[(&str, &str)] = &[")
    for ctx, prefixes in sorted(digest["reservedIdPrefixes"].items()):
        for prefix in prefixes:
            w(f"    ({rust_str(ctx)}, {rust_str(prefix)}),")
    w("];")
    w("")

    # Properties whose values without an @id take their identifier from one
    # of their own properties (dtmiSegment: a content's `name`), and those
    # whose values are keyed by one (dictionaryKey).
    w("/// (class, property, the values' property that names them) for every")
    w("/// material class property with a `dtmiSegment` / `dictionaryKey`.")
    for field, const in (("dtmiSegment", "DTMI_SEGMENT_PROPERTIES"), ("dictionaryKey", "DICTIONARY_KEY_PROPERTIES")):
        w(f"pub static {const}: &[(&str, &str, &str)] = &[")
        for cls in sorted(digest["materialClasses"]):
            for prop, info in sorted(digest["materialClasses"][cls].get("properties", {}).items()):
                seg = info.get("_", {}).get(field)
                if seg:
                    w(f"    ({rust_str(cls)}, {rust_str(prop)}, {rust_str(seg)}),")
        w("];")
    w("")

    # The official validation ids (dtmi:dtdl:parsingError:<id>): the names
    # only, from the error texts beside the digest.
    # Three official sources name them: the error texts' keys, the digest's
    # per-class message formats (`badTypeCauseFormat`: `badType`), and the
    # ids the parser's own test cases expect (ids raised by the parser's
    # hand-written code, such as `invalidContext`).
    base = os.path.dirname(path)
    with open(os.path.join(base, "ParsingErrorMessages.json"), encoding="utf-8-sig") as f:
        ids = set(json.load(f))

    def format_keys(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.endswith("CauseFormat") and not k.endswith("LocatedCauseFormat"):
                    ids.add(k[: -len("CauseFormat")])
                format_keys(v)
        elif isinstance(node, list):
            for v in node:
                format_keys(v)

    format_keys(digest)
    cases = os.path.join(base, "test-cases")
    for kind in sorted(os.listdir(cases)) if os.path.isdir(cases) else []:
        folder = os.path.join(cases, kind)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith(".json"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8-sig") as f:
                case = json.load(f)
            expect = case.get("expect") if isinstance(case, dict) else None
            for e in (expect.get("parsingErrors") or []) if isinstance(expect, dict) else []:
                ids.add(e["ValidationID"].rsplit(":", 1)[-1])
    ids = sorted(ids)
    w("/// Every validation id of the official parser (`dtmi:dtdl:parsingError:<id>`).")
    w("pub static VALIDATION_IDS: &[&str] = &[")
    for vid in ids:
        w(f"    {rust_str(vid)},")
    w("];")
    w("")

    w("pub static TERMS: &[Term] = &[")
    for iri, kind, _ in contexts:
        if kind == "Language":
            continue
        for term in sorted(digest["contexts"][iri]):
            target = digest["contexts"][iri][term]
            if isinstance(target, dict):
                target = target.get("@id") or target.get("id")
            if not isinstance(target, str):
                continue
            w(f"    Term {{ context: {rust_str(iri)}, term: {rust_str(term)}, iri: {rust_str(target)}, language_map: false }},")
    w("];")
    w("")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(OUT)}: {len(contexts)} contexts")
    for version in digest["dtdlVersions"]:
        path_v = os.path.join(os.path.dirname(OUT), f"v{version}.rs")
        with open(path_v, "w", encoding="utf-8") as f:
            f.write(emit_core(digest, version))
        print(f"wrote {os.path.relpath(path_v)}: {len(core_classes(digest, version))} classes")


if __name__ == "__main__":
    main()
