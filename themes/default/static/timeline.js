/* Casebook: timeline filters. Without JavaScript the whole timeline shows and the form stays hidden. */
(function () {
  "use strict";
  var form = document.querySelector("form.timeline-filters");
  if (!form) return;
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var status = form.querySelector(".filter-status");
  form.hidden = false;

  function apply() {
    var kind = form.elements.kind.value;
    var doc = form.elements.document.value;
    /* Events name their topics by position in the topic filter's list. */
    var topic = form.elements.topic.value && String(form.elements.topic.selectedIndex);
    var shown = 0;
    events.forEach(function (li) {
      var ok = (!kind || li.getAttribute("data-kind") === kind) &&
        (!doc || li.getAttribute("data-document") === doc) &&
        (!topic || (" " + li.getAttribute("data-topics") + " ").indexOf(" " + topic + " ") !== -1);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll("section.timeline-month").forEach(function (month) {
      month.hidden = !month.querySelector("li.event:not([hidden])");
    });
    document.querySelectorAll("section.timeline-year").forEach(function (year) {
      year.hidden = !year.querySelector("section.timeline-month:not([hidden])");
    });
    status.textContent = shown + " of " + events.length + " events shown";
  }

  /* A link may ask for a filtered timeline (`?topic=topics/aleppo`, as term pages do); the
     filters in use are kept in the address, so a filtered timeline can be shared. */
  var names = ["kind", "document", "topic"];
  var params = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var select = form.elements[name];
    var wanted = params.get(name);
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    if (wanted && known) select.value = wanted;
  });

  function remember() {
    names.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value); else params.delete(name);
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (e) { /* some browsers refuse it for file:// pages; the filter still works */ }
  }

  form.addEventListener("change", function () { apply(); remember(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
  /* Filtering moved what the address's #fragment points at. */
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) target.scrollIntoView();
})();
