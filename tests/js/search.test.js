// Tests of search.js against an index that Rust built (src/search/index_tests.rs) from real
// Hansard and letter text. Run with `node --test tests/js/`; no packages needed.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { generatePack, engineFor } = require("./generated-pack.js");

const SITE = path.join(__dirname, "..", "fixtures", "search", "site");
const SCRIPT = path.join(__dirname, "..", "..", "themes", "default", "static", "search.js");
const DEBATE = "hansard-2016-10-18-aleppo-bombings";
const LETTER = "mp-reply-aleppo-november-2016";

// A fake window with no document: search.js then defines its engine and skips the page.
function load() {
  const context = vm.createContext({ console });
  context.window = context;
  vm.runInContext(fs.readFileSync(SCRIPT, "utf8"), context);
  const loaded = [];
  const engine = context.casebookSearch.createEngine("", (url, done) => {
    loaded.push(url);
    const file = path.join(SITE, url);
    if (fs.existsSync(file)) vm.runInContext(fs.readFileSync(file, "utf8"), context);
    done();
  });
  return { api: context.casebookSearch, engine, loaded };
}

// Values made in the vm context have its own Array prototype; strict deep equality
// needs them copied into this one.
const plain = (value) => JSON.parse(JSON.stringify(value));

// [slug, paragraph id] of every paragraph shown, best first.
async function found(query, filters) {
  const { engine } = load();
  const result = await engine.search(query, filters);
  return plain(result.docs.flatMap((r) => r.paragraphs.map((p) => [r.doc.slug, p.id])));
}

test("Lavrov finds the paragraph that names him", async () => {
  assert.deepEqual(await found("Lavrov"), [[DEBATE, "p3"]]);
  assert.deepEqual(await found("lavrov "), [[DEBATE, "p3"]]);
});

test("a quoted phrase finds only paragraphs with that phrase", async () => {
  assert.deepEqual(await found('"responsibility to protect"'), [[DEBATE, "p6"]]);
  // Unquoted, the shared stem also finds "responsible parties" in p7.
  const loose = await found("responsibility");
  assert.ok(loose.some(([, id]) => id === "p7"), JSON.stringify(loose));
  assert.deepEqual(await found('"protect responsibility"'), []);
  assert.deepEqual(await found('"responsibility to protect'), [[DEBATE, "p6"]], "unclosed while typing");
});

test("a prefix of the word being typed finds its completions", async () => {
  assert.deepEqual(await found("lav"), [[DEBATE, "p3"]]);
  assert.deepEqual(await found("lav "), [], "a finished word is not a prefix");
  assert.deepEqual(await found("security cou"), await found("security council"));
  assert.equal((await found("security council")).length, 2);
});

test("stemming: bombings finds bombing, and the title match boosts it", async () => {
  const { engine } = load();
  const result = await engine.search("bombings");
  assert.equal(result.docs[0].doc.slug, DEBATE);
  assert.equal(result.docs[0].paragraphs[0].id, "p3");
  assert.deepEqual(await found("bombing"), await found("bombings"));
  // "bombed" is nowhere in the pack; its inflections that are, are found instead.
  assert.deepEqual(await found("bombed"), await found("bombings"));
  assert.deepEqual(await found("protected"), await found("protect"));
});

test("results link to the paragraph, with index.html when read from disk", async () => {
  const { api, engine } = load();
  const result = await engine.search("Lavrov");
  const [hit] = result.docs;
  assert.equal(api.resultHref("../", "", hit.doc, hit.paragraphs[0]), `../documents/${DEBATE}/#p3`);
  assert.equal(api.resultHref("", "index.html", hit.doc, hit.paragraphs[0]), `documents/${DEBATE}/index.html#p3`);
});

test("every word must match somewhere, and one paragraph holding all of them ranks first", async () => {
  assert.deepEqual(await found("Lavrov ceasefire"), [[DEBATE, "p3"]]);
  const both = await found("Russia ceasefire");
  assert.deepEqual(both[0], [DEBATE, "p3"]);
  assert.deepEqual(await found("war crime"), [[LETTER, "p5"]]);
});

test("title words count for every paragraph of their document", async () => {
  const aleppoCeasefire = await found("aleppo ceasefire");
  assert.deepEqual(aleppoCeasefire.map(([slug]) => slug), [DEBATE, DEBATE]);
  assert.deepEqual(await found("reply Russia"), [[LETTER, "p5"]], "reply is only in the letter's title");
});

test("when no paragraph has every word, partial matches are shown and flagged", async () => {
  const { engine } = load();
  const result = await engine.search("Lavrov vetoed");
  assert.equal(result.partial, true);
  assert.deepEqual(plain(result.docs.map((r) => r.doc.slug)).sort(), [DEBATE, LETTER]);
});

test("folding: case, accents and curly apostrophes", async () => {
  assert.deepEqual(await found("LAVRÖV"), [[DEBATE, "p3"]]);
  assert.deepEqual(await found("Majesty’s government"), [[DEBATE, "p6"]]);
  assert.deepEqual(await found("majesty's"), [[DEBATE, "p6"]]);
  const { api } = load();
  assert.equal(api.fold("Genève"), "geneve");
  assert.equal(api.fold("Russia’s"), "russia");
  assert.equal(api.fold("don't"), "dont");
});

test("stop words alone find nothing, but keep their place in phrases", async () => {
  assert.deepEqual(await found("the to of "), []);
  assert.deepEqual(await found('"weapon of war"'), [[LETTER, "p5"]]);
  assert.deepEqual(await found('"weapon war"'), [], "the gap is kept");
});

test("filters by kind and date range", async () => {
  assert.deepEqual(await found("Russia", { kinds: ["letter"] }), [[LETTER, "p5"]]);
  const debates = await found("Russia", { kinds: ["debate"] });
  assert.ok(debates.every(([slug]) => slug === DEBATE) && debates.length > 0);
  assert.deepEqual(await found("Russia", { from: "2016-11-01" }), [[LETTER, "p5"]]);
  assert.deepEqual(await found("Russia", { to: "2016-10" }).then((r) => [...new Set(r.map(([s]) => s))]), [DEBATE]);
  assert.deepEqual(await found("Russia", { from: "2016-11-30", to: "2016-11-30" }), [[LETTER, "p5"]], "month-precision dates overlap days");
  assert.deepEqual(await found("Russia", { from: "2017" }), []);
  assert.ok((await found("Russia", { from: "not a date" })).length > 2, "bad dates are ignored");
});

test("each text shard is announced as it arrives, so snippets can show before the slowest", async () => {
  const { engine, loaded } = load();
  const result = await engine.search("Russia");
  const before = loaded.length;
  let arrivals = 0;
  await engine.loadTexts(result.docs.map((r) => r.doc), () => { arrivals += 1; });
  const shards = loaded.slice(before).filter((url) => url.includes("text-"));
  assert.ok(shards.length > 0);
  assert.equal(arrivals, shards.length);
  const [hit] = result.docs;
  assert.notEqual(engine.paragraphText(hit.doc, hit.paragraphs[0].index), null);
});

test("the first result's text shard is asked for alone, the others once it is in", async () => {
  const pack = generatePack(5, 40);
  const { engine, loaded } = engineFor(pack);
  const docs = [0, 12, 30, 31].map((n) => ({ number: n }));
  await engine.ready();
  let arrivals = 0;
  const asked = [];
  const done = engine.loadTexts(docs, () => { arrivals += 1; });
  asked.push([loaded.slice(), arrivals]);
  await done;
  assert.deepEqual(plain(asked[0][0]), ["search/index.js", "search/text-0.js"]);
  assert.deepEqual(plain(loaded), ["search/index.js", "search/text-0.js", "search/text-1.js", "search/text-2.js"]);
  assert.equal(arrivals, 3);

  const broken = generatePack(5, 40);
  delete broken.files["search/text-0.js"];
  const { engine: other, loaded: tried } = engineFor(broken);
  await other.ready();
  await assert.rejects(other.loadTexts(docs), /text-0\.js could not be loaded/);
  assert.deepEqual(plain(tried).slice(-2), ["search/text-1.js", "search/text-2.js"], "the rest still load");
});

test("a search no longer wanted once its postings are in is dropped unranked", async () => {
  const { engine } = load();
  assert.equal(await engine.search("Lavrov", null, 2, 6, () => false), null);
  assert.equal((await engine.search("Lavrov", null, 2, 6, () => true)).docs.length, 1);
});

test("a common word's lead paragraph is its first result, shown before any text shard", async () => {
  // The fixture is built by Rust (src/search/index_tests.rs, common_words), which chose the
  // leads; this checks that its choice is what the client ranks first.
  const site = path.join(__dirname, "..", "fixtures", "search", "common-words-site");
  const read = (file) => fs.readFileSync(path.join(site, file), "utf8");
  const context = vm.createContext({ console });
  context.window = context;
  vm.runInContext(fs.readFileSync(SCRIPT, "utf8"), context);
  const files = [];
  const engine = context.casebookSearch.createEngine("", (url, done) => {
    files.push(url);
    vm.runInContext(read(url), context);
    done();
  });
  // The payloads as written, read with a register function of the test's own.
  const payloads = {};
  const reader = vm.createContext({ window: { casebookSearch: { register: (k, n, p) => { payloads[k + n] = p; } } } });
  vm.runInContext(read("search/index.js"), reader);
  vm.runInContext(read("search/postings-0.js"), reader);
  const index = payloads.index0;
  const words = index.words.split(" ");
  let stem = 0;
  const stems = words.map((_, i) => (stem += index.stems[i]));
  const leads = payloads.postings0.leads;
  assert.ok(leads.length >= 5, JSON.stringify(leads));
  for (const [leadStem, doc, paragraph, text] of leads) {
    const word = words[stems.indexOf(leadStem)];
    const result = await engine.search(word + " ", null, 2, 6);
    assert.equal(result.docs[0].doc.number, doc, word);
    assert.equal(result.docs[0].paragraphs[0].index, paragraph, word);
    assert.equal(engine.paragraphText(result.docs[0].doc, paragraph), text, word);
  }
  assert.ok(files.every((file) => !file.includes("text-")), "no text shard was loaded");
});

test("prefetching a query loads its postings, and the search then loads nothing more", async () => {
  const pack = generatePack(9, 40);
  const { engine, loaded } = engineFor(pack);
  await engine.prefetch("bel fol");
  const prefetched = plain(loaded);
  assert.ok(prefetched.some((url) => url.startsWith("search/postings-")), JSON.stringify(prefetched));
  await engine.search("bel fol");
  assert.deepEqual(plain(loaded), prefetched);
});

test("the paragraph ids written by Rust are used, not positions", async () => {
  assert.deepEqual(await found("vetoed"), [[LETTER, "p5"]]);
});

test("snippets mark the matched words and cut around them", async () => {
  const { engine } = load();
  const result = await engine.search("lav");
  await engine.loadTexts(result.docs.map((r) => r.doc));
  const [hit] = result.docs;
  const text = engine.paragraphText(hit.doc, hit.paragraphs[0].index);
  assert.ok(text.startsWith("I met Russian Foreign Minister Lavrov"));
  const parts = plain(engine.snippet(text, result.stems));
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ["Lavrov"]);
  const joined = parts.map((p) => p.text).join("");
  assert.ok(joined.startsWith("I met Russian") && joined.endsWith(" …"), joined);
  assert.ok(joined.length < text.length);
});

test("only the shards needed are loaded, once", async () => {
  const { engine, loaded } = load();
  await engine.search("Lavrov");
  await engine.search("Lavrov ceasefire");
  assert.deepEqual(plain(loaded), ["search/index.js", "search/postings-0.js"]);
});

test("query parsing: phrases, prefixes and stop words", () => {
  const { api } = load();
  const stop = new Set(["to", "the"]);
  const terms = api.parseQuery('the "responsibility to protect" lav', stop);
  assert.deepEqual(plain(terms), [
    { words: [{ word: "responsibility", offset: 0 }, { word: "protect", offset: 2 }], prefix: false },
    { words: [{ word: "lav", offset: 0 }], prefix: true }
  ]);
  assert.equal(api.parseQuery("l", stop).length, 0, "one letter is not yet a word");
  assert.equal(api.parseQuery("lavrov l", stop).length, 1);
});
