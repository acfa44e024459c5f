//! Files for hosts and feed readers: the Atom feed, sitemap.xml and robots.txt.

use atom_syndication::{Category, Entry, Feed, Link, Person, Text};
use chrono::{FixedOffset, NaiveTime, TimeZone};

use super::views::document_url;
use crate::date::PartialDate;
use crate::output::OutputFile;
use crate::pack::Pack;

/// How many of the most recent documents the feed carries.
pub const FEED_LENGTH: usize = 100;

/// `atom.xml`: the most recent dated documents, newest first. Links are relative to the feed's
/// own address (the site root) unless `base_url` is set, so the feed works wherever the site is.
pub fn atom_feed(pack: &Pack) -> OutputFile {
    let base = pack.config.base_url_with_slash();
    let mut dated: Vec<(PartialDate, usize)> = pack
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.meta.date.map(|date| (date, i)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    dated.truncate(FEED_LENGTH);
    let entries: Vec<Entry> = dated
        .iter()
        .map(|&(date, i)| {
            let doc = &pack.documents[i];
            let href = format!("{base}{}", document_url(&doc.slug));
            let mut entry = Entry::default();
            entry.set_id(if base.is_empty() {
                format!("urn:casebook:document:{}", doc.slug)
            } else {
                href.clone()
            });
            entry.set_title(Text::plain(doc.meta.title.clone()));
            entry.set_updated(timestamp(date));
            entry.set_published(Some(timestamp(date)));
            entry.set_links(vec![Link {
                href,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            }]);
            if let Some(summary) = &doc.meta.summary {
                entry.set_summary(Some(Text::plain(summary.clone())));
            }
            if let Some(author) = &doc.meta.author {
                entry.set_authors(vec![Person {
                    name: author.clone(),
                    ..Person::default()
                }]);
            }
            entry.set_categories(
                doc.meta
                    .topics
                    .iter()
                    .map(|t| Category {
                        term: t.clone(),
                        ..Category::default()
                    })
                    .collect::<Vec<_>>(),
            );
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_title(Text::plain(pack.config.title.clone()));
    feed.set_id(if base.is_empty() {
        format!(
            "urn:casebook:pack:{}",
            crate::slug::slugify(&pack.config.title)
        )
    } else {
        base.clone()
    });
    if !pack.config.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(pack.config.description.clone())));
    }
    feed.set_updated(
        dated
            .first()
            .map(|&(date, _)| timestamp(date))
            .unwrap_or_else(|| timestamp(PartialDate::year(1970).expect("valid year"))),
    );
    feed.set_links(vec![Link {
        href: format!("{base}atom.xml"),
        rel: "self".into(),
        mime_type: Some("application/atom+xml".into()),
        ..Link::default()
    }]);
    feed.set_generator(Some(atom_syndication::Generator {
        value: "Casebook".into(),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        ..Default::default()
    }));
    feed.set_entries(entries);
    OutputFile::new("atom.xml", feed.to_string().into_bytes())
}

/// Midnight UTC on the first day the date covers: feeds need full timestamps.
fn timestamp(date: PartialDate) -> atom_syndication::FixedDateTime {
    let day = chrono::NaiveDate::from_ymd_opt(
        date.year_number(),
        date.month_number().unwrap_or(1),
        date.day_number().unwrap_or(1),
    )
    .unwrap_or_default();
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// `sitemap.xml`, only when `base_url` is set: the sitemap protocol requires absolute URLs.
pub fn sitemap(pack: &Pack, extra_pages: &[&str]) -> Option<OutputFile> {
    let base = pack.config.base_url_with_slash();
    if base.is_empty() {
        return None;
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut push = |path: &str, date: Option<PartialDate>| {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_xml(&format!("{base}{path}")));
        xml.push_str("</loc>");
        if let Some(date) = date.filter(|d| d.precision() == crate::date::Precision::Day) {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.iso()));
        }
        xml.push_str("</url>\n");
    };
    push("", None);
    for page in extra_pages {
        push(page, None);
    }
    for doc in &pack.documents {
        push(&document_url(&doc.slug), doc.meta.date);
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile::new("sitemap.xml", xml.into_bytes()))
}

/// `robots.txt`: everything may be crawled; names the sitemap when there is one.
pub fn robots(pack: &Pack) -> OutputFile {
    let base = pack.config.base_url_with_slash();
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if !base.is_empty() {
        text.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    OutputFile::new("robots.txt", text.into_bytes())
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
