//! The C front-end: tree-sitter-c facts per file, the preprocessor as far as values need
//! it, value resolution, and the SDK tables that give calls their meaning.

pub mod facts;
pub mod lexer;
pub mod light;
pub mod preprocess;
pub mod program;
pub mod sdk;
pub mod values;
