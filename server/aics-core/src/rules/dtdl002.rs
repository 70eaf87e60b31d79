//! DTDL002 spec-violation: the validation issue fills this in.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "DTDL002",
    name: "spec-violation",
    default_severity: Severity::Error,
    summary: "A requirement (a MUST) of the DTDL specification is broken.",
    what: "Validates each model against the DTDL v2, v3 or v4 specification named by its `@context`: identifiers, names, types, schemas, limits and the rules about `extends` and Components. The message names the requirement that is broken.",
    why: "The official parser, the model repository and the certification service reject a model that breaks the specification, so the device cannot be certified against it.",
    fix: "Follow the fix in the message; it names the requirement (e.g. a name longer than the limit, an `extends` that refers to itself) and what to change.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};

/// What `aics-lint explain DTDL002` adds to the rule's explanation: the
/// official validation ids a finding can carry, worked out from the validator
/// ([`aics_dtdl::validate::carried_validation_ids`]), never typed by hand.
pub fn official_ids_section() -> String {
    let ids = aics_dtdl::validate::carried_validation_ids();
    let mut s = format!(
        "\n## Official validation ids\nEach finding names the official DTDL parser's validation id for the same mistake \
         (`official: badType` in the message), so it can be looked up in the parser's documentation and error texts. \
         These {} ids can appear (`undefinedReservedId` with DTDL003):\n",
        ids.len()
    );
    for id in ids {
        s.push_str(&format!("- `{id}`\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn explain_lists_the_official_ids_the_validator_can_carry() {
        let section = super::official_ids_section();
        for id in ["missingContext", "badType", "noTypeThatAllows", "invalidId", "nonUniquePropertyValue"] {
            assert!(section.contains(&format!("- `{id}`\n")), "{id} missing:\n{section}");
        }
        let listed = section.lines().filter(|l| l.starts_with("- `")).count();
        assert_eq!(listed, aics_dtdl::validate::carried_validation_ids().len());
    }
}
