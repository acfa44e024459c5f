/* Casebook: paragraph citations. Without JavaScript the ¶ links are plain anchors.
   A page may hold several documents (the print and single-file editions), so everything is
   looked up from the ¶ link that was clicked. */
(function () {
  "use strict";
  var popover = null;

  /* A site built for hosting links to folders (documents/x/), which a web server answers with
     the folder's index.html but a browser reading files from disk does not: there, point
     such links at the file itself. The offline bundle's links already name their files. */
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return;
      var hash = href.indexOf("#");
      var path = hash < 0 ? href : href.slice(0, hash);
      if (path === "" || path.slice(-1) === "/") {
        link.setAttribute("href", path + "index.html" + (hash < 0 ? "" : href.slice(hash)));
      }
    });
  }

  function close() {
    if (popover) {
      popover.remove();
      popover = null;
    }
  }

  function copy(text, button) {
    function done() { button.textContent = "Copied"; }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { button.textContent = "Select and copy the text"; }
      area.remove();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.pilcrow");
    if (!link) return;
    var article = link.closest("article.document[data-citation]");
    var block = link.closest(".block[id]");
    if (!article || !block) return;
    event.preventDefault();
    var n = link.getAttribute("data-para");
    var here = location.href.split("#")[0];
    /* The published address when the pack has one; else this page, as the reader has it. */
    var published = article.getAttribute("data-url");
    var address = published ? published + "#p" + n : here + "#" + block.id;
    try { history.replaceState(null, "", "#" + block.id); } catch (e) { /* some file:// pages refuse */ }
    close();
    var text = article.getAttribute("data-citation") + ", para " + n + ", " + address;
    popover = document.createElement("div");
    popover.className = "cite-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "Citation for paragraph " + n);
    var quote = document.createElement("p");
    quote.textContent = text;
    var copyButton = document.createElement("button");
    copyButton.type = "button";
    copyButton.textContent = "Copy citation";
    copyButton.addEventListener("click", function () { copy(text, copyButton); });
    var closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.textContent = "Close";
    closeButton.addEventListener("click", function () { close(); link.focus(); });
    popover.append(quote, copyButton, closeButton);
    link.after(popover);
    copyButton.focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
