//! The sample pack's vocabulary against its three documents: every mention, hand-checked.

use std::collections::BTreeMap;
use std::path::Path;

use casebook::analyse::index::{
    DocumentInput, Matcher, Vocabulary, build_index, index_document, parse_vocabulary,
    suggest_terms,
};
use casebook::config::Config;
use casebook::markdown::Block;
use casebook::source::{discover_sources, parse_document};

/// A source document split the way the site generator splits it.
struct Source {
    file: String,
    front_matter: toml::Table,
    paragraphs: Vec<Block>,
}

fn taxonomies() -> Vec<String> {
    ["topics", "people", "organisations", "places"]
        .map(String::from)
        .to_vec()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample pack's documents, parsed by Casebook itself, so paragraphs are split exactly
/// as the site numbers them.
fn sources() -> Vec<Source> {
    let config = Config::default();
    let (files, errors) = discover_sources(root());
    assert!(errors.is_empty(), "{errors:?}");
    files
        .iter()
        .map(|source| {
            let bytes = std::fs::read(root().join(&source.path)).expect("a readable document");
            let text = String::from_utf8(bytes.clone()).expect("UTF-8");
            let front = text
                .strip_prefix("+++\n")
                .and_then(|rest| rest.split_once("\n+++\n"))
                .map(|(front, _)| front)
                .expect("front matter between +++ lines");
            let doc = parse_document(source, &bytes, &config).expect("the document parses");
            Source {
                file: source.content_path.clone(),
                front_matter: front.parse().expect("valid TOML front matter"),
                paragraphs: doc.body.blocks,
            }
        })
        .collect()
}

fn sample_vocabulary() -> Vocabulary {
    let source = std::fs::read_to_string(root().join("index.toml")).expect("index.toml exists");
    parse_vocabulary(&source, &taxonomies()).unwrap_or_else(|errors| panic!("{errors:#?}"))
}

type Found = (String, String, String, String);

/// (file, paragraph, term, matched text) for every match, sorted.
fn all_mentions(vocabulary: &Vocabulary, sources: &[Source]) -> Vec<Found> {
    let matcher = Matcher::new(vocabulary);
    let mut found = Vec::new();
    for source in sources {
        for Block { id, text, .. } in &source.paragraphs {
            for m in matcher.find(text) {
                found.push((
                    source.file.clone(),
                    id.clone(),
                    vocabulary.get(m.term).name.clone(),
                    text[m.range].to_string(),
                ));
            }
        }
    }
    found.sort();
    found
}

const BENN: &str = "benn-letter-2017-01.txt";
const HANSARD: &str = "hansard-2016-10-18.txt";
const REPLY: &str = "mp-reply-2016-11.txt";

const AID: &str = "Humanitarian aid and access";
const HOSPITALS: &str = "Hospitals and civilian infrastructure";
const EVACUATION: &str = "Evacuation and refugees";
const R2P: &str = "Responsibility to protect";

/// Read off the texts by hand: every occurrence of every name and alias in index.toml.
const EXPECTED: &[(&str, &str, &str, &str)] = &[
    (BENN, "p1", "Aleppo", "Aleppo"),
    (BENN, "p2", "Russia", "Russian"),
    (BENN, "p2", "Syria", "Syrian"),
    (BENN, "p2", HOSPITALS, "hospitals"),
    (BENN, "p2", "Aleppo", "Aleppo"),
    (BENN, "p3", "Parliament", "Parliament"),
    (BENN, "p3", "Russia", "Russian"),
    (BENN, "p3", AID, "humanitarian aid"),
    (BENN, "p3", "Aleppo", "Aleppo"),
    (BENN, "p4", EVACUATION, "evacuations"),
    (BENN, "p4", "Ceasefire", "ceasefire"),
    (BENN, "p4", EVACUATION, "evacuation"),
    (BENN, "p4", EVACUATION, "refugees"),
    (BENN, "p4", "Idlib", "Idlib"),
    (BENN, "p5", "Syria", "Syrian"),
    (BENN, "p5", "Assad regime", "President Assad"),
    (BENN, "p5", "Turkey", "Turkey"),
    (BENN, "p5", "Russia", "Russia"),
    (BENN, "p5", "Ceasefire", "ceasefire"),
    (BENN, "p5", "Assad regime", "Syrian Government"),
    (BENN, "p5", "Islamic State", "Islamic State"),
    (BENN, "p5", "Islamic State", "IS"),
    (BENN, "p5", "Islamic State", "Daesh"),
    (BENN, "p5", "Jabhat Fateh al-Sham", "Jabhat Fateh al-Sham"),
    (BENN, "p5", "Jabhat Fateh al-Sham", "JFS"),
    (BENN, "p5", "YPG", "YPG"),
    (BENN, "p6", "UN Security Council", "UN Security Council"),
    (BENN, "p6", "Syria", "Syria"),
    (BENN, "p6", "Peace talks", "peace talks"),
    (BENN, "p6", "Kazakhstan", "Kazakhstan"),
    (BENN, "p6", "Assad regime", "Syrian government"),
    (BENN, "p6", "Russia", "Russia"),
    (BENN, "p6", AID, "humanitarian aid"),
    (BENN, "p7", "Staffan de Mistura", "Staffan de Mistura"),
    (BENN, "p7", "United Nations", "United Nations"),
    (BENN, "p7", "Peace talks", "political negotiation"),
    (BENN, "p7", "Syria", "Syria"),
    (BENN, "p7", "Syria", "Syria"),
    (BENN, "p8", "Hilary Benn", "Hilary Benn"),
    (HANSARD, "p2", "Russia", "Russian"),
    (HANSARD, "p2", HOSPITALS, "civilian areas"),
    (HANSARD, "p2", AID, "humanitarian aid"),
    (HANSARD, "p2", "Aleppo", "Aleppo"),
    (HANSARD, "p3", "Russia", "Russian"),
    (HANSARD, "p3", "Sergey Lavrov", "Lavrov"),
    (HANSARD, "p3", AID, "aid convoy"),
    (HANSARD, "p3", "Syria", "Syria"),
    (HANSARD, "p3", "Russia", "Russia"),
    (HANSARD, "p3", "Assad regime", "Assad regime"),
    (HANSARD, "p3", "Ceasefire", "ceasefire"),
    (HANSARD, "p4", "European Council", "European Council"),
    (HANSARD, "p4", "Russia", "Russia"),
    (HANSARD, "p4", "Chemical weapons", "chemical weapons"),
    (HANSARD, "p4", "War crimes", "war crimes"),
    (HANSARD, "p4", "United Nations", "UN"),
    (HANSARD, "p4", "Veto", "veto restraint"),
    (HANSARD, "p4", "Russia", "Russia"),
    (HANSARD, "p5", "European Council", "European Council"),
    (HANSARD, "p5", "Russia", "Russia"),
    (HANSARD, "p5", "Russia", "Russia"),
    (HANSARD, "p6", "United Nations", "United Nations"),
    (HANSARD, "p6", R2P, "responsibility to protect"),
    (HANSARD, "p6", R2P, "responsibility to protect"),
    (HANSARD, "p6", "Syria", "Syria"),
    (HANSARD, "p7", "UN Security Council", "UN Security Council"),
    (HANSARD, "p7", "Russia", "Russia"),
    (HANSARD, "p7", "Chemical weapons", "chemical weapons"),
    (HANSARD, "p7", "Assad regime", "Syrian regime"),
    (HANSARD, "p7", "Ceasefire", "ceasefire"),
    (
        HANSARD,
        "p7",
        "International Criminal Court",
        "International Criminal Court",
    ),
    (HANSARD, "p8", "War crimes", "atrocities"),
    (HANSARD, "p8", "Parliament", "Commons"),
    (HANSARD, "p8", "Russia", "Russia"),
    (REPLY, "p1", "Aleppo", "Aleppo"),
    (REPLY, "p2", "Aleppo", "Aleppo"),
    (REPLY, "p3", HOSPITALS, "hospital"),
    (REPLY, "p3", AID, "Humanitarian access"),
    (REPLY, "p3", "Assad regime", "regime"),
    (REPLY, "p3", "Russia", "Russia"),
    (REPLY, "p3", "Aleppo", "Aleppo"),
    (REPLY, "p3", "Syria", "Syria"),
    (REPLY, "p3", "United Nations", "UN"),
    (REPLY, "p3", "United Nations", "UN"),
    (REPLY, "p3", AID, "humanitarian aid"),
    (REPLY, "p3", "Assad regime", "regime"),
    (REPLY, "p4", "Ceasefire", "ceasefire"),
    (REPLY, "p4", AID, "humanitarian access"),
    (REPLY, "p4", "Aleppo", "Aleppo"),
    (REPLY, "p4", "Russia", "Russia"),
    (REPLY, "p5", "Russia", "Russia"),
    (REPLY, "p5", "Assad regime", "Regime"),
    (REPLY, "p5", "War crimes", "war crime"),
    (REPLY, "p5", HOSPITALS, "civilian infrastructure"),
    (REPLY, "p5", HOSPITALS, "hospitals"),
    (REPLY, "p5", "UN Security Council", "UN Security Council"),
    (
        REPLY,
        "p5",
        "International Criminal Court",
        "International Criminal Court",
    ),
    (REPLY, "p5", "Veto", "vetoed"),
    (REPLY, "p5", "Russia", "Russia"),
    (REPLY, "p5", "War crimes", "atrocities"),
    (REPLY, "p6", "Peace talks", "political settlement"),
    (REPLY, "p6", "Russia", "Russia"),
    (REPLY, "p6", "European Union", "EU"),
    (REPLY, "p6", "Sanctions", "sanctions"),
    (REPLY, "p6", "Assad regime", "regime"),
    (REPLY, "p7", "Syria", "Syrians"),
    (REPLY, "p7", "Aleppo", "Aleppo"),
];

#[test]
fn every_mention_matches_the_hand_checked_list() {
    let vocabulary = sample_vocabulary();
    let sources = sources();
    assert_eq!(
        sources.iter().map(|s| s.file.as_str()).collect::<Vec<_>>(),
        [BENN, HANSARD, REPLY]
    );
    let found = all_mentions(&vocabulary, &sources);
    let mut expected: Vec<Found> = EXPECTED
        .iter()
        .map(|&(f, p, t, m)| (f.into(), p.into(), t.into(), m.into()))
        .collect();
    expected.sort();
    let missing: Vec<&Found> = expected.iter().filter(|e| !found.contains(e)).collect();
    let extra: Vec<&Found> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(missing.is_empty(), "missing: {missing:#?}");
    assert!(extra.is_empty(), "extra: {extra:#?}");
    // Equal as multisets too: repeated mentions in one paragraph are each counted.
    assert_eq!(found, expected);
}

#[test]
fn the_international_criminal_court_is_never_a_shorter_term() {
    let with_shorter_terms = format!(
        "{}\n[[terms]]\nname = \"Court\"\ntaxonomy = \"organisations\"\n\
         [[terms]]\nname = \"Criminal Court\"\ntaxonomy = \"organisations\"\n\
         [[terms]]\nname = \"International\"\ntaxonomy = \"topics\"\n",
        std::fs::read_to_string(root().join("index.toml")).unwrap()
    );
    let vocabulary = parse_vocabulary(&with_shorter_terms, &taxonomies()).unwrap();
    let matcher = Matcher::new(&vocabulary);
    let mut checked = 0;
    for source in sources() {
        for Block { text, .. } in &source.paragraphs {
            for (at, _) in text.match_indices("International Criminal Court") {
                let span = at..at + "International Criminal Court".len();
                let inside: Vec<String> = matcher
                    .find(text)
                    .into_iter()
                    .filter(|m| m.range.start < span.end && span.start < m.range.end)
                    .map(|m| format!("{} {:?}", vocabulary.get(m.term).name, m.range))
                    .collect();
                assert_eq!(inside, [format!("International Criminal Court {span:?}")]);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2);
}

#[test]
fn the_curly_possessive_in_hansard_is_russia() {
    let vocabulary = sample_vocabulary();
    let matcher = Matcher::new(&vocabulary);
    let hansard = sources().into_iter().find(|s| s.file == HANSARD).unwrap();
    let text = &hansard.paragraphs[3].text;
    let at = text
        .find("Russia\u{2019}s use")
        .expect("the curly possessive is in p4");
    let found = matcher
        .find(text)
        .into_iter()
        .find(|m| m.range.start == at)
        .expect("Russia’s is matched");
    assert_eq!(vocabulary.get(found.term).name, "Russia");
    assert_eq!(&text[found.range], "Russia");
}

#[test]
fn every_front_matter_tag_is_a_term_or_alias() {
    let vocabulary = sample_vocabulary();
    let mut tags = Vec::new();
    for source in sources() {
        for taxonomy in taxonomies() {
            let names = source
                .front_matter
                .get(&taxonomy)
                .and_then(|v| v.as_array());
            for name in names.into_iter().flatten() {
                let name = name.as_str().expect("tags are strings").to_string();
                assert!(
                    vocabulary.find_by_name(&taxonomy, &name).is_some(),
                    "{}: {taxonomy} tag `{name}` is not in index.toml",
                    source.file
                );
                tags.push((taxonomy.clone(), name));
            }
        }
    }
    assert!(tags.len() > 30);
    let before = vocabulary.terms().len();
    let extended = vocabulary.with_front_matter_terms(&tags).unwrap();
    assert_eq!(extended.terms().len(), before);
}

#[test]
fn the_sample_index_and_suggestions() {
    let vocabulary = sample_vocabulary();
    let matcher = Matcher::new(&vocabulary);
    let sources = sources();
    let tags: Vec<Vec<_>> = sources
        .iter()
        .map(|source| {
            taxonomies()
                .iter()
                .flat_map(|taxonomy| {
                    let names = source.front_matter.get(taxonomy).and_then(|v| v.as_array());
                    names
                        .into_iter()
                        .flatten()
                        .filter_map(|n| vocabulary.find_by_name(taxonomy, n.as_str()?))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    // Date order: Hansard (Oct 2016), reply (Nov 2016), Benn (Jan 2017).
    let sort_keys: BTreeMap<&str, usize> = [(HANSARD, 0), (REPLY, 1), (BENN, 2)].into();
    let inputs: Vec<DocumentInput> = sources
        .iter()
        .zip(&tags)
        .map(|(source, tags)| DocumentInput {
            slug: source.file.trim_end_matches(".txt"),
            title: source.front_matter["title"].as_str().unwrap(),
            sort_key: sort_keys[source.file.as_str()],
            paragraphs: &source.paragraphs,
            tags,
        })
        .collect();
    let found: Vec<_> = inputs
        .iter()
        .map(|input| index_document(&matcher, input))
        .collect();
    let docs: Vec<_> = inputs.iter().copied().zip(&found).collect();
    let index = build_index(&vocabulary, &docs);
    let entry = |name: &str| {
        index
            .entries
            .iter()
            .find(|e| vocabulary.get(e.term).name == name)
            .unwrap()
    };
    let russia = entry("Russia");
    let expected_russia = EXPECTED.iter().filter(|e| e.2 == "Russia").count();
    assert_eq!(russia.mention_count, expected_russia);
    let order: Vec<usize> = russia.locators.iter().map(|l| l.document).collect();
    assert_eq!(order, [1, 2, 0]);
    assert_eq!(russia.tagged_documents, [1, 2, 0]);
    let first_taxonomy = &vocabulary.get(index.entries[0].term).taxonomy;
    assert_eq!(first_taxonomy, "topics");
    let json: serde_json::Value =
        serde_json::from_str(&index.to_json(&vocabulary, &docs).into_string()).unwrap();
    assert_eq!(json["terms"].as_array().unwrap().len(), index.entries.len());

    let suggestions = suggest_terms(&matcher, &inputs, 1);
    let phrases: Vec<&str> = suggestions.iter().map(|s| s.phrase.as_str()).collect();
    assert!(phrases.contains(&"Foreign Secretary"), "{phrases:?}");
    assert!(phrases.contains(&"UK"), "{phrases:?}");
    for covered in [
        "Russia",
        "Aleppo",
        "UN",
        "Security Council",
        "Thank",
        "As",
        "The",
    ] {
        assert!(!phrases.contains(&covered), "{covered} in {phrases:?}");
    }
}
