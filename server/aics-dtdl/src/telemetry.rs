//! The telemetry a device must send for its Model ID (rule AICS002, AICS007).
//!
//! For a root Interface: each Telemetry in its contents and in its `extends`
//! closure, keyed by component `""`; then for each Component in that set, the
//! Telemetry of the Component's Interface and *its* `extends` closure, keyed by
//! the component name. Components of a component's Interface are not followed
//! (DTDL allows exactly one level). Relationships are ignored. A Telemetry with
//! co-types (`["Telemetry", "Temperature"]`, annotation telemetry) counts.

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::index::{ModelIndex, ResolvedInterface};
use crate::model::{ContentKind, DtdlVersion, InterfaceRef};

/// One telemetry the model declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredTelemetry {
    /// The component name, `""` for the root Interface (and what it extends).
    pub component: String,
    pub name: String,
    /// Short display form of the schema (`"double"`, `"Object"`, a DTMI).
    pub schema: Option<String>,
    pub unit: Option<String>,
    /// The file that declares it.
    pub path: PathBuf,
    /// Byte range of its `name` string in that file: where AICS002 points.
    pub name_range: Range<usize>,
    /// The `@id` of the Interface whose contents hold it; `None` for an
    /// inline Interface without `@id`.
    pub interface_dtmi: Option<String>,
    pub version: DtdlVersion,
}

/// The telemetry declared for a root Model ID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TelemetrySet {
    /// In declaration order: root contents, then its `extends` (depth first),
    /// then per component in the order components are declared. The first
    /// declaration of a `(component, name)` pair wins.
    pub items: Vec<DeclaredTelemetry>,
    /// DTMIs (the root, an `extends`, a Component schema) that could not be
    /// found; the set is then incomplete and the caller should say so.
    pub unresolved: Vec<String>,
}

impl ModelIndex {
    /// The telemetry declared for the Interface `root_dtmi` (see the module docs).
    pub fn telemetry(&self, root_dtmi: &str) -> TelemetrySet {
        match self.interface(root_dtmi) {
            Some(root) => self.telemetry_of(&root),
            None => TelemetrySet { items: Vec::new(), unresolved: vec![root_dtmi.to_string()] },
        }
    }

    /// The telemetry declared for an already resolved root Interface (for
    /// instance one of a document that is not in the workspace).
    pub fn telemetry_of(&self, root: &ResolvedInterface) -> TelemetrySet {
        let mut set = TelemetrySet::default();
        let mut seen = HashSet::new();
        let mut components = Vec::new();
        for interface in self.extends_closure(root, &mut set.unresolved) {
            for content in &interface.interface().contents {
                match content.kind {
                    ContentKind::Telemetry => push(&mut set, &mut seen, "", &interface, content),
                    ContentKind::Component => {
                        if let Some(schema) = &content.component_schema {
                            components.push((content.name.clone(), interface.document.clone(), schema.clone()));
                        }
                    }
                    _ => {}
                }
            }
        }
        for (name, document, schema) in components {
            let Some(target) = self.resolve(&document, &schema) else {
                if let InterfaceRef::Dtmi { dtmi, .. } = schema {
                    note_unresolved(&mut set.unresolved, dtmi);
                }
                continue;
            };
            for interface in self.extends_closure(&target, &mut set.unresolved) {
                for content in &interface.interface().contents {
                    if content.kind == ContentKind::Telemetry {
                        push(&mut set, &mut seen, &name, &interface, content);
                    }
                }
            }
        }
        set
    }

    /// `start` followed by everything it extends, depth first, each Interface
    /// once (cycles and diamonds terminate). DTMIs that cannot be found are
    /// added to `unresolved`. Iterative: chains of any length are fine.
    pub fn extends_closure(&self, start: &ResolvedInterface, unresolved: &mut Vec<String>) -> Vec<ResolvedInterface> {
        let mut out = Vec::new();
        let mut visited = HashSet::new();
        let mut stack = vec![start.clone()];
        while let Some(current) = stack.pop() {
            if !visited.insert((Arc::as_ptr(&current.document) as usize, current.index)) {
                continue;
            }
            let mut next = Vec::new();
            for reference in &current.interface().extends {
                match self.resolve(&current.document, reference) {
                    Some(found) => next.push(found),
                    None => {
                        if let InterfaceRef::Dtmi { dtmi, .. } = reference {
                            note_unresolved(unresolved, dtmi.clone());
                        }
                    }
                }
            }
            // Reversed onto the stack so the first `extends` is visited first.
            stack.extend(next.into_iter().rev());
            out.push(current);
        }
        out
    }
}

fn note_unresolved(unresolved: &mut Vec<String>, dtmi: String) {
    if !unresolved.contains(&dtmi) {
        unresolved.push(dtmi);
    }
}

fn push(
    set: &mut TelemetrySet,
    seen: &mut HashSet<(String, String)>,
    component: &str,
    interface: &ResolvedInterface,
    content: &crate::model::Content,
) {
    if !seen.insert((component.to_string(), content.name.clone())) {
        return;
    }
    set.items.push(DeclaredTelemetry {
        component: component.to_string(),
        name: content.name.clone(),
        schema: content.schema.clone(),
        unit: content.unit.clone(),
        path: interface.document.path.clone(),
        name_range: content.name_range.clone(),
        interface_dtmi: interface.interface().id.clone(),
        version: content.version,
    });
}
