/* Casebook: paragraph citations. Without JavaScript the ¶ links are plain anchors. */
(function () {
  "use strict";
  var article = document.querySelector("article.document[data-citation]");
  if (!article) return;
  var base = article.getAttribute("data-citation");
  var pageUrl = article.getAttribute("data-url") || location.href.split("#")[0];
  var popover = null;

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

  article.addEventListener("click", function (event) {
    var link = event.target.closest("a.pilcrow");
    if (!link) return;
    event.preventDefault();
    var n = link.getAttribute("data-para");
    history.replaceState(null, "", "#p" + n);
    close();
    var text = base + ", para " + n + ", " + pageUrl + "#p" + n;
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
