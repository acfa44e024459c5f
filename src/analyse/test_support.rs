//! Helpers shared by the analysis stage's unit tests.

use std::path::PathBuf;
use std::sync::Arc;

use super::index::{Matcher, Vocabulary, parse_vocabulary};
use super::{AnalysisTimes, DocumentAnalysis, analyse_document};
use crate::config::Config;
use crate::source::{Document, SourceFile, SourceFormat, parse_document};

/// A parsed document and its analysis.
pub(crate) type Analysed = (Arc<Document>, Arc<DocumentAnalysis>);

/// A vocabulary of two places, Aleppo and Homs.
pub(crate) fn vocabulary() -> Vocabulary {
    let toml = "[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"places\"\n\n[[terms]]\nname = \"Homs\"\ntaxonomy = \"places\"\n";
    parse_vocabulary(toml, &Config::default().topics.taxonomies).unwrap()
}

/// `content/{name}`, titled `name`, dated 18 October 2016, with `body` as its text, parsed
/// and analysed against [`vocabulary`].
pub(crate) fn analysed(name: &str, body: &str) -> Analysed {
    let config = Config::default();
    let source = SourceFile {
        path: PathBuf::from("content").join(name),
        content_path: name.to_string(),
        format: SourceFormat::Markdown,
    };
    let text = format!("+++\ntitle = \"{name}\"\ndate = \"2016-10-18\"\n+++\n{body}\n");
    let doc = parse_document(&source, text.as_bytes(), &config).unwrap();
    let matcher = Matcher::new(&vocabulary());
    let analysis = analyse_document(&doc, &matcher, &config, &mut AnalysisTimes::default());
    (Arc::new(doc), Arc::new(analysis))
}
