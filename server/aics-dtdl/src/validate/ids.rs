//! The official DTDL parser's validation ids (`dtmi:dtdl:parsingError:<id>`)
//! for our findings, so a user can look a finding up in the official
//! vocabulary (`noTypeThatAllows`, `badType`, `missingContext`).
//!
//! Most follow from the rule a finding names: the rule's kind (a co-type that
//! does not apply, a string too long, a name not unique) is the official
//! id's. The few findings whose id depends on more than the rule (a value
//! object's unexpected keyword, a missing literal or object property) set
//! it where they are found.

/// The official id for a finding of `rule`, if one corresponds.
pub(crate) fn official_id(rule: &str) -> Option<&'static str> {
    if let Some(id) = exact(rule) {
        return Some(id);
    }
    let tail = rule.strip_prefix("Requirement-Class").or_else(|| rule.strip_prefix("Completion-Class"))?;
    // `TelemetryPropertyNamePattern`, `CommandRequestTypeCotypeApplies`: the
    // class name is one or more words; the first word boundary after which
    // the rest is a known shape ends it.
    tail.char_indices().skip(1).filter(|(_, c)| c.is_ascii_uppercase()).find_map(|(i, _)| by_shape(&tail[i..]))
}

/// Ids the official parser reports besides the main one for the same mistake.
pub(crate) fn also(rule: &str) -> &'static [&'static str] {
    if rule.ends_with("LanguageMajorVersionAbsent") {
        // A property no model may write: no type allows it, and it is out of place.
        &["propertyIrrelevantDtmiOrTerm"]
    } else if rule.ends_with("MultiplicityMinValue") {
        &["valueBelowRange"]
    } else {
        &[]
    }
}

fn exact(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "Requirement-RootArrayOrObj" => "notJsonObject",
        "Requirement-TopLevelRootable" => "typeNotRootable",
        "Requirement-TopLevelDtdlContextOrLimitless" => "missingContext",
        "Requirement-ContextEmpty" => "emptyContext",
        "Requirement-ContextDtdlSpelling" => "missingDtdlContext",
        "Requirement-ContextDtdlVersionKnown" | "Requirement-ContextDtdlMinorVersion" => "unrecognizedContextVersion",
        "Requirement-ContextDtdlPrecedesOrOnly" | "Requirement-LimitlessContextPrecedes" => "missingDtdlContext",
        "Requirement-ContextDtdlFollowsAffiliate" => "dtdlContextFollowsAffiliate",
        "Requirement-ContextStringOrArray" => "invalidContext",
        "Requirement-ContextArrayAllString" => "disallowedLocalContext",
        "Requirement-ContextDefinedLanguageExtension" => "unresolvableContextSpecifier",
        "Requirement-ContextDtmiWithVersion" => "invalidContextSpecifier",
        "Requirement-ContextDtdlTopLevel" => "disallowedVersionDefinition",
        "Requirement-CoreLimitsFollowsLimitless" | "Requirement-ExtensionLimitsFollowsLimitless" => "misplacedLimitContext",
        "Requirement-LimitlessContextFollowedByLimits" => "missingLimitContext",
        "Requirement-DependencyReferenceable" => "crossPartitionReference",
        "Requirement-DtmiReservedPrefixes" => "reservedId",
        "Requirement-LocalizableStringArrayElementHasValue" => "langStringElementNoValue",
        "Requirement-LocalizableStringArrayElementLanguageValueRegex" => "langStringElementInvalidCode",
        "Requirement-LocalizableStringArrayElementLanguageValueUnique" | "Requirement-LocalizableStringArrayOnlyOneDefault" => {
            "langStringElementCodeNotUnique"
        }
        "Requirement-LocalizableStringArrayElementOnlyValueAndLanguage" => "langStringElementInvalidProp",
        "Requirement-LocalizableStringArrayElementStringOrObject" => "langStringElementNotStringOrObject",
        "Requirement-LocalizableStringArrayElementValueString" => "langStringElementValueNotString",
        "Requirement-LocalizableStringObjectMemberNameRegex" => "langMapObjKeyword",
        "Requirement-LocalizableStringObjectMemberValueString" => "langStringValueNotString",
        "Requirement-RepresentationalBooleanHasValue" => "booleanObjectNoValue",
        "Requirement-RepresentationalIntegerHasValue" => "integerObjectNoValue",
        "Requirement-RepresentationalStringHasValue" => "stringObjectNoValue",
        "Requirement-RepresentationalBooleanOnlyValueAndType" => "booleanTypeNotBoolean",
        "Requirement-RepresentationalIntegerOnlyValueAndType" => "integerTypeNotInteger",
        "Requirement-RepresentationalStringOnlyValueAndType" => "stringTypeNotString",
        "Requirement-RepresentationalBooleanValueType" => "booleanValueNotBoolean",
        "Requirement-RepresentationalIntegerValueType" => "integerValueNotInteger",
        "Requirement-RepresentationalStringValueType" => "stringValueNotString",
        _ => return None,
    })
}

/// The id for the class-independent part of a class rule.
fn by_shape(rest: &str) -> Option<&'static str> {
    let id = match rest {
        "TypeCotypeApplies" => "invalidCotype",
        "TypeIncludesInvalidDtmi" => "typeInvalidDtmi",
        "TypeIncludesNotDtmiNorTerm" => "typeNotDtmiNorTerm",
        "TypeIncludesUndefinedTerm" => "typeUndefinedTerm",
        "TypeIncludesIrrelevantDtmiOrTerm" => "typeIrrelevantDtmiOrTerm",
        "TypeIncludesMaterial" => "badType",
        "MultipleSemanticTypes" => "conflictingSupplementalTypes",
        "IdDuplicate" => "duplicateDefinition",
        "IdLong" => "idTooLongForType",
        "IdIsDtmi" | "IdNotArray" => "invalidId",
        "IdRequired" => "missingRequiredId",
        "GraphKeyword" => "graphDisallowed",
        "InvalidKeyword" => "keywordDisallowed",
        "PropertiesExtendsMaxDepth" => "excessiveDepthNarrow",
        "PropertiesExtendsMaxCount" => "excessiveCount",
        "PropertiesExtendsSelfReference" => "recursiveStructureNarrow",
        "RequiredProperties" => "missingObjectProperty",
        "PropertyFormallyIrrelevantDtmiOrTerm" | "PropertyFormallyUndefinedTerm" => "noTypeThatAllows",
        "PropertyFormallyInvalidDtmi" | "PropertyFormallyNotDtmiNorTerm" => "noTypeThatAllows",
        "PropertyInvalidDtmi" => "propertyInvalidDtmi",
        "PropertyNotDtmiNorTerm" => "propertyNotDtmiNorTerm",
        "PropertyUndefinedTerm" => "propertyUndefinedTerm",
        "PropertyIrrelevantDtmiOrTerm" => "propertyIrrelevantDtmiOrTerm",
        _ => {
            return if rest.starts_with("CotypeRequiresProperty") {
                Some("notRequiredType")
            } else if rest.starts_with("CotypePropertyValueFromTable") {
                Some("wrongParent")
            } else if rest.starts_with("Properties") && rest.ends_with("MaxDepth") {
                Some("excessiveDepthWide")
            } else if rest.starts_with("Properties") && rest.ends_with("SelfReference") {
                Some("recursiveStructureWide")
            } else if rest.starts_with("Properties") && rest.contains("Exclude") {
                Some("excludedType")
            } else if let Some(p) = rest.strip_prefix("Property") {
                property_shape(p)
            } else {
                None
            };
        }
    };
    Some(id)
}

/// `NamePattern`, `DisplayNameStringLength`, `SchemaTypeConformance`, ...
fn property_shape(p: &str) -> Option<&'static str> {
    let lang = p.starts_with("DisplayName") || p.starts_with("Description");
    Some(if p.ends_with("TermAndDtmi") {
        "duplicatePropertyName"
    } else if p.ends_with("Pattern") {
        "stringInvalid"
    } else if p.ends_with("StringLength") {
        if lang {
            "langStringValueTooLong"
        } else {
            "stringTooLong"
        }
    } else if p.ends_with("LangString") {
        "langStringElementNotStringOrObject"
    } else if p.ends_with("ValueInteger") || p.ends_with("ValueString") {
        "nonConformantDatatype"
    } else if p.ends_with("String") {
        "stringNotString"
    } else if p.ends_with("Integer") {
        "integerNotInteger"
    } else if p.ends_with("Boolean") {
        "booleanNotBoolean"
    } else if p.ends_with("IsDtmi") {
        "identifierNotDtmi"
    } else if p.ends_with("TypeConformance") {
        "badType"
    } else if p.ends_with("Element") {
        "badDtmiOrTerm"
    } else if p.ends_with("SpecificValue") {
        "incorrectPropertyValue"
    } else if p.contains("UniqueAmong") {
        "nonUniquePropertyValue"
    } else if p.ends_with("ExactValue") {
        "valueNotExact"
    } else if p.ends_with("MaxValue") {
        "valueAboveRange"
    } else if p.ends_with("MinValue") {
        "valueBelowMin"
    } else if p.ends_with("MaxCount") {
        "objectMultipleValues"
    } else if p.ends_with("Absent") {
        "noTypeThatAllows"
    } else {
        return None;
    })
}
