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
    var topic = form.elements.topic.value;
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

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
