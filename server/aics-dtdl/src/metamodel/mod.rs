//! The DTDL metamodel as Rust tables: classes with their properties and
//! constraints, instances (`double`, `asynchronous`, units), context terms and
//! the global restrictions, per language version. One source, the official
//! parser's metamodel digest, through one generator (`tools/gen_digest.py`):
//!
//! - `v2`/`v3`/`v4`: the language's own classes, instances, semantic types
//!   (v2), terms and global restrictions;
//! - `digest`: every context (language, extension, affiliate, limits) and the
//!   DTDL versions it may be used in, the classes and terms of the extension
//!   and affiliate contexts (`mqtt;4`, `requirement;2`,
//!   `dtmi:iotoperations:context;4`, ...), limits, co-type and sibling rules,
//!   and the official validation ids.
//!
//! This module only declares their shapes, merges them and looks things up.
//!
//! Everything is keyed by full IRIs (`dtmi:dtdl:class:Interface;2`); terms are
//! what a context maps to those IRIs.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

#[allow(clippy::all)]
mod digest;
#[allow(clippy::all)]
mod v2;
#[allow(clippy::all)]
mod v3;
#[allow(clippy::all)]
mod v4;

/// The matchers for the metamodel's `sh:pattern`s (implemented by hand in
/// `validate::pattern`, so no regex engine is needed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    DtmiV2,
    DtmiV3,
    Name,
    Date,
    Time,
    DateTime,
    Duration,
    Digits,
    Decimal,
    Base64,
    Uuid,
    MqttTopicLevel,
    MqttTopic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum NodeKind {
    Literal,
    IRI,
    BlankNodeOrIRI,
}

#[derive(Debug)]
pub struct Global {
    pub version: u8,
    pub id_pattern: Pattern,
    pub id_max_len: usize,
    pub reserved_prefixes: &'static [&'static str],
    pub allow_undefined_extensions: bool,
    pub restrict_keywords: bool,
    pub max_partition_bytes: Option<usize>,
    pub cotype_always: &'static [&'static str],
    pub cotype_never: &'static [&'static str],
    pub property_always: &'static [&'static str],
    pub property_never: &'static [&'static str],
    pub property_needs_cotype: bool,
}

#[derive(Debug)]
pub struct Prop {
    pub path: &'static str,
    pub min: usize,
    pub max: Option<usize>,
    pub datatype: Option<&'static str>,
    pub node_kind: Option<NodeKind>,
    pub classes: &'static [&'static str],
    pub values: &'static [&'static str],
    pub pattern: Option<Pattern>,
    pub max_len: Option<usize>,
    pub min_incl: Option<i64>,
    pub max_incl: Option<i64>,
    pub unique_lang: bool,
    pub unique: &'static [&'static str],
    pub inferable: bool,
    pub value: Option<i64>,
    pub deprecated: bool,
}

#[derive(Debug)]
pub struct Descendants {
    pub properties: &'static [&'static str],
    pub narrow: bool,
    pub imports: &'static [&'static str],
    pub max_depth: Option<usize>,
    pub max_count: Option<usize>,
    pub exclude: Option<&'static str>,
    pub allow_self: bool,
    pub datatype_property: Option<&'static str>,
}

#[derive(Debug)]
pub struct Class {
    pub iri: &'static str,
    pub version: u8,
    /// The extension context that defines it (`None`: the core language).
    pub extension: Option<&'static str>,
    pub parents: &'static [&'static str],
    pub is_abstract: bool,
    pub material: bool,
    pub extensible: bool,
    pub partition: bool,
    /// For co-types (adjunct and semantic types): the classes they may be applied to.
    pub applies_to: &'static [&'static str],
    pub requires: &'static [&'static str],
    pub excludes: &'static [&'static str],
    pub id_max_len: Option<usize>,
    pub props: &'static [Prop],
    pub descendants: &'static [Descendants],
}

#[derive(Debug)]
pub struct Instance {
    pub iri: &'static str,
    pub classes: &'static [&'static str],
    pub enum_value: Option<&'static str>,
}

/// A semantic type (v2 standard class, v3/v4 quantitativeTypes class) and its units.
#[derive(Debug)]
pub struct SemanticType {
    pub iri: &'static str,
    pub unit_type: &'static str,
    pub units: &'static [&'static str],
}

/// What a context is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextKind {
    /// `dtmi:dtdl:context;N`.
    Language,
    /// A language extension (`dtmi:dtdl:extension:mqtt;4`).
    Extension,
    /// A partner's context with its own reserved prefix (`dtmi:iotcentral:context;2`).
    Affiliate,
    /// A set of limits replacing the language's (`dtmi:dtdl:limits:onvif;1`).
    Limits,
}

/// One context the official parser knows and the DTDL versions it may be used in.
#[derive(Debug)]
pub struct ContextInfo {
    pub iri: &'static str,
    pub kind: ContextKind,
    pub versions: &'static [u8],
    /// For a limits context: the name of its limits (`onvif_1`).
    pub limits: Option<&'static str>,
}

/// A value a limits context (`dtmi:dtdl:limits:onvif;1`) sets differently
/// from the language's own limits.
#[derive(Debug)]
pub struct Limit {
    /// The limits' name (`onvif_1`).
    pub limits: &'static str,
    /// `maxLength` (a string property), `maxCount` or `maxDepth`.
    pub what: &'static str,
    /// The class (`Telemetry`), or the root class of a descendant control (`Array`).
    pub class: &'static str,
    /// The property (`description`), or the first property a descendant control follows (`elementSchema`).
    pub property: &'static str,
    pub value: usize,
}

/// The value `limits` sets for `what` of `class`'s `property`, if it changes it.
pub fn limit(limits: &str, what: &str, class: &str, property: &str) -> Option<usize> {
    digest::LIMITS.iter().find(|l| l.limits == limits && l.what == what && l.class == class && l.property == property).map(|l| l.value)
}

/// Whether the class named `name` (`Boolean`, `CommandType`) has only the
/// language's own elements in DTDL `version`: a model cannot define one.
pub fn is_elemental(version: u8, name: &str) -> bool {
    digest::ELEMENTAL.iter().any(|(v, n)| *v == version && *n == name)
}

/// What the digest says of a supplemental type (a semantic type, unit or
/// adjunct type of the language or an extension) as a co-type.
#[derive(Debug)]
pub struct CotypeRule {
    pub iri: &'static str,
    pub is_abstract: bool,
    /// A class of its own (a v2 unit class such as LengthUnit), never a co-type.
    pub material: bool,
    /// The classes it may co-type.
    pub applies_to: &'static [&'static str],
    /// Co-types that must come with it (Cacheable needs Idempotent).
    pub requires: &'static [&'static str],
    /// Co-types that may not come with it (Composite and Event).
    pub excludes: &'static [&'static str],
    /// Co-types beside which it applies whatever the class (Fragmented on a
    /// PropertyValue Field).
    pub also_with: &'static [&'static str],
}

/// A constraint a co-type sets on the elements around the one it is on.
#[derive(Debug)]
pub struct SupplementalConstraint {
    pub cotype: &'static str,
    /// The property (short name) whose values are concerned.
    pub property: &'static str,
    /// `false`: each value of `property` must carry one of `required`.
    /// `true`: the element must be a value of `property` of an element
    /// carrying one of `required`.
    pub inverse: bool,
    pub required: &'static [&'static str],
    /// Inverse only: no other value of that property may carry this co-type.
    pub none_other: Option<&'static str>,
    /// Inverse only: some other value of that property must carry this co-type.
    pub some_other: Option<&'static str>,
}

/// What a co-type asks of the sibling (an element of the same Interface's
/// contents, inherited ones included) that its `keyref` property names.
#[derive(Debug)]
pub struct SiblingRule {
    pub cotype: &'static str,
    /// The sibling's property that holds the name (`name`).
    pub key: &'static str,
    /// This element's property that names the sibling (`annotates`).
    pub keyref: &'static str,
    /// The sibling must be one of these classes.
    pub required: &'static [&'static str],
    /// The sibling may not carry this co-type.
    pub disallowed: Option<&'static str>,
    /// This element's property that names a supplemental property the sibling
    /// must have (`overrides`).
    pub supplemental_property: Option<&'static str>,
    /// No two elements may name the same sibling and property.
    pub unique_reference: bool,
    /// This element's property whose value must be the parent of the sibling's
    /// overridden value (`schema`: the unit enum of the overridden unit).
    pub parent_property: Option<&'static str>,
}

/// The identifier prefixes context `iri` reserves (`dtmi:iotcentral:` for
/// `dtmi:iotcentral:context;2`).
pub fn reserved_prefixes(iri: &str) -> impl Iterator<Item = &'static str> + '_ {
    digest::RESERVED_PREFIXES.iter().filter(move |(c, _)| *c == iri).map(|(_, p)| *p)
}

/// Properties of co-type `iri` whose values are unique among co-typed
/// siblings, or must conform to the element's own property named here:
/// (property, unique, instance-of property).
pub fn supplemental_properties(iri: &str) -> impl Iterator<Item = (&'static str, bool, Option<&'static str>)> + '_ {
    digest::SUPPLEMENTAL_PROPERTIES.iter().filter(move |(c, ..)| *c == iri).map(|(_, p, u, i)| (*p, *u, *i))
}

/// The sibling rules of co-type `iri`.
pub fn sibling_rules(iri: &str) -> impl Iterator<Item = &'static SiblingRule> + '_ {
    digest::SIBLING_RULES.iter().filter(move |r| r.cotype == iri)
}

/// The digest's rule for co-type `iri`, if it is a supplemental type.
pub fn cotype_rule(iri: &str) -> Option<&'static CotypeRule> {
    static BY_IRI: OnceLock<HashMap<&'static str, &'static CotypeRule>> = OnceLock::new();
    BY_IRI.get_or_init(|| digest::COTYPES.iter().map(|r| (r.iri, r)).collect()).get(iri).copied()
}

/// The constraints co-type `iri` sets on its surroundings.
pub fn supplemental_constraints(iri: &str) -> impl Iterator<Item = &'static SupplementalConstraint> + '_ {
    digest::SUPPLEMENTAL_CONSTRAINTS.iter().filter(move |c| c.cotype == iri)
}

/// Every context the official parser knows.
pub fn contexts() -> &'static [ContextInfo] {
    digest::CONTEXTS
}

/// (class, property, naming property): values of the property that have no
/// `@id` are identified by their naming property (a content's `name`).
pub fn dtmi_segment_properties() -> &'static [(&'static str, &'static str, &'static str)] {
    digest::DTMI_SEGMENT_PROPERTIES
}

/// (class, property, key property): values of the property are keyed by it.
pub fn dictionary_key_properties() -> &'static [(&'static str, &'static str, &'static str)] {
    digest::DICTIONARY_KEY_PROPERTIES
}

/// Every validation id of the official parser, sorted.
pub fn validation_ids() -> &'static [&'static str] {
    digest::VALIDATION_IDS
}

/// The context `iri`, if the official parser knows it.
pub fn context(iri: &str) -> Option<&'static ContextInfo> {
    digest::CONTEXTS.iter().find(|c| c.iri == iri)
}

#[derive(Debug)]
pub struct Term {
    pub context: &'static str,
    pub term: &'static str,
    pub iri: &'static str,
    pub language_map: bool,
}

/// One language version's tables plus lookups built on first use.
pub struct Metamodel {
    pub global: &'static Global,
    /// The extension, affiliate and limits contexts this version may use.
    pub extensions: Vec<&'static str>,
    classes: Vec<&'static Class>,
    instances: Vec<&'static Instance>,
    terms: Vec<&'static Term>,
    semantic: HashMap<&'static str, &'static SemanticType>,
    class_by_iri: HashMap<&'static str, &'static Class>,
    instance_by_iri: HashMap<&'static str, &'static Instance>,
    /// Per context (a handful, the language's own first), its terms: the context found by
    /// comparing it with those, then one hash of the term (a hash of both per look-up, for
    /// every key and value the validator reads, showed in profiles).
    term_by_context: Vec<(&'static str, HashMap<&'static str, &'static Term>)>,
    /// IRI → terms for it (any context).
    terms_by_iri: HashMap<&'static str, Vec<&'static Term>>,
}

impl Metamodel {
    /// One version's tables: the repository tables, plus from the digest the
    /// contexts this version may use and the extension classes and terms no
    /// repository table defines.
    fn build(
        global: &'static Global,
        classes: &'static [Class],
        instances: &'static [Instance],
        terms: &'static [Term],
        semantic: &'static [SemanticType],
    ) -> Self {
        let version = global.version;
        let extensions: Vec<&'static str> = digest::CONTEXTS
            .iter()
            .filter(|c| c.kind != ContextKind::Language && c.versions.contains(&version))
            .map(|c| c.iri)
            .collect();
        // Everything about extension, affiliate and limits contexts comes from
        // the digest: their classes, terms, unit enums, units and semantic
        // types. The repository tables give the language's own.
        let in_version = |ctx: &str| context(ctx).is_some_and(|c| c.versions.contains(&version));
        let mut all_classes: Vec<&'static Class> = classes.iter().collect();
        all_classes.extend(digest::CLASSES.iter().filter(|c| c.version == version));
        let mut all_terms: Vec<&'static Term> = terms.iter().collect();
        all_terms.extend(digest::TERMS.iter().filter(|t| in_version(t.context)));
        let mut all_instances: Vec<&'static Instance> = instances.iter().collect();
        all_instances.extend(digest::INSTANCES.iter().filter(|(c, _)| in_version(c)).map(|(_, i)| i));
        let mut all_semantic: Vec<&'static SemanticType> = semantic.iter().collect();
        all_semantic.extend(digest::SEMANTIC_TYPES.iter().filter(|(c, _)| in_version(c)).map(|(_, s)| s));
        let mut terms_by_iri: HashMap<&'static str, Vec<&'static Term>> = HashMap::new();
        let mut term_by_context: Vec<(&'static str, HashMap<&'static str, &'static Term>)> = Vec::new();
        for t in &all_terms {
            terms_by_iri.entry(t.iri).or_default().push(t);
            // (A later definition of the same term in the same context wins, as it did in
            // one map of both.)
            match term_by_context.iter_mut().find(|(c, _)| *c == t.context) {
                Some((_, terms)) => {
                    terms.insert(t.term, *t);
                }
                None => term_by_context.push((t.context, HashMap::from_iter([(t.term, *t)]))),
            }
        }
        Metamodel {
            global,
            extensions,
            semantic: all_semantic.iter().map(|s| (s.iri, *s)).collect(),
            class_by_iri: all_classes.iter().map(|c| (c.iri, *c)).collect(),
            instance_by_iri: all_instances.iter().map(|i| (i.iri, *i)).collect(),
            term_by_context,
            terms_by_iri,
            classes: all_classes,
            instances: all_instances,
            terms: all_terms,
        }
    }

    pub fn class(&self, iri: &str) -> Option<&'static Class> {
        self.class_by_iri.get(iri).copied()
    }

    pub fn semantic_type(&self, iri: &str) -> Option<&'static SemanticType> {
        self.semantic.get(iri).copied()
    }

    pub fn instance(&self, iri: &str) -> Option<&'static Instance> {
        self.instance_by_iri.get(iri).copied()
    }

    pub fn term(&self, context: &str, term: &str) -> Option<&'static Term> {
        self.term_by_context.iter().find(|(c, _)| *c == context).and_then(|(_, terms)| terms.get(term).copied())
    }

    /// The terms any context of this version defines for `iri`.
    pub fn terms_for(&self, iri: &str) -> &[&'static Term] {
        self.terms_by_iri.get(iri).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn classes(&self) -> &[&'static Class] {
        &self.classes
    }

    pub fn instances(&self) -> &[&'static Instance] {
        &self.instances
    }

    pub fn all_terms(&self) -> &[&'static Term] {
        &self.terms
    }
}

/// The tables for DTDL version `version` (2, 3 or 4).
pub fn metamodel(version: u8) -> &'static Metamodel {
    static V2: OnceLock<Metamodel> = OnceLock::new();
    static V3: OnceLock<Metamodel> = OnceLock::new();
    static V4: OnceLock<Metamodel> = OnceLock::new();
    match version {
        2 => V2.get_or_init(|| Metamodel::build(&v2::GLOBAL, v2::CLASSES, v2::INSTANCES, v2::TERMS, v2::SEMANTIC_TYPES)),
        3 => V3.get_or_init(|| Metamodel::build(&v3::GLOBAL, v3::CLASSES, v3::INSTANCES, v3::TERMS, v3::SEMANTIC_TYPES)),
        _ => V4.get_or_init(|| Metamodel::build(&v4::GLOBAL, v4::CLASSES, v4::INSTANCES, v4::TERMS, v4::SEMANTIC_TYPES)),
    }
}

/// The names of the unit enums (`TemperatureUnit`) a unit (`degreeFahrenheit`,
/// by term or IRI) belongs to, in any version.
pub fn unit_enum_names(unit: &str) -> Vec<&'static str> {
    let term = short(unit);
    let mut out: Vec<&'static str> = [2, 3, 4]
        .into_iter()
        .flat_map(|v| metamodel(v).semantic.values().filter(|s| s.units.iter().any(|u| short(u) == term)).map(|s| s.unit_type))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What `term` stands for in any context of any version (`EnergyRateUnit` →
/// the PowerUnit enum of each quantitativeTypes version).
pub fn term_targets(term: &str) -> Vec<&'static str> {
    [2, 3, 4].into_iter().flat_map(|v| metamodel(v).all_terms().iter().filter(|t| t.term == term).map(|t| t.iri)).collect()
}

/// The version a class or instance IRI belongs to: `...;3` → 3, extension IRIs → `None`.
pub fn iri_version(iri: &str) -> Option<u8> {
    let rest = iri.strip_prefix("dtmi:dtdl:")?;
    match rest.rsplit_once(';')?.1 {
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

/// Looks a class up in whichever version defines it.
pub fn any_class(iri: &str) -> Option<&'static Class> {
    match iri_version(iri) {
        Some(v) => metamodel(v).class(iri),
        None => [2, 3, 4].into_iter().find_map(|v| metamodel(v).class(iri)),
    }
}

/// Per class (all versions): its ancestors (itself first), properties and
/// descendants restrictions including inherited ones. Built once.
struct Derived {
    ancestors: Vec<&'static str>,
    /// `short` of each ancestor (what [`class_named`] compares).
    ancestor_names: Vec<&'static str>,
    props: Vec<&'static Prop>,
    descendants: Vec<&'static Descendants>,
}

fn derived(iri: &str) -> Option<&'static Derived> {
    static ALL: OnceLock<HashMap<&'static str, Derived>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = HashMap::new();
        for v in [2, 3, 4] {
            for &class in metamodel(v).classes() {
                // Breadth-first over parents, bounded: the metamodel is a shallow tree.
                let mut ancestors: Vec<&'static Class> = vec![class];
                let mut i = 0;
                while i < ancestors.len() && ancestors.len() < 64 {
                    for p in ancestors[i].parents {
                        if let Some(pc) = any_class(p) {
                            if !ancestors.iter().any(|a| a.iri == pc.iri) {
                                ancestors.push(pc);
                            }
                        }
                    }
                    i += 1;
                }
                out.insert(
                    class.iri,
                    Derived {
                        ancestors: ancestors.iter().map(|c| c.iri).collect(),
                        ancestor_names: ancestors.iter().map(|c| short(c.iri)).collect(),
                        props: ancestors.iter().flat_map(|c| c.props.iter()).collect(),
                        descendants: ancestors.iter().flat_map(|c| c.descendants.iter()).collect(),
                    },
                );
            }
        }
        out
    })
    .get(iri)
}

/// [`derived`] for a class of the tables, found by its address: the validator asks this
/// for every element, property and step of its model-wide walks, and hashing the address
/// is cheaper than hashing the IRI. A class not found that way is looked up by IRI.
fn derived_of(class: &'static Class) -> Option<&'static Derived> {
    static BY_ADDRESS: OnceLock<HashMap<usize, &'static Derived>> = OnceLock::new();
    let by_address = BY_ADDRESS.get_or_init(|| {
        let mut out = HashMap::new();
        for v in [2, 3, 4] {
            for &class in metamodel(v).classes() {
                if let Some(d) = derived(class.iri) {
                    out.insert(class as *const Class as usize, d);
                }
            }
        }
        out
    });
    by_address.get(&(class as *const Class as usize)).copied().or_else(|| derived(class.iri))
}

/// Whether `class` is, or derives from, a class whose short name is `name` (any version).
pub fn class_named(class: &'static Class, name: &str) -> bool {
    derived_of(class).is_some_and(|d| d.ancestor_names.contains(&name))
}

/// Whether class `iri` is `ancestor` or derives from it (any version).
pub fn is_subclass(iri: &str, ancestor: &str) -> bool {
    iri == ancestor || derived(iri).is_some_and(|d| d.ancestors.contains(&ancestor))
}

/// The ancestors of a class, itself first.
pub fn ancestors(class: &'static Class) -> &'static [&'static str] {
    derived_of(class).map(|d| d.ancestors.as_slice()).unwrap_or(&[])
}

/// The properties of `class` and its ancestors, nearest first.
pub fn props_of(class: &'static Class) -> &'static [&'static Prop] {
    derived_of(class).map(|d| d.props.as_slice()).unwrap_or(&[])
}

/// The descendants restrictions of `class` and its ancestors.
pub fn descendants_of(class: &'static Class) -> &'static [&'static Descendants] {
    derived_of(class).map(|d| d.descendants.as_slice()).unwrap_or(&[])
}

/// The identifier max length for `class` (nearest ancestor that sets one).
pub fn id_max_len(class: &'static Class) -> Option<usize> {
    let mut c = Some(class);
    let mut n = 0;
    while let Some(k) = c {
        if k.id_max_len.is_some() {
            return k.id_max_len;
        }
        n += 1;
        if n > 64 {
            break;
        }
        c = k.parents.first().and_then(|p| any_class(p));
    }
    None
}

/// The short name of a DTDL IRI: `dtmi:dtdl:class:Interface;2` → `Interface`.
pub fn short(iri: &str) -> &str {
    // The validator asks this for every property of every element: SIMD byte searches for
    // the two ASCII delimiters (always char boundaries) rather than string splitting.
    let b = iri.as_bytes();
    let end = memchr::memchr(b';', b).unwrap_or(b.len());
    let start = memchr::memrchr(b':', &b[..end]).map_or(0, |i| i + 1);
    &iri[start..end]
}
