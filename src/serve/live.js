/* Casebook preview: reloads the page after a rebuild that changed it, keeps the scroll
   position (or lands on the edited paragraph), and shows build errors over the page. */
(function () {
  "use strict";
  var KEY = "casebook-preview-scroll";
  var overlay = null;

  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var position = JSON.parse(saved);
    if (position.path === location.pathname && !location.hash) {
      window.addEventListener("load", function () { window.scrollTo(0, position.y); });
    }
  }

  /* The output file this page was served from: "/documents/x/" → "documents/x/index.html". */
  function currentFile() {
    var path = decodeURIComponent(location.pathname).replace(/^\//, "");
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  function showFailure(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.94);color:#ffd7d7;padding:2rem;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("p");
      title.textContent = "The last save did not build. The page shows the last good version; fix the error and save again.";
      title.style.cssText = "color:#fff;font:600 16px system-ui,sans-serif";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.addEventListener("click", function () { overlay.hidden = true; });
      overlay.append(title, pre, close);
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    overlay.querySelector("pre").textContent = text;
  }

  function built(data) {
    if (overlay) { overlay.remove(); overlay = null; }
    var report = JSON.parse(data);
    var here = currentFile();
    var affected = report.changed.some(function (path) {
      return path === here || /\.(css|js)$/.test(path) && path.indexOf("search/") !== 0;
    });
    if (!affected) return;
    var anchor = report.edited && report.edited[here];
    if (anchor) {
      location.hash = anchor;
    } else {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY }));
    }
    location.reload();
  }

  var events = new EventSource("/__casebook/events");
  events.addEventListener("built", function (e) { built(e.data); });
  events.addEventListener("failed", function (e) { showFailure(e.data); });
})();
