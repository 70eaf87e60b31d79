//! The set of models the linter knows: workspace documents (kept up to date
//! incrementally by the language server) and repository folders (read lazily,
//! one file per DTMI looked up).
//!
//! Lookup order for a DTMI: the referring file itself, then workspace files
//! (the user's edits win over a published copy), then repository folders in
//! the order they were added.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::dtmi;
use crate::model::{Interface, InterfaceRef, ModelDocument, ReferenceKind};
use crate::parse::{parse_document, parse_document_with, JsonReader};
use crate::repository::{checked_repository_path, repository_path, FsReader, ModelReader};

/// An Interface found by the index: the document that holds it and its
/// position in [`ModelDocument::interfaces`]. Cheap to clone.
#[derive(Clone, Debug)]
pub struct ResolvedInterface {
    pub document: Arc<ModelDocument>,
    pub index: usize,
}

impl ResolvedInterface {
    pub fn interface(&self) -> &Interface {
        &self.document.interfaces[self.index]
    }
}

/// A DTMI reference that names nothing the workspace or repositories define
/// (rule DTDL003).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedReference {
    /// The file that holds the reference.
    pub path: PathBuf,
    /// Byte range of the DTMI string, quotes included.
    pub range: Range<usize>,
    pub dtmi: String,
    pub kind: ReferenceKind,
    /// What is missing and what to do about it.
    pub message: String,
}

/// From how many documents [`ModelIndex::upsert_shared`] builds its look-ups side by side.
const SIDE_BY_SIDE_FROM: usize = 256;

struct Repository {
    root: PathBuf,
    reader: Arc<dyn ModelReader>,
}

/// Workspace documents plus lazily read repository folders. Shared read-only
/// between threads once built (`&self` lookups fill an internal cache).
#[derive(Default)]
pub struct ModelIndex {
    documents: BTreeMap<PathBuf, Arc<ModelDocument>>,
    /// Interface `@id` → (document, interface index), ordered by path (then index) so
    /// the choice among duplicates is stable. Almost every `@id` has one entry: a sorted
    /// vector holds it in one small allocation, and the document is at hand without a
    /// second look-up by path.
    interfaces_by_id: foldhash::HashMap<String, Vec<(Arc<ModelDocument>, usize)>>,
    /// Any element `@id` → documents defining it, ordered by path.
    elements_by_id: foldhash::HashMap<String, Vec<Arc<ModelDocument>>>,
    repositories: Vec<Repository>,
    /// Repository files read so far, by full path (`None`: missing or not DTDL).
    loaded: RwLock<HashMap<PathBuf, Option<Arc<ModelDocument>>>>,
}

impl std::fmt::Debug for ModelIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelIndex")
            .field("documents", &self.documents.keys().collect::<Vec<_>>())
            .field("repositories", &self.repositories.iter().map(|r| &r.root).collect::<Vec<_>>())
            .finish()
    }
}

impl ModelIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the document at `document.path`.
    pub fn upsert_document(&mut self, document: ModelDocument) {
        self.upsert_shared_document(Arc::new(document));
    }

    fn upsert_shared_document(&mut self, document: Arc<ModelDocument>) {
        self.remove_document(&document.path);
        Self::link_interfaces(&mut self.interfaces_by_id, &document);
        Self::link_elements(&mut self.elements_by_id, &document);
        self.documents.insert(document.path.clone(), document);
    }

    /// [`Self::upsert_document`] for each document, in order.
    pub fn upsert_documents(&mut self, documents: Vec<ModelDocument>) {
        self.upsert_shared(documents.into_iter().map(Arc::new).collect());
    }

    /// [`Self::upsert_documents`] for documents already shared (parsed on other threads).
    /// Into an empty index the documents are placed in one pass (sorted by path once: a
    /// repository's 19,255 files each placed by a search over paths compared component by
    /// component took a sequential part of `check`), and the three look-ups, which do not
    /// depend on each other, are built side by side; with the same path twice, the later
    /// one stays.
    pub fn upsert_shared(&mut self, documents: Vec<Arc<ModelDocument>>) {
        if !self.documents.is_empty() {
            for document in documents {
                self.upsert_shared_document(document);
            }
            return;
        }
        let by_path = || documents.iter().map(|d| (d.path.clone(), d.clone())).collect::<BTreeMap<_, _>>();
        let interfaces = |documents: &[Arc<ModelDocument>]| {
            let mut map = foldhash::HashMap::default();
            map.reserve(documents.iter().map(|d| d.interfaces.len()).sum());
            for document in documents {
                Self::link_interfaces(&mut map, document);
            }
            map
        };
        let elements = |documents: &[Arc<ModelDocument>]| {
            let mut map = foldhash::HashMap::default();
            map.reserve(documents.iter().map(|d| d.element_ids.len()).sum());
            for document in documents {
                Self::link_elements(&mut map, document);
            }
            map
        };
        // A few documents (an edit's analysis) are placed on this thread, quicker than
        // handing them over.
        let (by_path, (interfaces_by_id, elements_by_id)) = if documents.len() < SIDE_BY_SIDE_FROM {
            (by_path(), (interfaces(&documents), elements(&documents)))
        } else {
            rayon::join(by_path, || rayon::join(|| interfaces(&documents), || elements(&documents)))
        };
        self.documents = by_path;
        if self.documents.len() == documents.len() {
            // Each document placed: the look-ups (ordered within by path) are those of the map.
            self.interfaces_by_id = interfaces_by_id;
            self.elements_by_id = elements_by_id;
        } else {
            // A path given twice: only the later document is linked.
            drop((interfaces_by_id, elements_by_id));
            let placed: Vec<Arc<ModelDocument>> = self.documents.values().cloned().collect();
            self.interfaces_by_id = interfaces(&placed);
            self.elements_by_id = elements(&placed);
        }
    }

    /// Enters the Interface `@id`s of `document` in `map` (see `interfaces_by_id`).
    fn link_interfaces(map: &mut foldhash::HashMap<String, Vec<(Arc<ModelDocument>, usize)>>, document: &Arc<ModelDocument>) {
        let path = &document.path;
        for (i, interface) in document.interfaces.iter().enumerate() {
            if let Some(id) = &interface.id {
                let entries = map.entry(id.clone()).or_default();
                if let Err(at) = entries.binary_search_by(|(d, j)| (d.path.as_path(), *j).cmp(&(path.as_path(), i))) {
                    entries.insert(at, (document.clone(), i));
                }
            }
        }
    }

    /// Enters the element `@id`s of `document` in `map` (see `elements_by_id`).
    fn link_elements(map: &mut foldhash::HashMap<String, Vec<Arc<ModelDocument>>>, document: &Arc<ModelDocument>) {
        let path = &document.path;
        for element in &document.element_ids {
            let entries = map.entry(element.id.clone()).or_default();
            if let Err(at) = entries.binary_search_by(|d| d.path.as_path().cmp(path)) {
                entries.insert(at, document.clone());
            }
        }
    }

    /// Parses `text` and upserts it; if it is not a DTDL model, removes any
    /// previous document at `path` instead. Returns whether it is a model.
    pub fn upsert_text(&mut self, path: impl Into<PathBuf>, text: &str) -> bool {
        let path = path.into();
        match parse_document(path.clone(), text) {
            Some(document) => {
                self.upsert_document(document);
                true
            }
            None => {
                self.remove_document(&path);
                false
            }
        }
    }

    /// Removes the document at `path`, returning it if there was one.
    pub fn remove_document(&mut self, path: &Path) -> Option<Arc<ModelDocument>> {
        let old = self.documents.remove(path)?;
        for interface in &old.interfaces {
            if let Some(id) = &interface.id {
                if let Some(entries) = self.interfaces_by_id.get_mut(id) {
                    entries.retain(|(d, _)| d.path != path);
                    if entries.is_empty() {
                        self.interfaces_by_id.remove(id);
                    }
                }
            }
        }
        for element in &old.element_ids {
            if let Some(entries) = self.elements_by_id.get_mut(&element.id) {
                entries.retain(|d| d.path != path);
                if entries.is_empty() {
                    self.elements_by_id.remove(&element.id);
                }
            }
        }
        Some(old)
    }

    /// Adds a folder in model-repository layout, read from disk on demand.
    pub fn add_repository_root(&mut self, root: impl Into<PathBuf>) {
        self.add_repository_root_with_reader(root, Arc::new(FsReader));
    }

    /// Adds a repository folder read through `reader` (tests, virtual files).
    pub fn add_repository_root_with_reader(&mut self, root: impl Into<PathBuf>, reader: Arc<dyn ModelReader>) {
        self.repositories.push(Repository { root: root.into(), reader });
    }

    /// Forgets repository files read so far (after they changed on disk).
    pub fn clear_repository_cache(&self) {
        self.loaded.write().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Workspace documents, in path order (repository files are not included).
    pub fn documents(&self) -> impl Iterator<Item = &Arc<ModelDocument>> {
        self.documents.values()
    }

    /// The workspace document at `path`.
    pub fn document(&self, path: &Path) -> Option<&Arc<ModelDocument>> {
        self.documents.get(path)
    }

    /// The Interface with this `@id`: workspace first, then repositories.
    pub fn interface(&self, dtmi: &str) -> Option<ResolvedInterface> {
        if let Some((document, index)) = self.interfaces_by_id.get(dtmi).and_then(|s| s.first()) {
            return Some(ResolvedInterface { document: document.clone(), index: *index });
        }
        self.repositories.iter().find_map(|repo| {
            let document = self.repository_document(repo, dtmi)?;
            let index = document.interface_index(dtmi)?;
            Some(ResolvedInterface { document, index })
        })
    }

    /// Resolves an `extends` / Component reference written in `from`:
    /// inline Interfaces and `@id`s of the same file first, then [`Self::interface`].
    pub fn resolve(&self, from: &Arc<ModelDocument>, reference: &InterfaceRef) -> Option<ResolvedInterface> {
        match reference {
            InterfaceRef::Inline(index) => {
                (*index < from.interfaces.len()).then(|| ResolvedInterface { document: from.clone(), index: *index })
            }
            InterfaceRef::Dtmi { dtmi, .. } => match from.interface_index(dtmi) {
                Some(index) => Some(ResolvedInterface { document: from.clone(), index }),
                None => self.interface(dtmi),
            },
        }
    }

    /// Whether some element (Interface, schema, content...) has this `@id`,
    /// looking in `from`, then the workspace, then repositories.
    pub fn element_exists(&self, from: &ModelDocument, dtmi: &str) -> bool {
        from.defines_element(dtmi)
            || self.elements_by_id.contains_key(dtmi)
            || self
                .repositories
                .iter()
                .any(|repo| self.repository_document(repo, dtmi).is_some_and(|d| d.defines_element(dtmi)))
    }

    /// The document defining element `dtmi` (not necessarily an Interface):
    /// the workspace first, then repositories.
    pub(crate) fn element_document(&self, dtmi: &str) -> Option<Arc<ModelDocument>> {
        if let Some(document) = self.elements_by_id.get(dtmi).and_then(|s| s.first()) {
            return Some(document.clone());
        }
        self.repositories.iter().find_map(|repo| self.repository_document(repo, dtmi).filter(|d| d.defines_element(dtmi)))
    }

    /// DTDL003 for every workspace document.
    pub fn unresolved_references(&self) -> Vec<UnresolvedReference> {
        self.documents.values().flat_map(|d| self.unresolved_references_in(d)).collect()
    }

    /// DTDL003 for one document, which need not be in the workspace.
    pub fn unresolved_references_in(&self, document: &ModelDocument) -> Vec<UnresolvedReference> {
        let mut out = Vec::new();
        for reference in &document.references {
            let found = match reference.kind {
                ReferenceKind::Extends | ReferenceKind::ComponentSchema => {
                    document.interface_index(&reference.dtmi).is_some() || self.interface(&reference.dtmi).is_some()
                }
                ReferenceKind::Element => self.element_exists(document, &reference.dtmi),
            };
            if found {
                continue;
            }
            out.push(UnresolvedReference {
                path: document.path.clone(),
                range: reference.range.clone(),
                dtmi: reference.dtmi.clone(),
                kind: reference.kind,
                message: unresolved_message(&reference.dtmi, reference.kind),
            });
        }
        out
    }

    /// The repository file that should hold `dtmi`, read and parsed once.
    fn repository_document(&self, repo: &Repository, dtmi: &str) -> Option<Arc<ModelDocument>> {
        let relative = checked_repository_path(dtmi).ok()?;
        let path = repo.root.join(relative);
        if let Some(cached) = self.loaded.read().unwrap_or_else(|e| e.into_inner()).get(&path) {
            return cached.clone();
        }
        if !repo.reader.within(&repo.root, &path) {
            return None;
        }
        let document = repo.reader.read(&path).ok().and_then(|bytes| {
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            parse_document_with(path.clone(), &text, JsonReader::Lexer).map(Arc::new)
        });
        self.loaded.write().unwrap_or_else(|e| e.into_inner()).insert(path, document.clone());
        document
    }
}

fn unresolved_message(dtmi: &str, kind: ReferenceKind) -> String {
    if let Err(e) = dtmi::validate(dtmi) {
        return format!("'{dtmi}' is not a valid DTMI ({e}), so it cannot name a model");
    }
    match kind {
        ReferenceKind::Extends | ReferenceKind::ComponentSchema => format!(
            "no Interface '{dtmi}' is known: add its model file to the workspace, or point --models at a \
             model repository folder that has it (expected at '{}')",
            repository_path(dtmi)
        ),
        ReferenceKind::Element => format!(
            "no element with @id '{dtmi}' is defined: declare it in the Interface's \"schemas\", or add the \
             model file that defines it to the workspace or a --models folder"
        ),
    }
}
