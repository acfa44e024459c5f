// Casebook's browser tests: the sample pack read in a real browser (headless Chromium), as a
// reader gets it in each of the three ways it is published:
//
//   (a) the site served over HTTP (a tiny static server on 127.0.0.1), plain and minified;
//   (b) the zip bundle, unpacked into a temporary folder and opened from file://;
//   (c) the single-file edition, opened from file://.
//
// Every page reachable from the front page is visited. On each: every internal link and ¶
// anchor resolves (the target file exists and has the id), nothing is logged as an error,
// nothing is requested from any address but file:// and 127.0.0.1, there is a <title> and a
// <main> landmark, and axe-core finds no serious or critical accessibility violation. A ¶
// link is clicked to check the citation popover, the XSS catalogue (tests/fixtures/xss) is built
// and crawled (no payload may be in a page as written, and no page may open a dialog), and the search is used: "/" to the box,
// "Lavrov" to the debate's ¶3 and back to the paragraph, the phrase "International Criminal
// Court" on the search page. Screenshots go to target/browser-screenshots/.
//
// Run alone: `node tests/browser/run.mjs` (builds with `cargo run`), or through
// `cargo test --test browser`, which passes the binary it built in CASEBOOK_BIN.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

import axe from "axe-core";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = path.join(repo, "target", "browser-screenshots");
const failures = [];
let checks = 0;

function check(ok, message) {
  checks += 1;
  if (!ok) failures.push(message);
}

function casebook(args) {
  const bin = process.env.CASEBOOK_BIN;
  const [command, prefix] = bin ? [bin, []] : ["cargo", ["run", "--quiet", "--"]];
  execFileSync(command, [...prefix, ...args], { cwd: repo, stdio: ["ignore", "inherit", "inherit"] });
}

/** A copy of the sample pack (config, vocabulary, content) in `dir`, with extra config. */
function samplePack(dir, extraConfig = "") {
  fs.mkdirSync(path.join(dir, "content"), { recursive: true });
  fs.writeFileSync(path.join(dir, "config.toml"), fs.readFileSync(path.join(repo, "config.toml"), "utf8") + extraConfig);
  fs.copyFileSync(path.join(repo, "index.toml"), path.join(dir, "index.toml"));
  for (const name of fs.readdirSync(path.join(repo, "content"))) {
    fs.copyFileSync(path.join(repo, "content", name), path.join(dir, "content", name));
  }
  return dir;
}

/** Unpacks a zip archive (stored or deflated entries) into `dest`. */
function unzip(archive, dest) {
  const buf = fs.readFileSync(archive);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error(`${archive} is not a zip archive`);
  const count = buf.readUInt16LE(end + 10);
  let entry = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    if (buf.readUInt32LE(entry) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(entry + 10);
    const packed = buf.readUInt32LE(entry + 20);
    const size = buf.readUInt32LE(entry + 24);
    const nameLength = buf.readUInt16LE(entry + 28);
    const skip = nameLength + buf.readUInt16LE(entry + 30) + buf.readUInt16LE(entry + 32);
    const local = buf.readUInt32LE(entry + 42);
    const name = buf.toString("utf8", entry + 46, entry + 46 + nameLength);
    entry += 46 + skip;
    if (name.split("/").includes("..") || path.isAbsolute(name)) throw new Error(`unsafe entry ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + packed);
    const content = method === 8 ? zlib.inflateRawSync(data) : data;
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    if (content.length !== size) throw new Error(`${name}: size ${content.length} != ${size}`);
    const target = path.join(dest, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!name.endsWith("/")) fs.writeFileSync(target, content);
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml",
};

/** The file a URL path names in a served folder, as a static host finds it. */
function servedFile(root, urlPath) {
  const decoded = decodeURIComponent(urlPath);
  const file = path.join(root, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ""));
  if (!file.startsWith(root)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    const index = path.join(file, "index.html");
    return decoded.endsWith("/") && fs.existsSync(index) ? index : null;
  }
  return fs.existsSync(file) ? file : null;
}

/** Serves `root` on 127.0.0.1 at an ephemeral port; missing files get 404.html. */
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = servedFile(root, url.pathname);
    if (file) {
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(fs.readFileSync(file));
    } else {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Whether a request may be made: only this machine's files and servers. */
function isLocal(url) {
  const u = new URL(url);
  if (["file:", "data:", "about:", "blob:"].includes(u.protocol)) return true;
  return (u.protocol === "http:" || u.protocol === "https:") && u.hostname === "127.0.0.1";
}

/** The template a page was made with, from its address: one axe run per kind is enough
 * where the same templates were already checked page by page. */
function kindOf(url) {
  return new URL(url).pathname
    .replace(/index\.html$/, "")
    .replace(/\/documents\/[^/]+\/$/, "/documents/x/")
    .replace(/\/topics\/[^/]+\/[^/]+\/$/, "/topics/t/x/")
    .replace(/^.*\/(documents|topics|timeline|print)\//, "/$1/")
    .replace(/^.*\/(404\.html)$/, "/$1");
}

/**
 * Visits every page reachable from the `starts`. `fileFor(url)` says which file a URL without its
 * fragment opens (null when none). Returns the visited pages' ids by URL.
 */
async function crawl(browser, name, starts, fileFor, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route("**/*", (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("dialog", async (dialog) => {
    errors.push(`${page.url()}: a script opened a dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });

  const ids = new Map();
  const anchors = [];
  const queue = [...starts];
  const queued = new Set(starts);
  let axeRuns = 0;
  const axeKinds = new Set();
  while (queue.length > 0) {
    const url = queue.shift();
    const response = await page.goto(url, { waitUntil: "load" });
    const expectMissing = url.endsWith("/404.html") || url.endsWith("/no-such-page/");
    if (response && url.startsWith("http")) {
      check(response.status() === 200 || expectMissing, `${name}: ${url} answered ${response.status()}`);
    }
    const facts = await page.evaluate(() => ({
      title: document.title.trim(),
      main: document.querySelectorAll("main, [role=main]").length,
      ids: Array.from(document.querySelectorAll("[id]"), (e) => e.id),
      refs: Array.from(document.querySelectorAll("a[href], link[href], [src]"), (e) => ({
        tag: e.tagName.toLowerCase(),
        url: e.tagName === "A" || e.tagName === "LINK" ? e.href : e.src,
        raw: e.getAttribute("href") ?? e.getAttribute("src"),
      })),
    }));
    const here = url.split("#")[0];
    ids.set(here, new Set(facts.ids));
    check(facts.title.length > 0, `${name}: ${url} has no <title>`);
    check(facts.main === 1, `${name}: ${url} has ${facts.main} <main> landmarks`);
    for (const ref of facts.refs) {
      const target = new URL(ref.url);
      if (!isLocal(ref.url)) {
        check(ref.tag === "a", `${name}: ${url}: <${ref.tag}> loads ${ref.url} from another host`);
        continue;
      }
      if (target.protocol === "data:" || target.protocol === "about:") continue;
      const bare = ref.url.split("#")[0];
      const file = fileFor(bare);
      check(file !== null, `${name}: ${url}: ${ref.raw} names no file (${bare})`);
      if (file === null) continue;
      const isPage = file.endsWith(".html");
      if (target.hash.length > 1 && isPage) anchors.push({ from: url, page: bare, id: decodeURIComponent(target.hash.slice(1)), raw: ref.raw });
      if (isPage && ref.tag === "a" && !queued.has(bare)) {
        queued.add(bare);
        queue.push(bare);
      }
    }
    const kind = kindOf(url);
    if (options.axe === "every page" || !axeKinds.has(kind)) {
      axeKinds.add(kind);
      axeRuns += 1;
      // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy
      // (no inline scripts) does not govern; an injected <script> would be refused.
      await page.evaluate(axe.source);
      const violations = await page.evaluate(async () => {
        // preload: false, or axe fetches the stylesheets itself, which file:// forbids.
        const results = await window.axe.run(document, { resultTypes: ["violations"], preload: false });
        return results.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      });
      for (const violation of violations) check(false, `${name}: ${url}: axe: ${violation}`);
    }
    if (options.onPage) await options.onPage(page, url);
  }
  for (const anchor of anchors) {
    const known = ids.get(anchor.page);
    check(known && known.has(anchor.id), `${name}: ${anchor.from}: ${anchor.raw}: no id "${anchor.id}" in ${anchor.page}`);
  }
  for (const url of requests) check(isLocal(url), `${name}: requested ${url}`);
  for (const error of errors) check(false, `${name}: ${error}`);
  await context.close();
  console.log(`${name}: ${ids.size} page(s), ${anchors.length} anchors, ${requests.length} requests, axe on ${axeRuns}`);
  return ids;
}

/** Clicks the first ¶ link of the page at `url` and checks the citation popover. */
async function checkCitation(browser, name, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("response", (response) => response.status() >= 400 && errors.push(`${response.status()} for ${response.url()}`));
  await page.goto(url);
  const pilcrow = page.locator("a.pilcrow").first();
  const id = await pilcrow.evaluate((a) => a.closest(".block").id);
  await pilcrow.click();
  const popover = page.locator(".cite-popover");
  await popover.waitFor({ timeout: 5000 }).catch(() => {});
  const shown = await popover.count();
  check(shown === 1, `${name}: clicking ¶ showed ${shown} citation popovers`);
  if (shown === 1) {
    const copyButton = popover.getByRole("button", { name: "Copy citation" });
    check((await copyButton.count()) === 1, `${name}: the popover has no "Copy citation" button`);
    const text = await popover.locator("p").textContent();
    check(text.includes(", para 1, ") && text.endsWith(`#${id}`), `${name}: citation "${text}" does not point at ¶1`);
    await copyButton.click();
    check(new URL(page.url()).hash === `#${id}`, `${name}: the address is not #${id} after the click`);
  }
  for (const error of errors) check(false, `${name}: citation: ${error}`);
  await context.close();
}

/**
 * Opens the timeline filtered by a link's `?topic=` (as term pages link to it), checks that
 * only that topic's events show, then that changing a filter is kept in the address and
 * survives a reload.
 */
async function checkTimelineFilters(browser, name, timelineUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const topic = "people/sergey-lavrov";
  const url = new URL(timelineUrl);
  url.search = `?topic=${topic}`;
  await page.goto(url.href);
  const state = () => page.evaluate(() => {
    const events = Array.from(document.querySelectorAll("li.event"));
    const shown = events.filter((li) => !li.hidden && li.offsetParent !== null);
    return {
      topic: document.querySelector("select[name=topic]").value,
      kind: document.querySelector("select[name=kind]").value,
      all: events.length,
      shown: shown.length,
      shownTopics: shown.map((li) => li.getAttribute("data-topics").split(" ")
        .map((n) => document.querySelector("select[name=topic]").options[Number(n)].value)),
      shownKinds: shown.map((li) => li.getAttribute("data-kind")),
      status: document.querySelector(".filter-status").textContent,
    };
  });
  let now = await state();
  check(now.topic === topic, `${name}: ?topic= did not select the topic filter (it is "${now.topic}")`);
  check(now.shown > 0 && now.shown < now.all, `${name}: the topic filter shows ${now.shown} of ${now.all} events`);
  check(now.shownTopics.every((topics) => topics.includes(topic)), `${name}: an event without ${topic} is shown`);
  check(now.status === `${now.shown} of ${now.all} events shown`, `${name}: the filter status says "${now.status}"`);
  await page.selectOption("select[name=kind]", "debate");
  const address = new URL(page.url());
  check(address.searchParams.get("kind") === "debate" && address.searchParams.get("topic") === topic,
    `${name}: the address does not keep the filters: ${page.url()}`);
  await page.reload();
  now = await state();
  check(now.kind === "debate" && now.topic === topic, `${name}: the filters are lost on reload`);
  check(now.shownKinds.every((kind) => kind === "debate"), `${name}: a non-debate event is shown`);
  for (const error of errors) check(false, `${name}: timeline filters: ${error}`);
  await context.close();
}

/**
 * Searches from the box on a document page (reached with "/"), checks the results, follows
 * the first one to its paragraph, then runs a phrase query on the search page itself.
 */
async function checkSearch(browser, name, documentUrl, searchPageUrl, target = {
  href: /hansard-2016-10-18-aleppo-bombings\/(index\.html)?#p3$/, id: "p3",
}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(documentUrl);
  await page.keyboard.press("/");
  const box = page.locator("#search-q");
  check(await box.evaluate((input) => input === document.activeElement), `${name}: "/" does not focus the search box`);
  await box.type("Lavrov", { delay: 20 });
  // Results follow each keystroke; wait until they are the ones for the whole word.
  await page.waitForFunction(() => {
    const option = document.querySelector("[role=option]");
    return option && document.querySelector("#search-q").value === "Lavrov" &&
      !option.closest("[aria-busy=true]") && /#p\d+$/.test(option.getAttribute("href")) &&
      option.textContent.includes("Lavrov");
  }, null, { timeout: 5000 }).catch(() => {});
  const first = page.getByRole("option").first();
  const href = (await first.count()) ? await first.getAttribute("href") : "";
  check(target.href.test(href), `${name}: "Lavrov" led to ${href}, not the debate's ¶3`);
  await box.press("ArrowDown");
  check((await box.getAttribute("aria-activedescendant")) !== null, `${name}: ArrowDown does not pick a result`);
  await box.press("Enter");
  await page.waitForURL(new RegExp(`#${target.id}$`), { timeout: 5000 }).catch(() => {});
  check(new URL(page.url()).hash === `#${target.id}`, `${name}: following the result landed on ${page.url()}`);
  const landed = page.locator(`[id="${target.id}"]`);
  const paragraph = (await landed.count()) ? await landed.textContent() : "";
  check(paragraph.includes("Lavrov"), `${name}: the paragraph followed does not mention Lavrov`);
  if (!searchPageUrl) {
    for (const error of errors) check(false, `${name}: search: ${error}`);
    await context.close();
    return;
  }

  await page.goto(`${searchPageUrl}?q=${encodeURIComponent('"International Criminal Court"')}`);
  await page.getByRole("option").first().waitFor({ timeout: 5000 }).catch(() => {});
  const hrefs = await page.getByRole("option").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  const expected = ["hansard-2016-10-18-aleppo-bombings", "p7", "mp-reply-aleppo-november-2016", "p5"];
  check(hrefs.length === 2, `${name}: "International Criminal Court" gave ${hrefs.length} results, not 2: ${hrefs}`);
  check(hrefs.some((h) => h.includes(expected[0]) && h.endsWith(`#${expected[1]}`)) &&
    hrefs.some((h) => h.includes(expected[2]) && h.endsWith(`#${expected[3]}`)),
  `${name}: "International Criminal Court" results ${hrefs} miss the debate ¶7 or the reply ¶5`);
  for (const error of errors) check(false, `${name}: search: ${error}`);
  await context.close();
}

/** Opens the hosted build from disk and follows a link to a folder: casebook.js must point it
 * at the folder's index.html, since file:// shows folders as listings. */
async function checkHostedBuildFromDisk(browser, site) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(site, "index.html")).href);
  const link = page.locator("ol.doc-list a").first();
  const href = await link.getAttribute("href");
  check(href.endsWith("/index.html"), `hosted build from file://: document link is ${href}`);
  await link.click();
  await page.waitForLoadState();
  const title = await page.locator("article.document h1").count();
  check(title === 1, `hosted build from file://: following a document link reached ${page.url()}`);
  await context.close();
}

/** A TOML literal string (payloads hold quotes and backslashes but never three ' in a row). */
const literal = (text) => `'''${text}'''`;

/**
 * A pack with every payload of tests/fixtures/xss/payloads.txt in the places an editor (or a
 * scraped source) can put text: Markdown and plain-text bodies, titles, summaries, authors,
 * kinds, topics, event titles, link addresses and index aliases.
 */
function xssPack(dir) {
  const payloads = fs.readFileSync(path.join(repo, "tests", "fixtures", "xss", "payloads.txt"), "utf8")
    .split("\n").filter((line) => line.length > 0);
  fs.mkdirSync(path.join(dir, "content"), { recursive: true });
  fs.writeFileSync(path.join(dir, "config.toml"), `title = ${literal(payloads[0])}\ndescription = ${literal(payloads[2])}\n`);
  const terms = payloads.map((payload, i) =>
    `[[terms]]\nname = "Term ${i}"\ntaxonomy = "topics"\naliases = [${literal(payload)}]\n`).join("\n");
  fs.writeFileSync(path.join(dir, "index.toml"), terms);
  payloads.forEach((payload, i) => {
    fs.writeFileSync(path.join(dir, "content", `md-${i}.md`), [
      "+++", `title = ${literal(payload)}`, `date = "2016-10-${String(1 + (i % 28)).padStart(2, "0")}"`,
      `summary = ${literal(payload)}`, `author = ${literal(payload)}`, `kind = ${literal(payload)}`,
      `topics = [${literal(payload)}]`, "[[events]]", 'date = "2016-10"', `title = ${literal(payload)}`,
      `note = ${literal(payload)}`, "+++", payload, "",
      `Inline ${payload} text, [a script link](javascript:alert%28${i}%29) and [a data link](data:text/html,xss${i}).`, "",
    ].join("\n"));
    fs.writeFileSync(path.join(dir, "content", `txt-${i}.txt`), `${payload}\n\n${payload}\n\nOn 18 October 2016 ${payload}\n`);
  });
  return payloads;
}

/**
 * Builds the XSS pack and opens every page of it in Chromium: no page may open a dialog, and
 * the DOM may hold no event-handler attribute, no script/data/vbscript address, and no
 * script, frame, object or embed that is not the theme's. No payload may be in a page as written.
 */
async function checkXss(browser, tmp) {
  const pack = path.join(tmp, "xss");
  const site = path.join(tmp, "xss-site");
  const payloads = xssPack(pack);
  casebook(["--root", pack, "-q", "build", "--output", site]);
  const pages = [];
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".html")) pages.push(full);
  });
  walk(site);
  const context = await browser.newContext();
  await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  for (const file of pages) {
    const name = path.relative(site, file);
    const html = fs.readFileSync(file, "utf8");
    for (const payload of payloads.filter((p) => /[<>]/.test(p))) {
      check(!html.includes(payload), `XSS catalogue: ${name} holds ${payload} as written`);
    }
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const found = await page.evaluate(() => {
      const problems = [];
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
          if (attribute.name.startsWith("on")) problems.push(`${element.tagName} ${attribute.name}`);
          if (["href", "src", "action", "data", "formaction", "background", "dynsrc"].includes(attribute.name) &&
            /^(javascript|vbscript|data):/.test(value) && !(element.tagName === "LINK" && element.rel === "icon")) {
            problems.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
          }
        }
      }
      for (const element of document.querySelectorAll("script, iframe, object, embed, frame, base, meta[http-equiv=refresh]")) {
        const src = element.getAttribute("src") || "";
        if (!(element.tagName === "SCRIPT" && /(^|\/)(casebook|timeline|search)\.js$/.test(src))) problems.push(element.outerHTML.slice(0, 80));
      }
      return problems;
    });
    for (const problem of found) check(false, `XSS catalogue: ${name}: ${problem}`);
  }
  await page.waitForTimeout(500);
  for (const dialog of dialogs) check(false, `XSS catalogue: a script ran: ${dialog}`);
  check(pages.length > 80, `XSS catalogue: only ${pages.length} pages were built`);
  console.log(`XSS catalogue: ${payloads.length} payloads, ${pages.length} pages opened`);
  await context.close();
}

async function main() {
  const started = Date.now();
  check(fs.existsSync(chromiumPath), `Chromium is not at ${chromiumPath} (apt-get install chromium; .ci/run does this)`);
  if (failures.length > 0) return;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "casebook-browser-"));
  const servers = [];
  let browser = null;
  try {
    const pack = samplePack(path.join(tmp, "pack"));
    const minifiedPack = samplePack(path.join(tmp, "pack-min"), "\n[output]\nminify = true\n");
    const site = path.join(tmp, "site");
    const minifiedSite = path.join(tmp, "site-min");
    const zip = path.join(tmp, "aleppo.zip");
    const single = path.join(tmp, "aleppo.html");
    casebook(["--root", pack, "-q", "build", "--output", site]);
    casebook(["--root", minifiedPack, "-q", "build", "--output", minifiedSite]);
    casebook(["--root", pack, "-q", "bundle", "--zip", zip, "--single-file", single]);
    const unpacked = path.join(tmp, "unpacked");
    unzip(zip, unpacked);
    const bundleRoot = path.join(unpacked, "aleppo");

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    fs.mkdirSync(shots, { recursive: true });

    const server = await serve(site);
    servers.push(server);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const overHttp = (root, base) => (url) => {
      const u = new URL(url);
      return u.origin === base ? servedFile(root, u.pathname) : null;
    };
    const screenshots = {
      [`${origin}/`]: "front-page.png",
      [`${origin}/documents/hansard-2016-10-18-aleppo-bombings/`]: "document.png",
      [`${origin}/timeline/`]: "timeline.png",
      [`${origin}/topics/`]: "topic-index.png",
    };
    await crawl(browser, "site over HTTP", [`${origin}/`, `${origin}/404.html`], overHttp(site, origin), {
      axe: "every page",
      onPage: async (page, url) => {
        if (screenshots[url]) await page.screenshot({ path: path.join(shots, screenshots[url]), fullPage: true });
        if (url === `${origin}/print/`) {
          await page.emulateMedia({ media: "print" });
          await page.pdf({ path: path.join(shots, "print-edition.pdf"), preferCSSPageSize: true, printBackground: true });
          await page.emulateMedia({ media: "screen" });
        }
      },
    });
    await checkHostedBuildFromDisk(browser, site);
    const missing = await (await fetch(`${origin}/no-such-page/`)).text();
    check(missing.includes("Page not found"), "site over HTTP: unknown addresses get the 404 page");
    await checkCitation(browser, "site over HTTP", `${origin}/documents/benn-letter-2017-01/`);
    await checkSearch(browser, "site over HTTP", `${origin}/documents/benn-letter-2017-01/`, `${origin}/search/`);
    await checkTimelineFilters(browser, "site over HTTP", `${origin}/timeline/`);

    const minServer = await serve(minifiedSite);
    servers.push(minServer);
    const minOrigin = `http://127.0.0.1:${minServer.address().port}`;
    await crawl(browser, "minified site over HTTP", [`${minOrigin}/`, `${minOrigin}/404.html`],
      overHttp(minifiedSite, minOrigin));
    await checkCitation(browser, "minified site over HTTP", `${minOrigin}/documents/benn-letter-2017-01/`);

    const fromFiles = (url) => {
      if (!url.startsWith("file:")) return null;
      const file = fileURLToPath(url);
      return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
    };
    const bundleStarts = ["index.html", "404.html"].map((page) => pathToFileURL(path.join(bundleRoot, page)).href);
    await crawl(browser, "zip bundle from file://", bundleStarts, fromFiles);
    await checkCitation(browser, "zip bundle from file://",
      pathToFileURL(path.join(bundleRoot, "documents", "benn-letter-2017-01", "index.html")).href);
    await checkSearch(browser, "zip bundle from file://",
      pathToFileURL(path.join(bundleRoot, "documents", "benn-letter-2017-01", "index.html")).href,
      pathToFileURL(path.join(bundleRoot, "search", "index.html")).href);
    await checkTimelineFilters(browser, "zip bundle from file://",
      pathToFileURL(path.join(bundleRoot, "timeline", "index.html")).href);

    await checkXss(browser, tmp);

    const singleUrl = pathToFileURL(single).href;
    const singlePages = await crawl(browser, "single file from file://", [singleUrl], fromFiles, {
      onPage: (page) => page.screenshot({ path: path.join(shots, "single-file.png") }),
    });
    check(singlePages.size === 1, `single file: links lead to ${singlePages.size} files, not just itself`);
    await checkCitation(browser, "single file from file://", `${singleUrl}#doc-benn-letter-2017-01`);
    await checkSearch(browser, "single file from file://", singleUrl, null, {
      href: /^#doc-hansard-2016-10-18-aleppo-bombings-p3$/, id: "doc-hansard-2016-10-18-aleppo-bombings-p3",
    });
  } finally {
    if (browser) await browser.close();
    for (const server of servers) server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`browser suite took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(repo, shots)}/`);
}

try {
  await main();
} catch (error) {
  failures.push(`the suite stopped: ${error.stack || error}`);
}
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`browser checks: ${checks - failures.length} passed, ${failures.length} failed`);
process.exitCode = failures.length === 0 ? 0 : 1;
