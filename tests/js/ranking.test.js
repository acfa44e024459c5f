// The search client's ranking checked against a plain reference: a generated pack is written
// in the index format src/search/ produces (documents of known words at known positions), and
// for many queries the client's results must equal a direct computation of the ranking rules
// over the documents' words. This covers decoding the postings and the optimised ranker
// (typed arrays, top-k selection) without depending on how either is written.
// Run with `node --test tests/js/`; no packages needed.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { STOP, generatePack, engineFor, lengthCode, codedLength } = require("./generated-pack.js");

// The ranking rules, as documented in search.js.
const PARAGRAPH_SLOT = 4;
const FIELD_BOOST = [2.5, 1, 0.5, 1.5];
const K1 = 1.2;
const B = 0.75;
const ALL_WORDS_BOOST = 1.5;
const PREFIX_WEIGHT = 0.7;
const VARIANT_WEIGHT = 0.8;
const MAX_PREFIX_STEMS = 40;
const ENDINGS = ["", "s", "es", "ed", "d", "ing", "e", "ly", "ies", "ied", "y"];

/* ---- The reference: the ranking rules applied to the documents' words directly. ---- */

function weightsFor(pack, word, prefix) {
  const weights = new Map();
  const exact = pack.stemOf.get(word);
  if (exact !== undefined) weights.set(exact, 1);
  else {
    for (const ending of ENDINGS) {
      if (!ending || word.length - ending.length < 3 || !word.endsWith(ending)) continue;
      const base = word.slice(0, -ending.length);
      for (const other of ENDINGS) {
        const stem = pack.stemOf.get(base + other);
        if (stem !== undefined && !weights.has(stem)) weights.set(stem, VARIANT_WEIGHT);
      }
    }
  }
  if (prefix) {
    for (const surface of pack.surfaces) {
      if (weights.size >= MAX_PREFIX_STEMS) break;
      const stem = pack.stemOf.get(surface);
      if (surface.startsWith(word) && !weights.has(stem)) weights.set(stem, PREFIX_WEIGHT);
    }
  }
  return weights;
}

// How often a term occurs in a slot's text: weighted stem counts, or phrase occurrences.
function frequency(pack, term, slotText) {
  if (slotText === null) return 0;
  const words = slotText.split(" ");
  if (term.weights) {
    let tf = 0;
    term.weights.forEach((weight, stem) => {
      const count = words.filter((w) => w !== STOP && pack.stemOf.get(w) === stem).length;
      tf += weight * count;
    });
    return tf;
  }
  if (term.words.some((w) => !pack.stemOf.has(w.word))) return 0;
  let count = 0;
  for (let start = -term.words[0].offset; start < words.length; start++) {
    if (term.words.every((w) => words[start + w.offset] !== undefined && pack.stemOf.get(words[start + w.offset]) === pack.stemOf.get(w.word))) count++;
  }
  return count;
}

function allowedDocs(pack, filters) {
  const kinds = filters && filters.kinds && filters.kinds.length ? filters.kinds : null;
  const from = filters && filters.from ? (filters.from + "-00-00").slice(0, 10) : null;
  const to = filters && filters.to ? (filters.to + "-99-99").slice(0, 10) : null;
  return pack.docs.map((doc) => {
    if (kinds && !kinds.includes(doc.kind)) return false;
    if (!from && !to) return true;
    if (!doc.date) return false;
    if (from && (doc.date + "-99-99").slice(0, 10) < from) return false;
    return !(to && (doc.date + "-00-00").slice(0, 10) > to);
  });
}

function referenceRank(pack, terms, allowed, requireAll) {
  const n = terms.length;
  const paragraphs = Math.max(1, pack.index.paragraphCount);
  const average = pack.index.wordCount / paragraphs || 1;
  const popcount = (mask) => mask.toString(2).replace(/0/g, "").length;
  const tfs = terms.map((term) => pack.docs.map((doc, d) => (allowed[d] ? doc.fields.concat(doc.paragraphs).map((t) => frequency(pack, term, t)) : [])));
  const idfs = tfs.map((byDoc) => {
    const df = byDoc.reduce((sum, slots) => sum + slots.slice(PARAGRAPH_SLOT).filter((tf) => tf > 0).length, 0);
    return Math.log(1 + (paragraphs - df + 0.5) / (df + 0.5));
  });
  const results = [];
  let total = 0;
  pack.docs.forEach((doc, d) => {
    if (!allowed[d]) return;
    let meta = 0;
    let metaMask = 0;
    terms.forEach((_, t) => {
      for (let f = 0; f < PARAGRAPH_SLOT; f++) {
        const tf = tfs[t][d][f];
        if (!tf) continue;
        meta += (FIELD_BOOST[f] * idfs[t] * tf * (K1 + 1)) / (tf + K1);
        metaMask |= 1 << t;
      }
    });
    const found = [];
    doc.paragraphs.forEach((p, i) => {
      const norm = 1 - B + (B * codedLength(lengthCode(p.split(" ").length))) / average;
      let score = 0;
      let mask = 0;
      terms.forEach((_, t) => {
        const tf = tfs[t][d][PARAGRAPH_SLOT + i];
        if (!tf) return;
        score += (idfs[t] * tf * (K1 + 1)) / (tf + K1 * norm);
        mask |= 1 << t;
      });
      if (!mask) return;
      const covered = mask | metaMask;
      if (requireAll ? covered !== (1 << n) - 1 : !covered) return;
      let value = score * (mask === (1 << n) - 1 && n > 1 ? ALL_WORDS_BOOST : 1) + meta;
      if (!requireAll) value = (value * popcount(covered)) / n;
      found.push({ index: i, score: value });
    });
    total += found.length;
    if (found.length) {
      found.sort((a, b) => b.score - a.score || a.index - b.index);
      results.push({ doc: d, score: found[0].score, paragraphs: found });
    } else if (metaMask && (!requireAll || metaMask === (1 << n) - 1)) {
      total++;
      const score = requireAll ? meta : (meta * popcount(metaMask)) / n;
      results.push({ doc: d, score, paragraphs: [{ index: doc.paragraphs.length ? 0 : -1, score }] });
    }
  });
  results.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return { docs: results, total, documents: results.length };
}

function reference(pack, api, query, filters) {
  const parsed = api.parseQuery(query, new Set([STOP]));
  const terms = parsed.map((term) => (term.words.length > 1 ? { words: term.words } : { weights: weightsFor(pack, term.words[0].word, term.prefix) }));
  const allowed = allowedDocs(pack, filters);
  let result = terms.length ? referenceRank(pack, terms, allowed, true) : { docs: [], total: 0, documents: 0 };
  result.partial = false;
  if (!result.total && terms.length > 1) {
    result = referenceRank(pack, terms, allowed, false);
    result.partial = result.total > 0;
  }
  return result;
}

// Scores must agree to rounding; documents (and paragraphs) with equal scores may come in
// either order only if their scores differ by no more than rounding.
function assertSameRanking(actual, expected, label) {
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  assert.equal(actual.length, expected.length, `${label}: how many`);
  actual.forEach((item, i) => {
    assert.ok(close(item.score, expected[i].score), `${label}: score ${i}: ${item.score} vs ${expected[i].score}`);
    if (item.key === expected[i].key) return;
    const tied = expected.filter((other) => close(other.score, item.score)).map((other) => other.key);
    assert.ok(tied.includes(item.key), `${label}: ${item.key} at ${i}, expected ${expected[i].key}`);
  });
}

const QUERIES = ["bel", "be", "calm ", "calms ", "cab", "dan fel ", "bol con", "cer dol far", "bam", "bamx",
  '"bal cen"', '"bel the com"', "cal \"dam fol\"", "forl barl ", "zzz ", "the ", "fo", "bent"];

test("the ranker gives the reference ranking, paragraphs and counts", async () => {
  for (const seed of [1, 2, 3]) {
    const pack = generatePack(seed, 40);
    const { api, engine } = engineFor(pack);
    // Queries from the vocabulary too: each base word, a phrase of two neighbours, a pair.
    const queries = QUERIES.concat(pack.surfaces.slice(0, 12).map((w) => w + " "),
      pack.docs.slice(0, 6).filter((d) => d.paragraphs.length).map((d) => `"${d.paragraphs[0].split(" ").slice(1, 3).join(" ")}"`),
      pack.surfaces.slice(5, 10).map((w, i) => w.slice(0, 2) + " " + pack.surfaces[20 + i]));
    const filters = [null, { kinds: ["bal"] }, { from: "2013", to: "2016-06" }, { kinds: ["cen", "dor"], from: "2012-05-01" }];
    for (const query of queries) {
      for (const filter of filters) {
        const label = `seed ${seed}, ${JSON.stringify(query)}, ${JSON.stringify(filter)}`;
        const actual = await engine.search(query, filter, 1000, 1000);
        const expected = reference(pack, api, query, filter);
        assert.equal(actual.total, expected.total, `${label}: total`);
        assert.equal(actual.documents, expected.documents, `${label}: documents`);
        assert.equal(actual.partial, expected.partial, `${label}: partial`);
        assertSameRanking(actual.docs.map((r) => ({ key: r.doc.number, score: r.score })),
          expected.docs.map((r) => ({ key: r.doc, score: r.score })), label);
        for (const r of actual.docs) {
          const want = expected.docs.find((e) => e.doc === r.doc.number);
          assertSameRanking(r.paragraphs.map((p) => ({ key: p.index, score: p.score })),
            want.paragraphs.map((p) => ({ key: p.index, score: p.score })), `${label}, doc ${r.doc.number}`);
        }
      }
    }
  }
});

test("a short list of results is the head of the full ranking, equal scores by document", async () => {
  const pack = generatePack(7, 60);
  const { engine } = engineFor(pack);
  for (const query of ["be", "cal", "dan fel", "bol con", '"bal cen"'].concat(pack.surfaces.map((w) => w + " "))) {
    const full = await engine.search(query, null, 3, 1000);
    full.docs.forEach((r, i) => {
      if (i && r.score === full.docs[i - 1].score) assert.ok(r.doc.number > full.docs[i - 1].doc.number, `${query}: ties by document`);
    });
    for (let limit = 1; limit <= Math.min(full.docs.length, 20); limit++) {
      const head = await engine.search(query, null, 3, limit);
      assert.deepEqual(head.docs.map((r) => r.doc.number), full.docs.slice(0, limit).map((r) => r.doc.number), `${query} top ${limit}`);
      assert.equal(head.total, full.total);
      assert.equal(head.documents, full.documents);
    }
  }
});
