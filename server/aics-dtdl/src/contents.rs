//! The Commands and Properties a device must serve for its Model ID (rules AICS009,
//! AICS010, AICS011): the same closure as the telemetry ([`ModelIndex::telemetry`]) —
//! the root's contents and its `extends` closure keyed by component `""`, then each
//! Component's Interface and *its* `extends` closure keyed by the component name.
//! A Property is writable when its element says `"writable": true` (the term or its IRI).

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

use crate::index::{ModelIndex, ResolvedInterface};
use crate::model::{Content, ContentKind, InterfaceRef};

/// What the device has to do with a declared content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServedKind {
    /// A Command: some handler must dispatch it.
    Command,
    /// A writable Property: the device must read it and acknowledge it.
    WritableProperty,
    /// A read-only Property: the device must report it.
    ReportedProperty,
}

/// One Command or Property the model declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredContent {
    pub kind: ServedKind,
    /// The component name, `""` for the root Interface (and what it extends).
    pub component: String,
    pub name: String,
    /// The file that declares it.
    pub path: PathBuf,
    /// Byte range of its `name` string in that file.
    pub name_range: Range<usize>,
    /// The `@id` of the Interface whose contents hold it.
    pub interface_dtmi: Option<String>,
}

/// The Commands and Properties declared for a root Model ID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentSet {
    /// Root contents, then its `extends` (depth first), then per component in declaration
    /// order. The first declaration of a `(component, name)` pair wins.
    pub items: Vec<DeclaredContent>,
    /// DTMIs that could not be found: the set is then incomplete.
    pub unresolved: Vec<String>,
}

impl ContentSet {
    pub fn of_kind(&self, kind: ServedKind) -> impl Iterator<Item = &DeclaredContent> {
        self.items.iter().filter(move |d| d.kind == kind)
    }
}

impl ModelIndex {
    /// The Commands and Properties declared for the Interface `root_dtmi`.
    pub fn served_contents(&self, root_dtmi: &str) -> ContentSet {
        match self.interface(root_dtmi) {
            Some(root) => self.served_contents_of(&root),
            None => ContentSet { items: Vec::new(), unresolved: vec![root_dtmi.to_string()] },
        }
    }

    /// The Commands and Properties declared for an already resolved root Interface.
    pub fn served_contents_of(&self, root: &ResolvedInterface) -> ContentSet {
        let mut set = ContentSet::default();
        let mut seen = HashSet::new();
        let mut components = Vec::new();
        for interface in self.extends_closure(root, &mut set.unresolved) {
            for content in &interface.interface().contents {
                if content.kind == ContentKind::Component {
                    if let Some(schema) = &content.component_schema {
                        components.push((content.name.clone(), interface.document.clone(), schema.clone()));
                    }
                } else {
                    push(&mut set, &mut seen, "", &interface, content);
                }
            }
        }
        for (name, document, schema) in components {
            let Some(target) = self.resolve(&document, &schema) else {
                if let InterfaceRef::Dtmi { dtmi, .. } = schema {
                    if !set.unresolved.contains(&dtmi) {
                        set.unresolved.push(dtmi);
                    }
                }
                continue;
            };
            for interface in self.extends_closure(&target, &mut set.unresolved) {
                for content in &interface.interface().contents {
                    push(&mut set, &mut seen, &name, &interface, content);
                }
            }
        }
        set
    }
}

fn push(set: &mut ContentSet, seen: &mut HashSet<(String, String)>, component: &str, interface: &ResolvedInterface, content: &Content) {
    let kind = match content.kind {
        ContentKind::Command => ServedKind::Command,
        ContentKind::Property if is_writable(&interface.document.source, &content.range) => ServedKind::WritableProperty,
        ContentKind::Property => ServedKind::ReportedProperty,
        _ => return,
    };
    if !seen.insert((component.to_string(), content.name.clone())) {
        return;
    }
    set.items.push(DeclaredContent {
        kind,
        component: component.to_string(),
        name: content.name.clone(),
        path: interface.document.path.clone(),
        name_range: content.name_range.clone(),
        interface_dtmi: interface.interface().id.clone(),
    });
}

/// Does the element at `range` of `source` say `"writable": true`? Only the element's own
/// members count (a nested schema has no `writable`).
fn is_writable(source: &str, range: &Range<usize>) -> bool {
    let Some(text) = source.get(range.clone()) else { return false };
    let tokens = crate::lexer::lex(text);
    let (tree, _) = crate::json::build(text, &tokens.tokens);
    let Some(root) = tree.root else { return false };
    tree.members(root).iter().any(|m| {
        let key = tree.str(m.key).unwrap_or_default();
        let is_writable_key = key == "writable"
            || (key.starts_with("dtmi:dtdl:property:writable;") && key.len() > "dtmi:dtdl:property:writable;".len());
        is_writable_key && m.value.is_some_and(|v| text[tree.node(v).range.clone()].trim() == "true")
    })
}

#[cfg(test)]
mod tests {
    use crate::ModelIndex;

    use super::ServedKind;

    const THERMOSTAT: &str = r#"{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:com:example:Thermostat;1",
  "@type": "Interface",
  "contents": [
    { "@type": "Telemetry", "name": "temperature", "schema": "double" },
    { "@type": "Property", "name": "targetTemperature", "schema": "double", "writable": true },
    { "@type": "Property", "name": "maxTempSinceLastReboot", "schema": "double" },
    { "@type": "Property", "name": "mode", "schema": "string", "writable": false },
    { "@type": "Command", "name": "getMaxMinReport", "request": { "name": "since", "schema": "dateTime" } }
  ]
}"#;

    const CONTROLLER: &str = r#"{
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:com:example:Controller;1",
  "@type": "Interface",
  "extends": { "@type": "Interface", "contents": [ { "@type": "Command", "name": "reboot" } ] },
  "contents": [
    { "@type": "Property", "name": "serialNumber", "schema": "string", "dtmi:dtdl:property:writable;3": true },
    { "@type": "Component", "name": "thermostat1", "schema": "dtmi:com:example:Thermostat;1" },
    { "@type": "Component", "name": "missing", "schema": "dtmi:com:example:Nowhere;1" }
  ]
}"#;

    #[test]
    fn commands_and_properties_by_component_with_writability() {
        let mut index = ModelIndex::new();
        assert!(index.upsert_text("thermostat-1.json", THERMOSTAT));
        assert!(index.upsert_text("controller-1.json", CONTROLLER));
        let set = index.served_contents("dtmi:com:example:Controller;1");
        let got: Vec<(ServedKind, &str, &str)> =
            set.items.iter().map(|d| (d.kind, d.component.as_str(), d.name.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (ServedKind::WritableProperty, "", "serialNumber"),
                (ServedKind::Command, "", "reboot"),
                (ServedKind::WritableProperty, "thermostat1", "targetTemperature"),
                (ServedKind::ReportedProperty, "thermostat1", "maxTempSinceLastReboot"),
                (ServedKind::ReportedProperty, "thermostat1", "mode"),
                (ServedKind::Command, "thermostat1", "getMaxMinReport"),
            ]
        );
        assert_eq!(set.unresolved, vec!["dtmi:com:example:Nowhere;1".to_string()]);
        let cmd = set.items.iter().find(|d| d.name == "getMaxMinReport").unwrap();
        assert_eq!(&THERMOSTAT[cmd.name_range.clone()], "\"getMaxMinReport\"");
    }

    #[test]
    fn unknown_root_is_unresolved() {
        let index = ModelIndex::new();
        let set = index.served_contents("dtmi:com:example:None;1");
        assert!(set.items.is_empty());
        assert_eq!(set.unresolved.len(), 1);
    }
}
