//! `index.json`: the index in a form client-side search and other tools can load.

use std::fmt;

use serde::{Serialize, Serializer};

use super::aggregate::{DocumentIndex, DocumentInput, IndexEntry, TopicIndex};
use super::vocabulary::Vocabulary;
use crate::json_list::{JsonList, json_list};
use crate::markdown::BlockNumber;

#[derive(Serialize)]
struct JsonTerm<'a> {
    name: &'a str,
    taxonomy: &'a str,
    slug: &'a str,
    aliases: &'a [String],
    see_also: Vec<&'a str>,
    description: Option<&'a str>,
    mentions: Mentions<'a>,
}

/// A term's mentions, serialised straight from the index rather than gathered first.
struct Mentions<'a> {
    entry: &'a IndexEntry,
    docs: &'a [(DocumentInput<'a>, &'a DocumentIndex)],
}

impl Serialize for Mentions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.entry.locators.iter().flat_map(|locator| {
            let (input, index) = &self.docs[locator.document];
            locator.mentions.iter().map(move |&number| {
                let mention = &index.mentions[number];
                JsonMention {
                    document: input.slug,
                    paragraph: BlockId(mention.paragraph),
                    url: MentionUrl {
                        slug: input.slug,
                        paragraph: mention.paragraph,
                    },
                    text: &mention.sentence,
                }
            })
        }))
    }
}

#[derive(Serialize)]
struct JsonMention<'a> {
    document: &'a str,
    paragraph: BlockId,
    url: MentionUrl<'a>,
    text: &'a str,
}

/// `documents/<slug>/#<paragraph>`, written into the JSON without a string of its own.
struct MentionUrl<'a> {
    slug: &'a str,
    paragraph: BlockNumber,
}

impl fmt::Display for MentionUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "documents/{}/#{}", self.slug, self.paragraph)
    }
}

impl Serialize for MentionUrl<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A paragraph as the export names it: by its id (`p3`).
struct BlockId(BlockNumber);

impl Serialize for BlockId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl TopicIndex {
    /// Serialises the index as
    /// `{"terms":[{"name","taxonomy","slug","aliases","see_also":[names],"description",
    /// "mentions":[{"document","paragraph","url","text"}]}]}`, entries and mentions in index
    /// order; `url` is relative to the site root (`documents/<slug>/#p3`) and `text` is the
    /// mention's sentence. Terms are serialised side by side, a few megabytes at a time.
    ///
    /// `docs` must be the slice given to [`build_index`](super::build_index).
    pub fn to_json<'a>(
        &'a self,
        vocabulary: &'a Vocabulary,
        docs: &'a [(DocumentInput<'a>, &'a DocumentIndex)],
    ) -> JsonList<'a> {
        let term = |_, entry: &'a IndexEntry| {
            let term = vocabulary.get(entry.term);
            JsonTerm {
                name: &term.name,
                taxonomy: &term.taxonomy,
                slug: &term.slug,
                aliases: &term.aliases,
                see_also: term
                    .see_also
                    .iter()
                    .map(|&id| vocabulary.get(id).name.as_str())
                    .collect(),
                description: term.description.as_deref(),
                mentions: Mentions { entry, docs },
            }
        };
        json_list(r#"{"terms":["#, &self.entries, term, "]}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{paragraphs, vocabulary};
    use super::super::{Matcher, build_index, index_document};
    use super::*;

    #[test]
    fn json_has_the_documented_shape() {
        let v = vocabulary(
            r#"
[[terms]]
name = "Russia"
taxonomy = "places"
aliases = ["Russian"]
see_also = ["Sergey Lavrov"]
description = "The Russian Federation."

[[terms]]
name = "Sergey Lavrov"
taxonomy = "people"
aliases = ["Lavrov"]
"#,
        );
        let paragraphs = paragraphs(&["Intro.", "Lavrov said “no”. Russia vetoed it."]);
        let doc = DocumentInput {
            slug: "hansard",
            title: "Hansard",
            sort_key: 0,
            paragraphs: &paragraphs,
            tags: &[],
        };
        let found = index_document(&Matcher::new(&v), &doc);
        let docs = [(doc, &found)];
        let json = build_index(&v, &docs).to_json(&v, &docs).into_string();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "terms": [
                    {
                        "name": "Sergey Lavrov",
                        "taxonomy": "people",
                        "slug": "sergey-lavrov",
                        "aliases": ["Lavrov"],
                        "see_also": [],
                        "description": null,
                        "mentions": [{
                            "document": "hansard",
                            "paragraph": "p2",
                            "url": "documents/hansard/#p2",
                            "text": "Lavrov said “no”."
                        }]
                    },
                    {
                        "name": "Russia",
                        "taxonomy": "places",
                        "slug": "russia",
                        "aliases": ["Russian"],
                        "see_also": ["Sergey Lavrov"],
                        "description": "The Russian Federation.",
                        "mentions": [{
                            "document": "hansard",
                            "paragraph": "p2",
                            "url": "documents/hansard/#p2",
                            "text": "Russia vetoed it."
                        }]
                    }
                ]
            })
        );
    }
}
