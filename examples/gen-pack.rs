//! Writes a large, deterministic briefing pack for benchmarking Casebook.
//!
//! The pack has the shape of a real one: `config.toml`, an `index.toml` vocabulary of topics,
//! people, organisations and places, and `content/doc-NNNNN.md` documents with TOML front
//! matter. The prose is assembled from sentence templates by a seeded SplitMix64 generator
//! (integer arithmetic only), so the same arguments give the same bytes on any machine. The
//! text mentions index terms and their aliases (possessives included, with straight and curly
//! apostrophes), writes dates in the forms the timeline extractor reads, mixes in numbers that
//! only look like dates ("Volume 615", "Resolution 2118"), and links documents to one another
//! by paragraph anchor (`doc-00042.md#p2`, always to `#p1`–`#p3` of an existing document).
//! Most sentences are plain prose without dates, so the timeline events and index mentions
//! per word are about those of the sample pack's real texts (a test checks it): a pack that
//! is denser than real ones would make every benchmark of the timeline and index pessimistic.
//!
//! ```sh
//! cargo run --release --example gen-pack -- --docs 10000 --out /tmp/pack
//! cargo run --release --example gen-pack -- --docs 500 --out /tmp/pack --seed 7 --terms 400 --force
//! cargo test --example gen-pack
//! ```
//!
//! 10,000 documents come to about 95 MB of Markdown. The output folder must be empty or
//! missing; `--force` writes into a non-empty one, first deleting any `content/doc-NNNNN.md`
//! left by an earlier run so that no stale document survives.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(about = "Writes a deterministic benchmark pack for Casebook")]
struct Args {
    /// How many documents to write.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=999_999))]
    docs: u32,
    /// The pack folder to create.
    #[arg(long)]
    out: PathBuf,
    /// Seed for the generator; the same seed gives the same pack.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Minimum number of index terms.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(20..=20_000))]
    terms: u32,
    /// Write into a folder that is not empty.
    #[arg(long)]
    force: bool,
}

/// What to generate; everything in the pack follows from these three numbers.
#[derive(Debug, Clone, Copy)]
struct Settings {
    docs: usize,
    seed: u64,
    terms: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let settings = Settings {
        docs: args.docs as usize,
        seed: args.seed,
        terms: args.terms as usize,
    };
    let started = Instant::now();
    match pack::write(&args.out, &settings, args.force) {
        Ok(summary) => {
            println!(
                "gen-pack: {} documents, {} terms, {} bytes ({:.1} MB) in {:.2} s -> {}",
                summary.documents,
                summary.terms,
                summary.bytes,
                summary.bytes as f64 / 1_000_000.0,
                started.elapsed().as_secs_f64(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen-pack: {}: {err}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

/// A small seeded generator (SplitMix64) that behaves the same on every platform.
mod rng {
    /// SplitMix64 state.
    pub struct Rng {
        state: u64,
    }

    impl Rng {
        /// A generator for one independent stream (the vocabulary, or one document) of a seed.
        pub fn new(seed: u64, stream: u64) -> Self {
            let mut rng = Rng {
                state: seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
            };
            rng.next_u64();
            rng
        }

        pub fn next_u64(&mut self) -> u64 {
            self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// A number in `0..n`; `n` must not be zero.
        pub fn below(&mut self, n: usize) -> usize {
            ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
        }

        /// A number in `low..=high`.
        pub fn range(&mut self, low: usize, high: usize) -> usize {
            low + self.below(high - low + 1)
        }

        /// True with a chance of `p` in 100.
        pub fn percent(&mut self, p: usize) -> bool {
            self.below(100) < p
        }

        /// One of a list of words.
        pub fn word(&mut self, words: &[&'static str]) -> &'static str {
            words[self.below(words.len())]
        }

        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }

        /// A number in `0..n` where small numbers are likelier, so some terms are popular.
        pub fn skewed(&mut self, n: usize) -> usize {
            self.below(n).min(self.below(n))
        }
    }
}

/// Proleptic Gregorian dates, enough to write and shift them.
mod calendar {
    pub use casebook::date::MONTH_NAMES as MONTHS;

    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];

    /// A calendar day.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Date {
        pub year: i64,
        pub month: usize,
        pub day: usize,
    }

    impl Date {
        /// The date `days` days after 1970-01-01.
        pub fn from_days(days: i64) -> Date {
            let z = days + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let day = (doy - (153 * mp + 2) / 5 + 1) as usize;
            let month = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
            let year = yoe + era * 400 + i64::from(month <= 2);
            Date { year, month, day }
        }

        /// Days since 1970-01-01.
        pub fn days(self) -> i64 {
            let year = self.year - i64::from(self.month <= 2);
            let era = year.div_euclid(400);
            let yoe = year - era * 400;
            let month = self.month as i64;
            let doy =
                (153 * if month > 2 { month - 3 } else { month + 9 } + 2) / 5 + self.day as i64 - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            era * 146_097 + doe - 719_468
        }

        pub fn add_days(self, days: i64) -> Date {
            Date::from_days(self.days() + days)
        }

        /// Days since 1 January of the same year.
        pub fn day_of_year(self) -> i64 {
            self.days()
                - Date {
                    year: self.year,
                    month: 1,
                    day: 1,
                }
                .days()
        }

        pub fn weekday(self) -> &'static str {
            // 1970-01-01 was a Thursday.
            WEEKDAYS[(self.days() + 3).rem_euclid(7) as usize]
        }

        pub fn month_name(self) -> &'static str {
            MONTHS[self.month - 1]
        }
    }

    /// Days in `month` (1–12) of `year`, from Casebook's own calendar.
    pub fn days_in_month(year: i64, month: usize) -> usize {
        casebook::date::days_in_month(year as i32, month as u32) as usize
    }

    /// "1st", "2nd", "3rd", "4th", "11th", "22nd"…
    pub fn ordinal_suffix(n: usize) -> &'static str {
        match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        }
    }
}

/// Writing TOML values and numbers into a `String` without going through `fmt`.
mod text {
    /// Appends `value` as a TOML basic string.
    pub fn push_toml_string(out: &mut String, value: &str) {
        out.push('"');
        for c in value.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    out.push_str("\\u");
                    let code = c as u32;
                    for shift in [12, 8, 4, 0] {
                        out.push(char::from_digit((code >> shift) & 0xF, 16).unwrap_or('0'));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    /// Appends `key = ["a", "b"]` and a newline.
    pub fn push_toml_array<'a>(out: &mut String, key: &str, items: impl Iterator<Item = &'a str>) {
        out.push_str(key);
        out.push_str(" = [");
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_toml_string(out, item);
        }
        out.push_str("]\n");
    }

    /// Appends `key = "value"` and a newline.
    pub fn push_toml_pair(out: &mut String, key: &str, value: &str) {
        out.push_str(key);
        out.push_str(" = ");
        push_toml_string(out, value);
        out.push('\n');
    }

    pub fn push_number(out: &mut String, n: u64) {
        let mut digits = [0u8; 20];
        let mut len = 0;
        let mut rest = n;
        loop {
            digits[len] = b'0' + (rest % 10) as u8;
            len += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for &d in digits[..len].iter().rev() {
            out.push(char::from(d));
        }
    }

    /// Two digits with a leading zero, for `18/09/2016` and `2016-09-18`.
    pub fn push_two_digits(out: &mut String, n: usize) {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }

    /// `275000` as `275,000`.
    pub fn push_grouped(out: &mut String, n: u64) {
        let start = out.len();
        push_number(out, n);
        let len = out.len() - start;
        let mut i = len;
        while i > 3 {
            i -= 3;
            out.insert(start + i, ',');
        }
    }

    /// Upper-cases the ASCII letter at byte `at`, if there is one.
    pub fn capitalise_at(out: &mut String, at: usize) {
        if out.as_bytes().get(at).is_some_and(u8::is_ascii_lowercase) {
            out[at..=at].make_ascii_uppercase();
        }
    }
}

/// The index vocabulary: invented topics, people, organisations and places.
mod vocab {
    use std::collections::HashSet;

    use crate::rng::Rng;
    use crate::text::{push_toml_array, push_toml_pair};

    /// The four kinds of index term.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Taxonomy {
        Topics,
        People,
        Organisations,
        Places,
    }

    impl Taxonomy {
        pub const ALL: [Taxonomy; 4] = [
            Taxonomy::Topics,
            Taxonomy::People,
            Taxonomy::Organisations,
            Taxonomy::Places,
        ];

        /// The name used in `index.toml` and as the front-matter key.
        pub fn key(self) -> &'static str {
            match self {
                Taxonomy::Topics => "topics",
                Taxonomy::People => "people",
                Taxonomy::Organisations => "organisations",
                Taxonomy::Places => "places",
            }
        }
    }

    /// One `[[terms]]` entry.
    pub struct Term {
        pub name: String,
        pub taxonomy: Taxonomy,
        pub aliases: Vec<String>,
        /// Indexes of other terms.
        pub see_also: Vec<usize>,
        pub description: String,
    }

    /// All terms, with the indexes of each taxonomy's terms.
    pub struct Vocabulary {
        pub terms: Vec<Term>,
        pools: [Vec<usize>; 4],
    }

    impl Vocabulary {
        /// At least `count` terms, with at least enough of each taxonomy for one document.
        pub fn generate(seed: u64, count: usize) -> Vocabulary {
            let mut builder = Builder {
                rng: Rng::new(seed, 0),
                terms: Vec::with_capacity(count + 16),
                taken: HashSet::new(),
                slugs: HashSet::new(),
            };
            let topics = (count * 35 / 100).max(12);
            let people = (count * 30 / 100).max(6);
            let places = (count * 15 / 100).max(4);
            let organisations = count.saturating_sub(topics + people + places).max(4);
            builder.fill(Taxonomy::Topics, topics);
            builder.fill(Taxonomy::People, people);
            builder.fill(Taxonomy::Places, places);
            builder.fill(Taxonomy::Organisations, organisations);
            builder.link_and_describe();
            let mut pools: [Vec<usize>; 4] = Default::default();
            for (i, term) in builder.terms.iter().enumerate() {
                pools[term.taxonomy as usize].push(i);
            }
            Vocabulary {
                terms: builder.terms,
                pools,
            }
        }

        /// Indexes of the terms of one taxonomy.
        pub fn of(&self, taxonomy: Taxonomy) -> &[usize] {
            &self.pools[taxonomy as usize]
        }

        /// The whole `index.toml`.
        pub fn index_toml(&self) -> String {
            let mut out = String::with_capacity(self.terms.len() * 200);
            out.push_str("# Generated by gen-pack: invented names, for benchmarking only.\n");
            for term in &self.terms {
                out.push_str("\n[[terms]]\n");
                push_toml_pair(&mut out, "name", &term.name);
                push_toml_pair(&mut out, "taxonomy", term.taxonomy.key());
                if !term.aliases.is_empty() {
                    push_toml_array(&mut out, "aliases", term.aliases.iter().map(String::as_str));
                }
                if !term.see_also.is_empty() {
                    let names = term.see_also.iter().map(|&i| self.terms[i].name.as_str());
                    push_toml_array(&mut out, "see_also", names);
                }
                push_toml_pair(&mut out, "description", &term.description);
            }
            out
        }
    }

    /// Turns a name into lowercase ASCII letters and digits joined by single hyphens, as
    /// Casebook does (accents folded, apostrophes dropped).
    pub fn slugify(name: &str) -> String {
        let mut slug = String::with_capacity(name.len());
        let mut pending_hyphen = false;
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                push_slug_char(&mut slug, &mut pending_hyphen, c);
            } else if let Some(ascii) = fold(c) {
                for c in ascii.chars() {
                    push_slug_char(&mut slug, &mut pending_hyphen, c);
                }
            } else if c != '\'' && c != '’' {
                pending_hyphen = true;
            }
        }
        slug
    }

    fn push_slug_char(slug: &mut String, pending_hyphen: &mut bool, c: char) {
        if *pending_hyphen && !slug.is_empty() {
            slug.push('-');
        }
        *pending_hyphen = false;
        slug.push(c.to_ascii_lowercase());
    }

    /// ASCII for the accented letters the word lists use.
    pub fn fold(c: char) -> Option<&'static str> {
        Some(match c {
            'à' | 'á' | 'â' | 'ä' | 'å' => "a",
            'À' | 'Á' | 'Â' | 'Ä' | 'Å' => "A",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'É' | 'È' => "E",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'Î' | 'Í' => "I",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'ø' => "o",
            'Ö' | 'Ø' => "O",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'Ü' => "U",
            'æ' => "ae",
            'ß' => "ss",
            _ => return None,
        })
    }

    /// Names with accents and hyphens that every pack has, so those paths are always tested.
    const SPECIAL: &[(Taxonomy, &str, &[&str])] = &[
        (Taxonomy::Topics, "water rationing", &["rationing of water"]),
        (Taxonomy::Topics, "border crossings", &["border crossing"]),
        (Taxonomy::Topics, "café closures", &[]),
        (Taxonomy::Topics, "post-war reconstruction", &[]),
        (
            Taxonomy::People,
            "Zoë Marchetti-Lund",
            &["Ms Marchetti-Lund"],
        ),
        (Taxonomy::People, "José Ibáñez", &["Dr Ibáñez"]),
        (Taxonomy::People, "Søren Aalto", &[]),
        (Taxonomy::Places, "Kestrel Harbour", &["Kestrel Port"]),
        (Taxonomy::Places, "Saint-Aubin-sur-Lune", &["Saint-Aubin"]),
        (Taxonomy::Places, "Île Sorrel", &[]),
        (
            Taxonomy::Organisations,
            "Genève Accord Office",
            &["GAO", "Geneva Accord Office"],
        ),
        (
            Taxonomy::Organisations,
            "Ministry of Supply Coordination",
            &["MSC", "Supply Ministry"],
        ),
        (Taxonomy::Organisations, "Anglo-Nordic Relief Trust", &[]),
    ];

    const TOPIC_MODIFIERS: &[&str] = &[
        "water",
        "food",
        "fuel",
        "border",
        "aid",
        "refugee",
        "medical",
        "school",
        "housing",
        "power",
        "grain",
        "convoy",
        "ceasefire",
        "sanctions",
        "detention",
        "evacuation",
        "vaccine",
        "shelter",
        "bread",
        "harbour",
        "rail",
        "road",
        "bridge",
        "cash",
        "asylum",
        "landmine",
        "electricity",
        "telecoms",
        "cross-border",
        "long-term",
        "winter",
        "child",
        "press",
        "election",
        "visa",
        "prisoner",
        "hostage",
        "airspace",
        "fishing",
        "livestock",
        "cotton",
        "oil",
        "gas",
        "port",
        "curfew",
        "checkpoint",
        "siege",
        "civilian",
        "hospital",
        "pension",
        "customs",
        "trade",
        "minority",
        "militia",
        "weapons",
        "drone",
        "refinery",
        "dam",
        "flood",
    ];

    const TOPIC_HEADS: &[&str] = &[
        "rationing",
        "crossings",
        "access",
        "supplies",
        "shortages",
        "convoys",
        "monitoring",
        "inspections",
        "corridors",
        "quotas",
        "prices",
        "closures",
        "exports",
        "imports",
        "licensing",
        "talks",
        "agreements",
        "violations",
        "casualties",
        "camps",
        "funding",
        "repairs",
        "outages",
        "negotiations",
        "safeguards",
        "restrictions",
        "deliveries",
        "reporting",
        "appeals",
        "transfers",
        "compensation",
        "allocations",
        "permits",
        "observers",
        "strikes",
        "routes",
        "protests",
        "relocation",
        "verification",
        "logistics",
    ];

    const TOPIC_QUALIFIERS: &[&str] = &[
        "emergency",
        "regional",
        "urban",
        "rural",
        "seasonal",
        "informal",
        "international",
        "local",
        "temporary",
        "disputed",
        "unregistered",
        "coastal",
        "northern",
        "southern",
    ];

    const GIVEN_FEMALE: &[&str] = &[
        "Amelia",
        "Beatrice",
        "Clara",
        "Deborah",
        "Eleanor",
        "Fatima",
        "Grace",
        "Hannah",
        "Imogen",
        "Joanna",
        "Katherine",
        "Leila",
        "Margaret",
        "Nadia",
        "Olivia",
        "Priya",
        "Rachel",
        "Sarah",
        "Tamsin",
        "Ursula",
        "Victoria",
        "Wendy",
        "Yasmin",
        "Zoë",
        "Hélène",
        "Anaïs",
        "Chloé",
        "Inés",
        "Renée",
        "Aoife",
        "Maryam",
        "Rosalind",
        "Harriet",
        "Judith",
        "Naomi",
        "Esther",
        "Layla",
        "Ingrid",
        "Freya",
        "Bronwen",
    ];

    const GIVEN_MALE: &[&str] = &[
        "Alistair",
        "Benedict",
        "Callum",
        "Daniel",
        "Edward",
        "Farid",
        "Gareth",
        "Hugh",
        "Ibrahim",
        "James",
        "Kwame",
        "Liam",
        "Malcolm",
        "Nikhil",
        "Owen",
        "Patrick",
        "Rhys",
        "Simon",
        "Tobias",
        "Umar",
        "Vikram",
        "William",
        "Yusuf",
        "José",
        "Søren",
        "Björn",
        "François",
        "Eoin",
        "Dafydd",
        "Rory",
        "Stephen",
        "Jonathan",
        "Andrew",
        "Marcus",
        "Felix",
        "Hamza",
        "Tariq",
        "Declan",
        "Graham",
        "Neil",
    ];

    const FAMILY: &[&str] = &[
        "Okafor",
        "Ashworth",
        "Brennan",
        "Castell",
        "Dunmore",
        "Ellison",
        "Fairbairn",
        "Gallagher",
        "Hartley",
        "Iqbal",
        "Jardine",
        "Kowalski",
        "Lindqvist",
        "Mahmoud",
        "Nakamura",
        "Osei",
        "Pemberton",
        "Quayle",
        "Rahman",
        "Sutcliffe",
        "Thornton",
        "Underwood",
        "Varga",
        "Whitlock",
        "Yilmaz",
        "Zielinski",
        "Ibáñez",
        "Müller",
        "Løvland",
        "Côté",
        "Abbott",
        "Blackwood",
        "Carrington",
        "Dalgleish",
        "Everett",
        "Fenwick",
        "Goddard",
        "Hollis",
        "Ingram",
        "Jessop",
        "Kendrick",
        "Lacey",
        "Maddox",
        "Norris",
        "Oduya",
        "Prentice",
        "Radcliffe",
        "Salter",
        "Tremayne",
        "Vaughan",
        "Wainwright",
        "Yeo",
        "Achebe",
        "Bhatt",
        "Chowdhury",
        "Delacroix",
        "Eriksen",
        "Ferreira",
        "Grünewald",
        "Haddad",
        "Ivanova",
        "Jovanović",
        "Kaya",
        "Lambert",
        "Mensah",
        "Nowak",
        "Olsen",
        "Petrov",
        "Quinn",
        "Rossi",
        "Santos",
        "Tanaka",
        "Ueda",
        "Vidal",
        "Weber",
        "Xu",
        "Young",
        "Zamora",
        "Aldous",
        "Beaumont",
        "Crowther",
        "Drummond",
        "Ellery",
        "Foster",
        "Garside",
        "Hewitt",
        "Irving",
        "Jennings",
        "Kerr",
        "Lowther",
        "Marsh",
        "Nash",
        "Orme",
        "Pryce",
        "Redfern",
        "Stroud",
        "Tilley",
        "Upton",
        "Villiers",
        "Warburton",
    ];

    const PLACE_STARTS: &[&str] = &[
        "Kes", "Ash", "Bram", "Carn", "Dun", "Ell", "Fen", "Gar", "Hol", "Ire", "Kil", "Lan",
        "Mor", "Nor", "Ost", "Pen", "Ros", "Sal", "Tor", "Ul", "Var", "Wes", "Yar", "Zel", "Bel",
        "Cor", "Dra", "Hal", "Mal", "Tre", "Ard", "Bry", "Cal", "Lys", "Mar", "Ner", "Quin", "Rav",
        "Sev", "Tal",
    ];

    const PLACE_ENDS: &[&str] = &[
        "ford", "mere", "wick", "holm", "by", "stead", "ton", "bridge", "haven", "moor", "field",
        "more", "dale", "gate", "burn", "caster", "ley", "mouth", "port", "ness", "worth", "bury",
        "stow", "wyn", "ach", "ova", "ara", "ine", "ère", "esk",
    ];

    const PLACE_FEATURES: &[&str] = &[
        "Harbour", "Valley", "Crossing", "Heights", "Bay", "Junction", "Plain", "Ridge", "Basin",
        "Hills", "Point", "Sound", "Narrows", "Springs", "Gap",
    ];

    const ORG_BODIES: &[&str] = &[
        "Ministry",
        "Office",
        "Department",
        "Agency",
        "Commission",
        "Council",
        "Bureau",
        "Directorate",
        "Authority",
        "Committee",
        "Institute",
        "Federation",
        "Board",
        "Secretariat",
        "Inspectorate",
        "Tribunal",
        "Trust",
        "Foundation",
        "Forum",
        "Service",
    ];

    const ORG_FIELDS: &[&str] = &[
        "Supply Coordination",
        "Water Resources",
        "Border Affairs",
        "Humanitarian Access",
        "Civil Protection",
        "Food Security",
        "Refugee Settlement",
        "Public Health",
        "Energy Distribution",
        "Transport Safety",
        "Reconstruction",
        "Monitoring and Verification",
        "Arms Control",
        "Mine Clearance",
        "Medical Relief",
        "Housing Recovery",
        "Rural Development",
        "Maritime Security",
        "Internal Displacement",
        "Telecommunications",
        "Financial Sanctions",
        "Trade Licensing",
        "Cultural Heritage",
        "Environmental Protection",
        "Emergency Planning",
        "Legal Aid",
        "Prison Inspection",
        "Electoral Oversight",
        "Child Protection",
        "Port Operations",
        "Grain Storage",
        "Detention Oversight",
        "Refugee Returns",
        "Aid Logistics",
        "Missing Persons",
        "Human Rights",
        "Ceasefire Monitoring",
        "Customs and Excise",
        "Fuel Allocation",
        "Schools Recovery",
    ];

    const ORG_ADJECTIVES: &[&str] = &[
        "National",
        "Joint",
        "United",
        "International",
        "Regional",
        "Independent",
        "Anglo-Nordic",
        "Trans-Caspian",
        "Federal",
        "Provisional",
        "Interim",
        "Allied",
    ];

    /// Builds terms while keeping names, slugs and aliases unique.
    struct Builder {
        rng: Rng,
        terms: Vec<Term>,
        /// Lowercased names and aliases.
        taken: HashSet<String>,
        /// Slugs of names.
        slugs: HashSet<String>,
    }

    impl Builder {
        /// Adds `count` terms of a taxonomy, starting with its special names.
        fn fill(&mut self, taxonomy: Taxonomy, count: usize) {
            let target = self.terms.len() + count;
            for &(_, name, aliases) in SPECIAL.iter().filter(|s| s.0 == taxonomy) {
                let aliases = aliases.iter().map(|a| a.to_string()).collect();
                self.add(taxonomy, name.to_string(), aliases);
            }
            let mut failures = 0;
            while self.terms.len() < target {
                // Plain names first; longer patterns only once the plain ones run short.
                let (name, aliases) = self.candidate(taxonomy, failures / 40);
                if self.add(taxonomy, name, aliases) {
                    failures = 0;
                } else {
                    failures += 1;
                }
            }
        }

        fn add(&mut self, taxonomy: Taxonomy, name: String, aliases: Vec<String>) -> bool {
            let lower = name.to_lowercase();
            let slug = slugify(&name);
            if slug.is_empty() || self.taken.contains(&lower) || self.slugs.contains(&slug) {
                return false;
            }
            self.taken.insert(lower);
            self.slugs.insert(slug);
            let aliases = aliases
                .into_iter()
                .filter(|alias| self.taken.insert(alias.to_lowercase()))
                .collect();
            self.terms.push(Term {
                name,
                taxonomy,
                aliases,
                see_also: Vec::new(),
                description: String::new(),
            });
            true
        }

        fn candidate(&mut self, taxonomy: Taxonomy, level: usize) -> (String, Vec<String>) {
            match taxonomy {
                Taxonomy::Topics => self.topic(level),
                Taxonomy::People => self.person(level),
                Taxonomy::Organisations => self.organisation(level),
                Taxonomy::Places => self.place(level),
            }
        }

        fn topic(&mut self, level: usize) -> (String, Vec<String>) {
            let rng = &mut self.rng;
            let modifier = rng.pick(TOPIC_MODIFIERS);
            let head = rng.pick(TOPIC_HEADS);
            let mut name = String::new();
            if level > 0 {
                name.push_str(rng.word(TOPIC_QUALIFIERS));
                name.push(' ');
            }
            name.push_str(modifier);
            name.push(' ');
            let stem_len = name.len();
            name.push_str(head);
            let mut aliases = Vec::new();
            if rng.percent(35) {
                // The singular as an alias: "border crossing" for "border crossings".
                let singular = if let Some(stem) = head.strip_suffix("ies") {
                    Some(format!("{stem}y"))
                } else if head.ends_with('s') && !head.ends_with("ss") {
                    Some(head[..head.len() - 1].to_string())
                } else {
                    None
                };
                if let Some(singular) = singular {
                    aliases.push(format!("{}{singular}", &name[..stem_len]));
                }
            }
            (name, aliases)
        }

        fn person(&mut self, level: usize) -> (String, Vec<String>) {
            let rng = &mut self.rng;
            let female = rng.percent(50);
            let given = rng.pick(if female { GIVEN_FEMALE } else { GIVEN_MALE });
            let mut family = rng.pick(FAMILY).to_string();
            if level > 0 || rng.percent(8) {
                family = format!("{family}-{}", rng.pick(FAMILY));
            }
            let name = if level > 1 {
                let initial = char::from(b'A' + rng.below(26) as u8);
                format!("{given} {initial}. {family}")
            } else {
                format!("{given} {family}")
            };
            let mut aliases = Vec::new();
            if rng.percent(40) {
                let titles: &[&str] = if female {
                    &["Ms", "Mrs", "Dr", "Professor", "Baroness", "Dame"]
                } else {
                    &["Mr", "Dr", "Professor", "Lord", "Sir"]
                };
                let title = rng.pick(titles);
                if *title == "Dame" || *title == "Sir" {
                    aliases.push(format!("{title} {given}"));
                } else {
                    aliases.push(format!("{title} {family}"));
                }
            }
            if rng.percent(15) {
                aliases.push(format!("{}. {family}", given.chars().next().unwrap_or('A')));
            }
            (name, aliases)
        }

        fn place_base(rng: &mut Rng, level: usize) -> String {
            let mut base = rng.pick(PLACE_STARTS).to_string();
            if level > 0 {
                base.push_str(&rng.pick(PLACE_STARTS).to_lowercase());
            }
            base.push_str(rng.word(PLACE_ENDS));
            base
        }

        fn place(&mut self, level: usize) -> (String, Vec<String>) {
            let rng = &mut self.rng;
            let base = Self::place_base(rng, level);
            let mut aliases = Vec::new();
            let name = match rng.below(20) {
                0..=8 => {
                    if rng.percent(25) {
                        aliases.push(format!("{base} District"));
                    }
                    base
                }
                9..=15 => {
                    if rng.percent(40) {
                        aliases.push(base.clone());
                    }
                    format!("{base} {}", rng.pick(PLACE_FEATURES))
                }
                16 => format!("Saint-{base}"),
                17 => format!("{base}-on-{}", Self::place_base(rng, 0)),
                18 => {
                    aliases.push(format!("{base} Island"));
                    format!("Île de {base}")
                }
                _ => format!("Vallée de {base}"),
            };
            (name, aliases)
        }

        fn organisation(&mut self, level: usize) -> (String, Vec<String>) {
            let body = *self.rng.pick(ORG_BODIES);
            let field = *self.rng.pick(ORG_FIELDS);
            let mut aliases = Vec::new();
            let name = match (level, self.rng.below(10)) {
                (0, 0..=4) => {
                    if self.rng.percent(30) {
                        let first = field.split(' ').next().unwrap_or(field);
                        aliases.push(format!("{first} {body}"));
                    }
                    format!("{body} of {field}")
                }
                (0, 5..=7) => format!("{} {field} {body}", self.rng.pick(ORG_ADJECTIVES)),
                (0, _) => format!("{} {body}", self.rng.pick(FAMILY)),
                _ => {
                    let places = &self.terms;
                    let place = if self.rng.percent(50) {
                        let candidates: Vec<&Term> = places
                            .iter()
                            .filter(|t| t.taxonomy == Taxonomy::Places)
                            .collect();
                        candidates[self.rng.below(candidates.len())].name.clone()
                    } else {
                        Self::place_base(&mut self.rng, level)
                    };
                    format!("{place} {field} {body}")
                }
            };
            if self.rng.percent(50) {
                let acronym: String = name
                    .split([' ', '-'])
                    .filter_map(|w| w.chars().next())
                    .filter(char::is_ascii_uppercase)
                    .collect();
                if (2..=5).contains(&acronym.len()) {
                    aliases.push(acronym);
                }
            }
            (name, aliases)
        }

        /// Fills in `see_also` and `description` once every name exists.
        fn link_and_describe(&mut self) {
            let total = self.terms.len();
            for i in 0..total {
                let links = match self.rng.below(10) {
                    0..=3 => 0,
                    4..=6 => 1,
                    7..=8 => 2,
                    _ => 3,
                };
                let mut see_also: Vec<usize> = Vec::with_capacity(links);
                for _ in 0..links {
                    let other = self.rng.below(total);
                    if other != i && !see_also.contains(&other) {
                        see_also.push(other);
                    }
                }
                let description = self.describe(i, see_also.first().copied());
                let term = &mut self.terms[i];
                term.see_also = see_also;
                term.description = description;
            }
        }

        fn describe(&mut self, i: usize, related: Option<usize>) -> String {
            let term = &self.terms[i];
            let name = &term.name;
            let related = related.map_or("the wider region", |r| self.terms[r].name.as_str());
            let rng = &mut self.rng;
            match term.taxonomy {
                Taxonomy::Topics => match rng.below(3) {
                    0 => format!("Material on {name}, including its effect on {related}."),
                    1 => format!("Reports, letters and debates about {name}."),
                    _ => format!("Everything on {name} – figures, statements and replies."),
                },
                Taxonomy::People => {
                    let role = rng.pick(&[
                        "Member of Parliament",
                        "government minister",
                        "aid worker",
                        "journalist",
                        "UN official",
                        "diplomat",
                        "council leader",
                        "doctor",
                        "lawyer",
                        "researcher",
                    ]);
                    format!("{name}, {role}; often mentioned alongside {related}.")
                }
                Taxonomy::Organisations => {
                    format!("{name}: a body cited in correspondence and debate about {related}.")
                }
                Taxonomy::Places => {
                    let kind = rng.pick(&["town", "port", "district", "region", "village"]);
                    format!("A {kind} named in reports; see also {related}.")
                }
            }
        }
    }
}

/// Briefing prose assembled from templates.
///
/// A template is plain text with `{TOKEN}` slots: `{P}`, `{O}`, `{L}`, `{T}` name a person,
/// organisation, place or topic (`{P's}` with a possessive); `{D}`, `{DS}` and `{DF}` write a
/// past, spanning or future date; `{C}`, `{I}`, `{R}` and `{S}` write numbers that are not
/// dates; `{Q}` and `{q}` quote; `{-}` is a comma or a dash; `{K}` is the document's kind;
/// `{MY}` its month and year; `{LINK}` and `{EXT}` the targets of links.
mod prose {
    use crate::calendar::{Date, MONTHS, days_in_month, ordinal_suffix};
    use crate::rng::Rng;
    use crate::text::{capitalise_at, push_grouped, push_number, push_two_digits};
    use crate::vocab::{Taxonomy, Vocabulary};

    pub const SENTENCES: &[&str] = &[
        "{D}, {P} wrote to {O} about {T} in {L}.",
        "{P} told the House {D} that {T} in {L} had worsened{-}a view {O} did not dispute.",
        "{O's} assessment of {T} was published {D}.",
        "According to {O}, {C} were affected by {T} in {L} {D}.",
        "The exchange is recorded in Hansard at {R}.",
        "{P's} letter to {O} sets out the position on {T} and {T}.",
        "{D}, {O} confirmed that {T} around {L} would continue.",
        "{L's} council raised {T} with {O} {D}, citing {R}.",
        "In reply, {P} said: {Q}",
        "Officials at {O} said {T} had been discussed with {P} {D}.",
        "{P} asked what assessment {O} had made of {T} in {L}.",
        "The Government's position on {T} has not changed since {P's} statement {D}.",
        "{O} estimates that {C} remain in {L}, where {T} was first reported {D}.",
        "{T} and {T} were raised again {D}{-}this time by {P}.",
        "A note from {O} ({R}) records {C} in the {L} area.",
        "{P} has said that {O's} role in {T} should be reviewed.",
        "{D}, the first reports of {T} reached {O} from {L}.",
        "The figures for {L} include {C}, though {O} has questioned them.",
        "Questions about {T} were put to {P} {D}, and to {O} shortly afterwards.",
        "This {K} draws on material from {O} and from {P's} office.",
        "It was agreed {D} that {O} would lead on {T} in {L}.",
        "{P} noted that {T} in {L} had been discussed in the House ({R}).",
        "Neither {O} nor {O} has published figures on {T} {DS}.",
        "{D}, {P} met representatives of {O} in {L} to discuss {T}.",
        "As {P} put it {D}: {Q}",
        "Under {S}, {O} is required to report on {T} in {L}.",
        "{P} pointed to {S} and to {C} in {L}.",
        "{O} has issued {I} relating to {T} {DS}.",
        "The {K} refers to {I} and to {C} in {L}.",
        "{O} will publish its findings on {T} {DF}.",
        "{P} expects {O} to respond on {T} {DF}.",
        "{DS}, {C} have left {L} because of {T}.",
        "{L} has seen {T} {DS}, and {O} says {I} are outstanding.",
        "{O's} response to {P} did not address {T}.",
        "We understand that {O} met {P} {D} and that {T} was on the agenda.",
        "Reports from {L} {D} described {T} on a scale not seen {DS}.",
        "{P} is due to visit {L} {DF} to review {T}.",
        "The Foreign Secretary's statement {D} mentioned {L's} {T} only once.",
        "{O} told {P} that {T} would be kept under review.",
        "Evidence given to {O} {D} linked {T} to {T}.",
        "It's not clear whether {O} shares {P's} view of {T}.",
        "{P} said {O} hadn't been consulted on {T} before the decision {D}.",
        "The {L} office of {O} reported {C} {D}{-}up from {C} a year earlier.",
        "Campaigners in {L} say {T} has been neglected {DS}.",
        "{P} described {T} in {L} as {q}.",
        "{O} called the decision {q}, according to {P}.",
        "Ministers have described {T} as {q}, but {O} disagrees.",
        "{D}, {O} wrote to {P's} office ({R}).",
        "The debate on {T} {D} lasted three hours; {P} spoke for {O}.",
        "{P} will give evidence on {T} to {O} {DF}.",
    ];

    /// Sentences with no date and few index terms. Real letters and debates spend most of
    /// their words on courtesies, reasoning and background: mixed in at [`PLAIN_PERCENT`],
    /// they bring the pack to the density of dates and index mentions of the sample pack's
    /// source texts (about 11 timeline events and 80 paragraph mentions per 1,000 words).
    pub const PLAIN_SENTENCES: &[&str] = &[
        "Thank you for taking the time to write to me about this.",
        "I share your concern, and I know that many constituents do too.",
        "The Government has been clear that it will continue to work with its partners.",
        "{T} remains a matter of the gravest concern.",
        "I will continue to follow developments closely and to press for action.",
        "It is important that those responsible are held to account.",
        "{O} has repeatedly called for unhindered humanitarian access.",
        "There is, however, much more that needs to be done.",
        "I have raised these points with {P} on several occasions.",
        "The humanitarian situation in {L} continues to deteriorate.",
        "{P} made the same point in the debate that followed.",
        "Aid agencies continue to report serious difficulties in reaching those in need.",
        "Members on all sides of the House expressed their concern about {T}.",
        "The full text of the answer is available from the parliamentary website.",
        "I hope this reply is helpful, and please do not hesitate to contact me again.",
        "We will keep working with {O} to find a way forward.",
        "Many of those affected have already been displaced more than once.",
        "The scale of the suffering is difficult to overstate.",
        "There can be no lasting settlement without a credible political process.",
        "It is vital that {T} is addressed without further delay.",
        "The question was put again in a written answer, with much the same reply.",
        "Nothing in the record suggests that the position has since been reconsidered.",
        "Those who fled have said that they will not return until it is safe to do so.",
        "The figures from {L} are disputed, and no independent count has yet been possible.",
        "Several of the points raised here were also made in correspondence from {L}.",
        "I am grateful to the many constituents who have written on this subject.",
        "Ministers have said they will respond in full once the review is complete.",
        "That view is not shared by everyone who gave evidence to {O}.",
        "Access for journalists and independent observers remains very limited.",
        "The consequences of {T} for the wider region are still not clear.",
    ];

    /// How often a paragraph's sentence is a plain one (no date, few terms), in percent.
    pub const PLAIN_PERCENT: usize = 80;

    pub const QUOTES: &[&str] = &[
        "the situation in {L} remains extremely serious",
        "we will keep {T} under close review",
        "{O} has been clear about its position on {T}",
        "there is no military solution to {T}",
        "nobody in {L} should have to live like this",
        "I have raised {T} directly with {P}",
        "we are pressing {O} for full access to {L}",
        "the figures from {L} are deeply troubling",
        "our priority is {T}, and it will remain so",
        "it's time {O} answered for what happened in {L}",
        "we don't accept {O's} account of events",
    ];

    pub const QUOTE_PHRASES: &[&str] = &[
        "deeply troubling",
        "a matter of the utmost urgency",
        "wholly unacceptable",
        "not sustainable",
        "a humanitarian catastrophe",
        "under active consideration",
        "the worst we've seen",
    ];

    pub const LIST_ITEMS: &[&str] = &[
        "{T} in {L}, and its effect on {C}",
        "the role of {O} in {T}",
        "{C} reported in {L}",
        "{P's} letter to {O}, sent {D}",
        "the findings of {O} ({R})",
        "{I} recorded by {O} {DS}",
        "whether {S} applies to {T}",
        "the next report from {O} on {T}",
        "{T} and {T} around {L}",
        "{L's} request for help with {T}",
    ];

    pub const HEADINGS: &[&str] = &[
        "Background",
        "The situation in {L}",
        "{T}",
        "Correspondence with {O}",
        "Questions to {P}",
        "Figures from {L}",
        "Next steps",
        "The response of {O}",
        "Events of {MY}",
        "{T} and {T}",
        "Summary of the exchange",
        "Annex: references",
    ];

    pub const LINK_SENTENCES: &[&str] = &[
        "For the background, [see the earlier statement]{LINK}.",
        "This follows [the exchange recorded previously]{LINK}.",
        "{P} returned to the point in [a later letter]{LINK}.",
        "The figures are set out in [the report on {T}]{LINK}.",
        "Compare [the account given by {O}]{LINK}.",
        "[An earlier briefing]{LINK} covers {T} in {L}.",
    ];

    pub const EXTERNAL_SENTENCES: &[&str] = &[
        "The full record is [available online]{EXT}.",
        "{O} has published [its own summary]{EXT}.",
        "See also [the transcript]{EXT} for {P's} remarks.",
    ];

    const EVENTS: &[&str] = &[
        "the convoy was hit",
        "the ceasefire collapsed",
        "the talks resumed",
        "the border was closed",
        "the hospital was struck",
        "the statement was published",
    ];

    const SMALL_NUMBERS: &[&str] = &["two", "three", "four", "five", "six", "ten"];

    const PEOPLE_NOUNS: &[&str] = &[
        "civilians",
        "families",
        "displaced people",
        "children",
        "households",
        "refugees",
        "patients",
        "residents",
        "aid workers",
        "detainees",
    ];

    const ITEM_NOUNS: &[&str] = &[
        "new designations",
        "convoys",
        "permits",
        "incidents",
        "air strikes",
        "checkpoints",
        "new licences",
        "reported violations",
    ];

    /// Writes one document's prose into `out`.
    pub struct Writer<'a> {
        pub vocab: &'a Vocabulary,
        pub rng: Rng,
        /// The document's own terms by taxonomy; most mentions come from these.
        pub own: [Vec<usize>; 4],
        /// The document's date; relative dates are worked out from it.
        pub reference: Date,
        pub kind: &'static str,
        /// Whether the document mostly uses curly quotes and apostrophes.
        pub curly: bool,
        /// How many documents the pack has, and this one's number (from 1).
        pub docs: usize,
        pub number: usize,
        /// The term mentioned last, so it is not repeated straight away.
        pub last_term: usize,
        pub out: String,
    }

    impl Writer<'_> {
        /// Expands a template into `out`.
        pub fn expand(&mut self, template: &str) {
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                self.literal(&rest[..open]);
                let close = open + rest[open..].find('}').expect("template token is closed");
                self.token(&rest[open + 1..close]);
                rest = &rest[close + 1..];
            }
            self.literal(rest);
        }

        /// Expands a template into a new string, for front matter.
        pub fn expand_to_string(&mut self, template: &str) -> String {
            let saved = std::mem::take(&mut self.out);
            self.expand(template);
            std::mem::replace(&mut self.out, saved)
        }

        /// One sentence from `templates`, capitalised.
        pub fn sentence(&mut self, templates: &[&str]) {
            let start = self.out.len();
            let template = *self.rng.pick(templates);
            self.expand(template);
            capitalise_at(&mut self.out, start);
        }

        fn literal(&mut self, text: &str) {
            if self.curly {
                let mut parts = text.split('\'');
                if let Some(first) = parts.next() {
                    self.out.push_str(first);
                }
                for part in parts {
                    self.out.push('’');
                    self.out.push_str(part);
                }
            } else {
                self.out.push_str(text);
            }
        }

        fn token(&mut self, token: &str) {
            match token {
                "P" => self.term(Taxonomy::People, false),
                "P's" => self.term(Taxonomy::People, true),
                "O" => self.term(Taxonomy::Organisations, false),
                "O's" => self.term(Taxonomy::Organisations, true),
                "L" => self.term(Taxonomy::Places, false),
                "L's" => self.term(Taxonomy::Places, true),
                "T" => self.term(Taxonomy::Topics, false),
                "D" => self.past_date(),
                "DS" => self.span_date(),
                "DF" => self.future_date(),
                "C" => self.people_count(),
                "I" => self.item_count(),
                "R" => self.reference_number(),
                "S" => self.instrument(),
                "Q" => self.quote(),
                "q" => self.quote_phrase(),
                "-" => self.dash(),
                "K" => self.out.push_str(self.kind),
                "MY" => self.month_year(self.reference),
                "LINK" => self.link_target(),
                "EXT" => self.external_target(),
                _ => panic!("unknown template token {{{token}}}"),
            }
        }

        /// Mostly the document's style, sometimes the other: real packs mix them.
        fn curly_now(&mut self) -> bool {
            self.curly != self.rng.percent(10)
        }

        fn term(&mut self, taxonomy: Taxonomy, possessive: bool) {
            let vocab = self.vocab;
            let own = &self.own[taxonomy as usize];
            let mut index = self.last_term;
            // One retry avoids most "aid access and aid access".
            for _ in 0..2 {
                if index != self.last_term {
                    break;
                }
                index = if !own.is_empty() && self.rng.percent(70) {
                    own[self.rng.below(own.len())]
                } else {
                    let pool = vocab.of(taxonomy);
                    pool[self.rng.skewed(pool.len())]
                };
            }
            self.last_term = index;
            let term = &vocab.terms[index];
            if !term.aliases.is_empty() && self.rng.percent(20) {
                self.out.push_str(self.rng.pick(&term.aliases).as_str());
            } else {
                self.out.push_str(&term.name);
            }
            if possessive {
                let apostrophe = if self.curly_now() { '’' } else { '\'' };
                self.out.push(apostrophe);
                self.out.push('s');
            }
        }

        fn long_date(&mut self, date: Date) {
            push_number(&mut self.out, date.day as u64);
            self.out.push(' ');
            self.month_year(date);
        }

        fn month_year(&mut self, date: Date) {
            self.out.push_str(date.month_name());
            self.out.push(' ');
            push_number(&mut self.out, date.year as u64);
        }

        fn year(&mut self, year: i64) {
            push_number(&mut self.out, year as u64);
        }

        /// A day between 1 January of the reference year and the reference date.
        fn earlier_this_year(&mut self) -> Date {
            let r = self.reference;
            r.add_days(-(self.rng.below(r.day_of_year() as usize + 1) as i64))
        }

        /// A date in the past, in one of the forms the timeline extractor reads.
        fn past_date(&mut self) {
            let r = self.reference;
            let day = r.add_days(-(self.rng.below(400) as i64));
            match self.rng.below(28) {
                0..=2 => {
                    self.out.push_str("on ");
                    self.long_date(day);
                }
                3 => {
                    self.out.push_str("on ");
                    self.out.push_str(day.weekday());
                    self.out.push(' ');
                    self.long_date(day);
                }
                4 => {
                    let day = self.earlier_this_year();
                    self.out.push_str("on the ");
                    push_number(&mut self.out, day.day as u64);
                    self.out.push_str(ordinal_suffix(day.day));
                    self.out.push_str(" of ");
                    self.out.push_str(day.month_name());
                }
                5 => {
                    self.out.push_str("on ");
                    self.out.push_str(day.month_name());
                    self.out.push(' ');
                    push_number(&mut self.out, day.day as u64);
                    self.out.push_str(", ");
                    self.year(day.year);
                }
                6 => {
                    self.out.push_str("on ");
                    push_two_digits(&mut self.out, day.day);
                    self.out.push('/');
                    push_two_digits(&mut self.out, day.month);
                    self.out.push('/');
                    self.year(day.year);
                }
                7 => {
                    self.out.push_str("on ");
                    self.iso_date(day);
                }
                8 | 9 => {
                    let day = self.earlier_this_year();
                    self.out.push_str("on ");
                    push_number(&mut self.out, day.day as u64);
                    self.out.push(' ');
                    self.out.push_str(day.month_name());
                }
                10 | 11 => {
                    self.out.push_str("in ");
                    self.month_year(day);
                }
                12 => {
                    let day = self.earlier_this_year();
                    self.out.push_str("in ");
                    self.out.push_str(day.month_name());
                }
                13 => {
                    self.out.push_str("in ");
                    let year = r.year - 1 - self.rng.below(12) as i64;
                    self.year(year);
                }
                14 => self.out.push_str("yesterday"),
                15 => self.out.push_str("last week"),
                16 => self.out.push_str("last month"),
                17 => self.out.push_str("last year"),
                18 | 19 => {
                    self.out.push_str(self.rng.word(SMALL_NUMBERS));
                    self.out.push_str(if self.rng.percent(80) {
                        " days after "
                    } else {
                        " weeks after "
                    });
                    self.out.push_str(self.rng.word(EVENTS));
                }
                20 => {
                    self.out.push_str(self.rng.word(SMALL_NUMBERS));
                    self.out.push_str(if self.rng.percent(70) {
                        " days later"
                    } else {
                        " weeks later"
                    });
                }
                21 => {
                    self.out.push_str("at the end of ");
                    self.out.push_str(self.rng.word(&MONTHS));
                }
                22 => self.out.push_str("before Christmas"),
                23 | 24 => {
                    self.out
                        .push_str(self.rng.word(&["in early ", "in late ", "in mid-"]));
                    let year = r.year - self.rng.below(6) as i64;
                    self.year(year);
                }
                25 => {
                    self.out.push_str("in the ");
                    self.out
                        .push_str(self.rng.word(&["spring", "summer", "autumn", "winter"]));
                    self.out.push_str(" of ");
                    let year = r.year - self.rng.below(6) as i64;
                    self.year(year);
                }
                _ => {
                    self.out.push_str("on ");
                    self.out.push_str(r.weekday());
                    self.out.push(' ');
                    self.long_date(r);
                }
            }
        }

        fn iso_date(&mut self, day: Date) {
            self.year(day.year);
            self.out.push('-');
            push_two_digits(&mut self.out, day.month);
            self.out.push('-');
            push_two_digits(&mut self.out, day.day);
        }

        /// "since 2011", "between 2014 and 2015"…
        fn span_date(&mut self) {
            let r = self.reference;
            let start = r.year - 1 - self.rng.below(8) as i64;
            match self.rng.below(4) {
                0 | 1 => {
                    self.out.push_str("since ");
                    self.year(start);
                }
                2 => {
                    self.out.push_str("between ");
                    self.year(start);
                    self.out.push_str(" and ");
                    let end = start + 1 + self.rng.below((r.year - start) as usize) as i64;
                    self.year(end);
                }
                _ => {
                    let day = r.add_days(-(self.rng.range(20, 900) as i64));
                    self.out.push_str("since ");
                    if self.rng.percent(50) {
                        self.month_year(day);
                    } else {
                        self.long_date(day);
                    }
                }
            }
        }

        /// "next month", "on 3 December 2016"…
        fn future_date(&mut self) {
            let r = self.reference;
            let day = r.add_days(self.rng.range(1, 200) as i64);
            match self.rng.below(5) {
                0 => self.out.push_str("next month"),
                1 => self.out.push_str("next year"),
                2 => {
                    self.out.push_str("on ");
                    self.long_date(day);
                }
                3 => {
                    self.out.push_str("in ");
                    self.month_year(day);
                }
                _ => {
                    self.out.push_str("by the end of ");
                    self.out.push_str(day.month_name());
                }
            }
        }

        /// "275,000 civilians".
        fn people_count(&mut self) {
            let n = match self.rng.below(4) {
                0 => self.rng.range(2, 99),
                1 => self.rng.range(100, 999),
                2 => self.rng.range(1, 99) * 100,
                _ => self.rng.range(10, 950) * 1000,
            };
            push_grouped(&mut self.out, n as u64);
            self.out.push(' ');
            self.out.push_str(self.rng.word(PEOPLE_NOUNS));
        }

        /// "28 new designations".
        fn item_count(&mut self) {
            push_number(&mut self.out, self.rng.range(2, 400) as u64);
            self.out.push(' ');
            self.out.push_str(self.rng.word(ITEM_NOUNS));
        }

        /// "Volume 615, Column 145", "ref. 906642"; columns sometimes fall on 2010–2024.
        fn reference_number(&mut self) {
            let volume = self.rng.range(560, 720) as u64;
            let column = self.rng.range(1, 2400) as u64;
            match self.rng.below(5) {
                0 => {
                    self.out.push_str("Volume ");
                    push_number(&mut self.out, volume);
                    self.out.push_str(", Column ");
                    push_number(&mut self.out, column);
                }
                1 => {
                    self.out.push_str("Column ");
                    push_number(&mut self.out, column);
                }
                2 => {
                    self.out.push_str("Volume ");
                    push_number(&mut self.out, volume);
                }
                3 => {
                    self.out.push_str("ref. ");
                    push_number(&mut self.out, self.rng.range(100_000, 999_999) as u64);
                }
                _ => {
                    self.out.push_str("HC Deb Volume ");
                    push_number(&mut self.out, volume);
                    self.out.push_str(" Column ");
                    push_number(&mut self.out, column);
                }
            }
        }

        /// "Resolution 2118", "Article 51".
        fn instrument(&mut self) {
            let (name, low, high) = *self.rng.pick(&[
                ("Resolution ", 2000, 2700),
                ("Resolution ", 2100, 2400),
                ("Article ", 1, 60),
                ("section ", 1, 40),
                ("regulation ", 1, 30),
            ]);
            self.out.push_str(name);
            push_number(&mut self.out, self.rng.range(low, high) as u64);
        }

        fn quote_marks(&mut self) -> (char, char) {
            if self.curly_now() {
                ('“', '”')
            } else {
                ('"', '"')
            }
        }

        /// A quoted sentence, closing punctuation inside the quotes.
        fn quote(&mut self) {
            let (open, close) = self.quote_marks();
            self.out.push(open);
            let start = self.out.len();
            let clause = *self.rng.pick(QUOTES);
            self.expand(clause);
            capitalise_at(&mut self.out, start);
            self.out.push('.');
            self.out.push(close);
        }

        fn quote_phrase(&mut self) {
            let (open, close) = self.quote_marks();
            self.out.push(open);
            let phrase = *self.rng.pick(QUOTE_PHRASES);
            self.literal(phrase);
            self.out.push(close);
        }

        fn dash(&mut self) {
            let dash = *self.rng.pick(&[", ", ", ", ", ", " – ", " – ", " — ", "—"]);
            self.out.push_str(dash);
        }

        /// `(doc-00042.md#p2)`: another document, one of its first three paragraphs.
        fn link_target(&mut self) {
            let mut target = 1 + self.rng.below(self.docs.saturating_sub(1).max(1));
            if self.docs > 1 && target >= self.number {
                target += 1;
            }
            self.out.push_str("(doc-");
            let start = self.out.len();
            push_number(&mut self.out, target as u64);
            let digits = self.out.len() - start;
            for _ in digits..5 {
                self.out.insert(start, '0');
            }
            self.out.push_str(".md#p");
            push_number(&mut self.out, self.rng.range(1, 3) as u64);
            self.out.push(')');
        }

        fn external_target(&mut self) {
            self.out.push_str("(https://example.org/");
            self.out.push_str(
                self.rng
                    .word(&["records/", "hansard/", "reports/", "letters/"]),
            );
            push_number(&mut self.out, self.rng.range(100_000, 999_999) as u64);
            self.out.push(')');
        }

        /// A short date for tables, in one of two styles.
        pub fn table_date(&mut self) {
            let day = self.reference.add_days(-(self.rng.below(200) as i64));
            if self.rng.percent(50) {
                self.long_date(day);
            } else {
                self.iso_date(day);
            }
        }

        /// A plausible date of the reference year for structured data (JSON, code).
        pub fn data_date(&mut self) {
            let r = self.reference;
            let month = self.rng.range(1, 12);
            let day = self.rng.range(1, days_in_month(r.year, month));
            self.iso_date(Date {
                year: r.year,
                month,
                day,
            });
        }
    }
}

/// One document: front matter and a Markdown body.
mod document {
    use crate::Settings;
    use crate::calendar::{Date, days_in_month};
    use crate::prose::{
        EXTERNAL_SENTENCES, HEADINGS, LINK_SENTENCES, LIST_ITEMS, PLAIN_PERCENT, PLAIN_SENTENCES,
        QUOTES, SENTENCES, Writer,
    };
    use crate::rng::Rng;
    use crate::text::{
        capitalise_at, push_grouped, push_number, push_toml_array, push_toml_pair, push_two_digits,
    };
    use crate::vocab::{Taxonomy, Vocabulary};

    const KINDS: [&str; 6] = [
        "letter",
        "debate",
        "statement",
        "report",
        "article",
        "briefing",
    ];

    /// The text of `content/doc-NNNNN.md` for document `number` (from 1).
    pub fn render(vocab: &Vocabulary, settings: &Settings, number: usize) -> String {
        let mut rng = Rng::new(settings.seed, number as u64);
        let kind = KINDS[rng.below(KINDS.len())];
        let year = 2010 + rng.below(15) as i64;
        let month = rng.range(1, 12);
        let day = rng.range(1, days_in_month(year, month));
        let reference = Date { year, month, day };
        let mut own: [Vec<usize>; 4] = Default::default();
        for (taxonomy, count) in [
            (Taxonomy::Topics, 6),
            (Taxonomy::People, 3),
            (Taxonomy::Organisations, rng.range(1, 3)),
            (Taxonomy::Places, rng.range(1, 3)),
        ] {
            own[taxonomy as usize] = pick_distinct(&mut rng, vocab.of(taxonomy), count);
        }
        let curly = rng.percent(60);
        let mut writer = Writer {
            vocab,
            rng,
            own,
            reference,
            kind,
            curly,
            docs: settings.docs,
            number,
            last_term: usize::MAX,
            out: String::with_capacity(16 * 1024),
        };
        front_matter(&mut writer);
        body(&mut writer);
        writer.out
    }

    /// Distinct, mostly popular picks from `pool`.
    fn pick_distinct(rng: &mut Rng, pool: &[usize], count: usize) -> Vec<usize> {
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count.min(pool.len()) {
            let candidate = pool[rng.skewed(pool.len())];
            if !chosen.contains(&candidate) {
                chosen.push(candidate);
            }
        }
        chosen
    }

    fn front_matter(w: &mut Writer) {
        let vocab = w.vocab;
        let own = &w.own;
        let name =
            |taxonomy: Taxonomy, i: usize| vocab.terms[own[taxonomy as usize][i]].name.as_str();
        let topic = name(Taxonomy::Topics, 0);
        let other_topic = name(Taxonomy::Topics, 1);
        let author = name(Taxonomy::People, 0);
        let place = name(Taxonomy::Places, 0);
        let organisation = name(Taxonomy::Organisations, 0);
        let when = format!("{} {}", w.reference.month_name(), w.reference.year);
        let (title, role, publisher) = match w.kind {
            "letter" => (
                format!("Letter from {author} on {topic}"),
                format!("MP for {place}"),
                format!("Office of {author}"),
            ),
            "debate" => (
                format!("Debate on {topic} and {other_topic}"),
                "Minister of State".to_string(),
                "Hansard".to_string(),
            ),
            "statement" => (
                format!("Statement by {organisation} on {topic}"),
                format!("Spokesperson, {organisation}"),
                organisation.to_string(),
            ),
            "report" => (
                format!("Report on {topic} in {place}"),
                format!("Director, {organisation}"),
                organisation.to_string(),
            ),
            "article" => (
                format!("{place} and the question of {topic}"),
                format!("Correspondent in {place}"),
                format!("The {place} Chronicle"),
            ),
            _ => (
                format!("Briefing: {topic} ({when})"),
                "Researcher".to_string(),
                "House of Commons Library".to_string(),
            ),
        };
        let summary = format!(
            "A {} on {topic} and {other_topic}, with particular reference to {place} and the work of {organisation}.",
            w.kind
        );

        let mut fm = String::with_capacity(1024);
        fm.push_str("+++\n");
        push_toml_pair(&mut fm, "title", &title);
        let r = w.reference;
        let mut date = String::with_capacity(10);
        push_number(&mut date, r.year as u64);
        match w.rng.below(100) {
            0..=1 => date.clear(),
            2..=4 => {}
            5..=19 => {
                date.push('-');
                push_two_digits(&mut date, r.month);
            }
            _ => {
                date.push('-');
                push_two_digits(&mut date, r.month);
                date.push('-');
                push_two_digits(&mut date, r.day);
            }
        }
        if !date.is_empty() {
            push_toml_pair(&mut fm, "date", &date);
        }
        push_toml_pair(&mut fm, "kind", w.kind);
        push_toml_pair(&mut fm, "author", author);
        push_toml_pair(&mut fm, "author_role", &role);
        push_toml_pair(&mut fm, "publisher", &publisher);
        push_toml_pair(&mut fm, "summary", &summary);
        for taxonomy in Taxonomy::ALL {
            let names = w.own[taxonomy as usize]
                .iter()
                .map(|&i| vocab.terms[i].name.as_str());
            push_toml_array(&mut fm, taxonomy.key(), names);
        }
        fm.push_str("+++\n\n");
        w.out.push_str(&fm);
    }

    /// Sections of prose until the document reaches its length. The first three blocks are
    /// always paragraphs, so links to `#p1`–`#p3` always resolve.
    fn body(w: &mut Writer) {
        // Mostly short with a long tail to about 4,000 words: about 1,400 on average.
        let u = w.rng.below(1001);
        let target_words = 350 + 3550 * u * u * u / 1_000_000_000;
        let mut links_left = if w.docs > 1 { w.rng.range(0, 4) } else { 0 };
        let mut table = w.rng.percent(10);
        let mut code = w.rng.percent(10);
        let mut external = w.rng.percent(30);
        let mut words = 0;
        for _ in 0..3 {
            words += paragraph(w, &mut links_left, &mut external);
        }
        while words < target_words || table || code {
            words += heading(w);
            for block in 0..w.rng.range(1, 4) {
                if block > 0 && words >= target_words && !table && !code {
                    break;
                }
                let start = w.out.len();
                if table && w.rng.percent(30) {
                    table = false;
                    write_table(w);
                } else if code && w.rng.percent(30) {
                    code = false;
                    code_block(w);
                } else {
                    match w.rng.below(100) {
                        0..=71 => {
                            paragraph(w, &mut links_left, &mut external);
                        }
                        72..=81 => list(w, false),
                        82..=88 => list(w, true),
                        _ => blockquote(w),
                    }
                }
                words += count_words(&w.out[start..]);
            }
        }
    }

    fn count_words(text: &str) -> usize {
        text.bytes().filter(|&b| b == b' ').count()
    }

    /// A paragraph of 2–6 sentences; may end with a link. Returns its word count.
    fn paragraph(w: &mut Writer, links_left: &mut usize, external: &mut bool) -> usize {
        let start = w.out.len();
        for i in 0..w.rng.range(2, 6) {
            if i > 0 {
                w.out.push(' ');
            }
            if w.rng.percent(PLAIN_PERCENT) {
                w.sentence(PLAIN_SENTENCES);
            } else {
                w.sentence(SENTENCES);
            }
        }
        if *links_left > 0 && w.rng.percent(25) {
            *links_left -= 1;
            w.out.push(' ');
            w.sentence(LINK_SENTENCES);
        }
        if *external && w.rng.percent(20) {
            *external = false;
            w.out.push(' ');
            w.sentence(EXTERNAL_SENTENCES);
        }
        w.out.push_str("\n\n");
        count_words(&w.out[start..])
    }

    fn heading(w: &mut Writer) -> usize {
        let start = w.out.len();
        w.out.push_str("## ");
        w.sentence(HEADINGS);
        w.out.push_str("\n\n");
        count_words(&w.out[start..])
    }

    fn list(w: &mut Writer, numbered: bool) {
        let items = w.rng.range(3, 6);
        for i in 1..=items {
            if numbered {
                push_number(&mut w.out, i as u64);
                w.out.push_str(". ");
            } else {
                w.out.push_str("- ");
            }
            w.sentence(LIST_ITEMS);
            w.out.push_str(if i == items { ".\n" } else { ";\n" });
        }
        w.out.push('\n');
    }

    fn blockquote(w: &mut Writer) {
        w.out.push_str("> ");
        for i in 0..w.rng.range(1, 3) {
            if i > 0 {
                w.out.push(' ');
            }
            w.sentence(QUOTES);
            w.out.push('.');
        }
        w.out.push_str("\n>\n> ");
        w.expand("— {P}, {O}");
        w.out.push_str("\n\n");
    }

    fn write_table(w: &mut Writer) {
        w.out
            .push_str("| Date | Place | Reported | Source |\n| --- | --- | --- | --- |\n");
        for _ in 0..w.rng.range(3, 7) {
            w.out.push_str("| ");
            w.table_date();
            w.out.push_str(" | ");
            w.expand("{L} | {C} | {O} |\n");
        }
        w.out.push('\n');
    }

    fn code_block(w: &mut Writer) {
        let curly = std::mem::replace(&mut w.curly, false);
        let place = w.expand_to_string("{L}");
        let reported = 10 + w.rng.below(20_000) as u64;
        let reference = w.rng.range(100_000, 999_999) as u64;
        let language = *w.rng.pick(&["json", "python", "rust", "sh"]);
        w.out.push_str("```");
        w.out.push_str(language);
        w.out.push('\n');
        match language {
            "json" => {
                w.out.push_str("{\n  \"ref\": ");
                push_number(&mut w.out, reference);
                w.out.push_str(",\n  \"place\": \"");
                w.out.push_str(&place);
                w.out.push_str("\",\n  \"date\": \"");
                w.data_date();
                w.out.push_str("\",\n  \"reported\": ");
                push_number(&mut w.out, reported);
                w.out.push_str("\n}\n");
            }
            "python" => {
                w.out
                    .push_str("records = [r for r in load_records() if r[\"place\"] == \"");
                w.out.push_str(&place);
                w.out
                    .push_str("\"]\ntotal = sum(r[\"reported\"] for r in records)\n");
                w.out
                    .push_str("print(f\"{len(records)} records, {total} reported\")\n");
            }
            "rust" => {
                w.out.push_str("let place = \"");
                w.out.push_str(&place);
                w.out.push_str("\";\nlet reported: u32 = ");
                push_number(&mut w.out, reported);
                w.out
                    .push_str(";\nprintln!(\"{place}: {reported} reported by ");
                w.data_date();
                w.out.push_str("\");\n");
            }
            _ => {
                w.out.push_str("grep -c \"");
                w.out.push_str(&place);
                w.out
                    .push_str("\" content/*.md\ncurl -s https://example.org/records/");
                push_number(&mut w.out, reference);
                w.out.push_str(" | jq .reported\n");
            }
        }
        w.out.push_str("```\n\n");
        w.curly = curly;
        // A paragraph after code keeps the section readable.
        let start = w.out.len();
        w.out.push_str("the figure of ");
        push_grouped(&mut w.out, reported);
        w.expand(" above is taken from the records of {O} for {L}.\n\n");
        capitalise_at(&mut w.out, start);
    }
}

/// Writing the pack to disk.
mod pack {
    use std::fs;
    use std::io::{self, BufWriter, Write};
    use std::path::Path;

    use crate::Settings;
    use crate::document;
    use crate::text::{push_number, push_toml_pair};
    use crate::vocab::Vocabulary;

    /// What was written.
    pub struct Summary {
        pub documents: usize,
        pub terms: usize,
        pub bytes: u64,
    }

    /// Writes the whole pack into `dir`.
    pub fn write(dir: &Path, settings: &Settings, force: bool) -> io::Result<Summary> {
        prepare(dir, force)?;
        let content = dir.join("content");
        fs::create_dir_all(&content)?;
        let vocab = Vocabulary::generate(settings.seed, settings.terms);

        let mut config = String::new();
        let mut title = String::from("Generated benchmark pack (");
        push_number(&mut title, settings.docs as u64);
        title.push_str(" documents)");
        push_toml_pair(&mut config, "title", &title);
        let description = format!(
            "Synthetic briefing pack of {} documents and {} index terms, written by gen-pack with seed {} to benchmark Casebook. All names are invented.",
            settings.docs,
            vocab.terms.len(),
            settings.seed
        );
        push_toml_pair(&mut config, "description", &description);
        push_toml_pair(&mut config, "language", "en-GB");
        fs::write(dir.join("config.toml"), &config)?;

        let index = vocab.index_toml();
        fs::write(dir.join("index.toml"), &index)?;

        let mut bytes = (config.len() + index.len()) as u64;
        let mut path = content.join("doc-00000.md");
        for number in 1..=settings.docs {
            let text = document::render(&vocab, settings, number);
            path.set_file_name(format!("doc-{number:05}.md"));
            let mut file = BufWriter::with_capacity(64 * 1024, fs::File::create(&path)?);
            file.write_all(text.as_bytes())?;
            file.flush()?;
            bytes += text.len() as u64;
        }
        Ok(Summary {
            documents: settings.docs,
            terms: vocab.terms.len(),
            bytes,
        })
    }

    /// Refuses a non-empty folder unless forced; when forced, removes earlier documents.
    fn prepare(dir: &Path, force: bool) -> io::Result<()> {
        if !dir.exists() {
            return fs::create_dir_all(dir);
        }
        if fs::read_dir(dir)?.next().is_none() {
            return Ok(());
        }
        if !force {
            return Err(io::Error::other(
                "folder exists and is not empty (use --force to write into it)",
            ));
        }
        let content = dir.join("content");
        if content.is_dir() {
            for entry in fs::read_dir(&content)? {
                let entry = entry?;
                if is_generated_name(&entry.file_name().to_string_lossy()) {
                    fs::remove_file(entry.path())?;
                }
            }
        }
        Ok(())
    }

    /// `doc-NNNNN.md`, with a sixth digit from document 100,000 on.
    pub(super) fn is_generated_name(name: &str) -> bool {
        name.strip_prefix("doc-")
            .and_then(|rest| rest.strip_suffix(".md"))
            .is_some_and(|digits| {
                (5..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
            })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap, HashSet};
    use std::fs;
    use std::path::{Path, PathBuf};

    use std::sync::Arc;

    use casebook::analyse::{AnalysisTimes, analyse_document, load_vocabulary};
    use casebook::config::load_config;
    use casebook::pack::Pack;
    use casebook::source::{discover_sources, parse_document};

    use crate::calendar::Date;
    use crate::rng::Rng;
    use crate::vocab::{Taxonomy, Vocabulary, fold, slugify};
    use crate::{Settings, pack, prose};

    const SMALL: Settings = Settings {
        docs: 50,
        seed: 7,
        terms: 300,
    };

    /// A folder under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let path = std::env::temp_dir().join(format!("gen-pack-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Every file under `dir`, by relative path.
    fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    files.insert(name, fs::read(&path).unwrap());
                }
            }
        }
        files
    }

    /// A TOML value as the generator writes them: a basic string or an array of them.
    #[derive(Debug, Clone, PartialEq)]
    enum Value {
        Str(String),
        List(Vec<String>),
    }

    /// Reads one basic string at the start of `text`; returns it and the rest.
    fn parse_string(text: &str) -> (String, &str) {
        let body = text.strip_prefix('"').expect("string starts with a quote");
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return (value, &body[i + 1..]),
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('"') => value.push('"'),
                    Some('\\') => value.push('\\'),
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    other => panic!("unexpected escape {other:?}"),
                },
                c => value.push(c),
            }
        }
        panic!("unterminated string in {text}");
    }

    fn parse_value(text: &str) -> Value {
        if let Some(mut rest) = text.strip_prefix('[') {
            let mut items = Vec::new();
            loop {
                rest = rest.trim_start_matches([',', ' ']);
                if let Some(after) = rest.strip_prefix(']') {
                    assert!(after.is_empty(), "junk after array: {after}");
                    return Value::List(items);
                }
                let (item, after) = parse_string(rest);
                items.push(item);
                rest = after;
            }
        }
        let (value, rest) = parse_string(text);
        assert!(rest.is_empty(), "junk after string: {rest}");
        Value::Str(value)
    }

    /// `key = value` lines, skipping blanks and comments.
    fn parse_pairs(text: &str) -> Vec<(String, Value)> {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|line| {
                let (key, value) = line.split_once(" = ").expect("key = value");
                (key.to_string(), parse_value(value))
            })
            .collect()
    }

    struct IndexTerm {
        name: String,
        taxonomy: String,
        aliases: Vec<String>,
        see_also: Vec<String>,
    }

    fn parse_index(text: &str) -> Vec<IndexTerm> {
        let mut blocks = text.split("[[terms]]\n");
        let header = blocks.next().unwrap();
        assert!(header.lines().all(|l| l.is_empty() || l.starts_with('#')));
        blocks
            .map(|block| {
                let mut term = IndexTerm {
                    name: String::new(),
                    taxonomy: String::new(),
                    aliases: Vec::new(),
                    see_also: Vec::new(),
                };
                let mut description = false;
                for (key, value) in parse_pairs(block) {
                    match (key.as_str(), value) {
                        ("name", Value::Str(v)) => term.name = v,
                        ("taxonomy", Value::Str(v)) => term.taxonomy = v,
                        ("aliases", Value::List(v)) => term.aliases = v,
                        ("see_also", Value::List(v)) => term.see_also = v,
                        ("description", Value::Str(v)) => description = !v.is_empty(),
                        (key, value) => panic!("unexpected {key} = {value:?}"),
                    }
                }
                assert!(!term.name.is_empty() && description, "incomplete term");
                term
            })
            .collect()
    }

    /// Splits a document into front matter and body.
    fn split(doc: &str) -> (&str, &str) {
        let rest = doc.strip_prefix("+++\n").expect("front matter opens");
        let end = rest.find("\n+++\n").expect("front matter closes");
        (&rest[..=end], &rest[end + 5..])
    }

    /// Generates the small pack once per test and returns its files.
    fn small_pack(name: &str) -> (TempDir, BTreeMap<String, Vec<u8>>) {
        let dir = TempDir::new(name);
        let summary = pack::write(&dir.0, &SMALL, false).unwrap();
        assert_eq!(summary.documents, SMALL.docs);
        let files = read_tree(&dir.0);
        (dir, files)
    }

    fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
        String::from_utf8(files[name].clone()).unwrap()
    }

    fn documents(files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
        files
            .iter()
            .filter_map(|(name, bytes)| {
                let file = name.strip_prefix("content/")?;
                Some((file.to_string(), String::from_utf8(bytes.clone()).unwrap()))
            })
            .collect()
    }

    #[test]
    fn same_seed_gives_identical_bytes() {
        let (_a, first) = small_pack("same-a");
        let (_b, second) = small_pack("same-b");
        assert_eq!(first.len(), SMALL.docs + 2);
        assert_eq!(first, second);
        let other = TempDir::new("same-other-seed");
        pack::write(&other.0, &Settings { seed: 8, ..SMALL }, false).unwrap();
        assert_ne!(first, read_tree(&other.0));
    }

    #[test]
    fn a_pack_of_a_hundred_thousand_documents_can_be_asked_for_and_replaced() {
        use clap::Parser;
        let args = super::Args::try_parse_from(["gen-pack", "--docs", "100000", "--out", "x"]);
        assert_eq!(args.map(|a| a.docs).ok(), Some(100_000));
        assert!(pack::is_generated_name("doc-00042.md"));
        assert!(pack::is_generated_name("doc-100000.md"));
        assert!(!pack::is_generated_name("doc-42.md"));
        assert!(!pack::is_generated_name("notes.md"));
    }

    #[test]
    fn refuses_a_non_empty_folder_unless_forced() {
        let dir = TempDir::new("force");
        pack::write(&dir.0, &Settings { docs: 5, ..SMALL }, false).unwrap();
        assert!(pack::write(&dir.0, &Settings { docs: 3, ..SMALL }, false).is_err());
        pack::write(&dir.0, &Settings { docs: 3, ..SMALL }, true).unwrap();
        let files = read_tree(&dir.0);
        assert_eq!(documents(&files).len(), 3, "stale documents are removed");
    }

    #[test]
    fn links_target_existing_documents_and_first_three_paragraphs() {
        let (_dir, files) = small_pack("links");
        let mut links = 0;
        for (name, doc) in documents(&files) {
            for (at, _) in doc.match_indices("](doc-") {
                let target = &doc[at + 2..];
                let target = &target[..target.find(')').unwrap()];
                let (file, anchor) = target.split_once('#').expect("link has an anchor");
                assert!(
                    files.contains_key(&format!("content/{file}")),
                    "{name}: {target}"
                );
                assert_ne!(file, name, "{name} links to itself");
                assert!(["p1", "p2", "p3"].contains(&anchor), "{name}: {target}");
                links += 1;
            }
            assert_eq!(
                doc.matches("](").count(),
                doc.matches("](doc-").count() + doc.matches("](https://example.org/").count()
            );
        }
        assert!(links > 20, "only {links} links");
    }

    #[test]
    fn front_matter_uses_known_keys_and_existing_terms() {
        let (_dir, files) = small_pack("front-matter");
        let index = parse_index(&text(&files, "index.toml"));
        let taxonomy_of: HashMap<&str, &str> = index
            .iter()
            .map(|t| (t.name.as_str(), t.taxonomy.as_str()))
            .collect();
        let allowed = [
            "title",
            "date",
            "kind",
            "author",
            "author_role",
            "publisher",
            "summary",
            "topics",
            "people",
            "organisations",
            "places",
        ];
        let mut undated = 0;
        for (name, doc) in documents(&files) {
            let (front, _) = split(&doc);
            let pairs: HashMap<String, Value> = parse_pairs(front).into_iter().collect();
            for key in pairs.keys() {
                assert!(allowed.contains(&key.as_str()), "{name}: unknown key {key}");
            }
            match pairs.get("date") {
                Some(Value::Str(date)) => {
                    assert!([4, 7, 10].contains(&date.len()), "{name}: {date}");
                    let year: i64 = date[..4].parse().unwrap();
                    assert!((2010..=2024).contains(&year));
                }
                Some(other) => panic!("{name}: date {other:?}"),
                None => undated += 1,
            }
            for (key, count) in [
                ("topics", 6),
                ("people", 3),
                ("organisations", 0),
                ("places", 0),
            ] {
                let Some(Value::List(names)) = pairs.get(key) else {
                    panic!("{name}: no {key}");
                };
                assert!(count == 0 || names.len() == count, "{name}: {key}");
                assert!(!names.is_empty());
                for term in names {
                    assert_eq!(taxonomy_of.get(term.as_str()), Some(&key), "{name}: {term}");
                }
            }
            for key in [
                "title",
                "kind",
                "author",
                "author_role",
                "publisher",
                "summary",
            ] {
                assert!(
                    matches!(pairs.get(key), Some(Value::Str(_))),
                    "{name}: {key}"
                );
            }
        }
        assert!(undated < SMALL.docs / 4);
    }

    #[test]
    fn vocabulary_names_slugs_and_aliases_are_unique() {
        let (_dir, files) = small_pack("vocabulary");
        let index = parse_index(&text(&files, "index.toml"));
        assert!(index.len() >= SMALL.terms);
        let mut names = HashSet::new();
        let mut slugs = HashSet::new();
        for term in &index {
            assert!(names.insert(term.name.to_lowercase()), "name {}", term.name);
            let slug = slugify(&term.name);
            assert!(
                !slug.is_empty() && slugs.insert(slug),
                "slug of {}",
                term.name
            );
            assert!(Taxonomy::ALL.iter().any(|t| t.key() == term.taxonomy));
            for c in term.name.chars().filter(|c| !c.is_ascii()) {
                assert!(fold(c).is_some(), "{c} in {} has no ASCII form", term.name);
            }
        }
        let mut aliases = HashSet::new();
        for term in &index {
            for alias in &term.aliases {
                let lower = alias.to_lowercase();
                assert!(!names.contains(&lower), "alias {alias} is a name");
                assert!(aliases.insert(lower), "alias {alias} repeated");
            }
            for other in &term.see_also {
                assert!(names.contains(&other.to_lowercase()), "see_also {other}");
                assert_ne!(other, &term.name);
            }
        }
        assert!(index.iter().any(|t| t.name.contains('-')));
        assert!(index.iter().any(|t| !t.name.is_ascii()));
        assert!(aliases.len() > index.len() / 10);
    }

    #[test]
    fn documents_open_with_three_paragraphs() {
        let (_dir, files) = small_pack("paragraphs");
        for (name, doc) in documents(&files) {
            let (_, body) = split(&doc);
            let blocks: Vec<&str> = body
                .split("\n\n")
                .filter(|b| !b.trim().is_empty())
                .collect();
            assert!(blocks.len() >= 3, "{name}");
            for block in &blocks[..3] {
                let block = block.trim_matches('\n');
                let first = block.chars().next().unwrap();
                assert!(first.is_alphabetic() || first == '[', "{name}: {block}");
                assert!(!block.contains('\n'), "{name}: one line per paragraph");
            }
        }
    }

    /// Timeline events and paragraph mentions of index terms per 1,000 words of a pack's
    /// texts, as Casebook finds them.
    fn density(root: &Path) -> (f64, f64) {
        let config = load_config(root).unwrap();
        let (vocabulary, matcher) = load_vocabulary(root, &config).unwrap();
        let (sources, errors) = discover_sources(root);
        assert!(errors.is_empty());
        let mut words = 0;
        let mut entries = Vec::new();
        for source in &sources {
            let bytes = fs::read(root.join(&source.path)).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let body = text.splitn(3, "+++").last().unwrap_or_default();
            words += body.split_whitespace().count();
            let document = parse_document(source, &bytes, &config).unwrap();
            let analysis =
                analyse_document(&document, &matcher, &config, &mut AnalysisTimes::default());
            entries.push((Arc::new(document), Arc::new(analysis)));
        }
        let pack = Pack::assemble(config, entries, false, &vocabulary, None).unwrap();
        let events = pack.analysis.chronology.timeline.events.len();
        let mentions: usize = (pack.analysis.topics.entries.iter())
            .flat_map(|entry| &entry.locators)
            .map(|locator| locator.paragraphs.len())
            .sum();
        let per_thousand_words = |n: usize| n as f64 * 1000.0 / words as f64;
        (per_thousand_words(events), per_thousand_words(mentions))
    }

    #[test]
    fn dates_and_index_mentions_are_as_dense_as_in_the_sample_pack() {
        let dir = TempDir::new("density");
        let settings = Settings {
            docs: 40,
            seed: 1,
            terms: 2000,
        };
        pack::write(&dir.0, &settings, false).unwrap();
        let (events, mentions) = density(&dir.0);
        let (sample_events, sample_mentions) = density(Path::new(env!("CARGO_MANIFEST_DIR")));
        for (what, generated, sample) in [
            ("timeline events", events, sample_events),
            ("paragraph mentions", mentions, sample_mentions),
        ] {
            let ratio = generated / sample;
            assert!(
                (0.75..=1.33).contains(&ratio),
                "{what}: {generated:.1} per 1,000 words, the sample pack {sample:.1}"
            );
        }
    }

    #[test]
    fn prose_has_dates_terms_and_lookalike_numbers() {
        let (_dir, files) = small_pack("prose");
        let all: String = documents(&files).into_iter().map(|(_, d)| d).collect();
        for needle in [
            "’s ",
            "'s ",
            "“",
            "\"",
            " – ",
            "yesterday",
            "last week",
            "days after",
            "since 20",
            "between 20",
            "Volume ",
            "Column ",
            "ref. ",
            "Resolution ",
            "## ",
            "- ",
            "1. ",
            "> ",
            "```",
            "| --- |",
            "https://example.org/",
        ] {
            assert!(all.contains(needle), "no {needle:?} in the pack");
        }
    }

    #[test]
    fn every_template_expands() {
        let vocab = Vocabulary::generate(1, 100);
        let mut writer = prose::Writer {
            vocab: &vocab,
            rng: Rng::new(1, 1),
            own: Default::default(),
            reference: Date {
                year: 2016,
                month: 10,
                day: 18,
            },
            kind: "letter",
            curly: true,
            docs: 10,
            number: 3,
            last_term: usize::MAX,
            out: String::new(),
        };
        for list in [
            prose::SENTENCES,
            prose::PLAIN_SENTENCES,
            prose::QUOTES,
            prose::QUOTE_PHRASES,
            prose::LIST_ITEMS,
            prose::HEADINGS,
            prose::LINK_SENTENCES,
            prose::EXTERNAL_SENTENCES,
        ] {
            for template in list {
                let text = writer.expand_to_string(template);
                assert!(
                    !text.is_empty() && !text.contains('{'),
                    "{template} gave {text}"
                );
            }
        }
    }

    #[test]
    fn calendar_round_trips_and_names_weekdays() {
        let date = Date {
            year: 2016,
            month: 10,
            day: 18,
        };
        assert_eq!(date.weekday(), "Tuesday");
        assert_eq!(Date::from_days(date.days()), date);
        assert_eq!(date.add_days(-18 - 30).month_name(), "August");
        assert_eq!(
            Date {
                year: 2024,
                month: 2,
                day: 28
            }
            .add_days(1),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        assert_eq!(
            Date::from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
    }
}
