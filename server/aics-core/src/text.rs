//! A file's text as the analysis holds it: shared, immutable, and either an allocation of
//! its own or storage a face lends it (`check` maps large files read-only: the page cache's
//! pages serve as they are, instead of a copy into fresh memory, whose page faults were a
//! tenth of `check`'s CPU time on netxduo's 80 MB of C).

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Shared text: derefs to `str`; clones share it.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Arc<str>),
    Lent(Arc<dyn AsRef<str> + Send + Sync>),
}

impl Text {
    /// Text held by `store` (valid UTF-8 by `AsRef<str>`), shared as it is.
    pub fn lent(store: Arc<dyn AsRef<str> + Send + Sync>) -> Text {
        Text(Repr::Lent(store))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Lent(s) => (**s).as_ref(),
        }
    }

    /// The text as an `Arc<str>`: shared when it is one, else copied.
    pub fn to_arc(&self) -> Arc<str> {
        match &self.0 {
            Repr::Owned(s) => s.clone(),
            Repr::Lent(_) => Arc::from(self.as_str()),
        }
    }

    /// Whether the two share one text (not only equal ones).
    pub fn ptr_eq(a: &Text, b: &Text) -> bool {
        std::ptr::eq(a.as_str().as_ptr(), b.as_str().as_ptr()) && a.len() == b.len()
    }
}

impl Default for Text {
    /// The empty text (one allocation shared by all).
    fn default() -> Text {
        static EMPTY: std::sync::OnceLock<Arc<str>> = std::sync::OnceLock::new();
        Text(Repr::Owned(EMPTY.get_or_init(|| Arc::from("")).clone()))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Text {
        Text(Repr::Owned(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Owned(s.into()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Owned(s.into()))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Repr::Owned(s.as_str().into()))
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(s: std::borrow::Cow<'_, str>) -> Text {
        Text(Repr::Owned(s.into()))
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Text {
        Text(Repr::Owned(s.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Store(String);
    impl AsRef<str> for Store {
        fn as_ref(&self) -> &str {
            &self.0
        }
    }

    #[test]
    fn lent_and_owned_texts_read_alike() {
        let owned = Text::from("int main(void) { return 0; }\n");
        let lent = Text::lent(Arc::new(Store("int main(void) { return 0; }\n".into())));
        assert_eq!(owned, lent);
        assert_eq!(&lent[4..8], "main");
        assert!(!Text::ptr_eq(&owned, &lent));
        assert!(Text::ptr_eq(&lent, &lent.clone()));
        let arc = lent.to_arc();
        assert_eq!(&*arc, &*lent);
        assert!(Text::ptr_eq(&Text::from(arc.clone()), &Text::from(arc)));
    }
}
