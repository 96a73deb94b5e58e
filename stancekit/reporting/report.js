// The findings table's filters, and the matrix, timelines and shifts as ways into it.
// Plain script with no library: the page must work offline and in any recent browser.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var form = document.getElementById("filters");
  var actor = document.getElementById("filter-actor");
  var topic = document.getElementById("filter-topic");
  var polarity = document.getElementById("filter-polarity");
  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var shown = document.getElementById("shown");
  var more = document.getElementById("more");
  var moreText = document.getElementById("more-text");
  var limit = data.rows_shown;
  var all = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings-table tbody tr"));

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function fill(select, items) {
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.key;
      option.textContent = item.name + " (" + thousands(item.findings) + ")";
      select.appendChild(option);
    });
  }

  fill(actor, data.actors);
  fill(topic, data.topics);
  [from, to].forEach(function (input) {
    if (data.summary.first_date) {
      input.min = data.summary.first_date;
      input.max = data.summary.last_date;
    }
  });

  // Shows the rows that pass every filter, the first `limit` of them unless "Show all" was
  // pressed; a row is only touched when it changes, which keeps long tables quick. `keep` and
  // `show` must be true booleans: they are compared with `row.hidden` by identity, and a
  // stray "" (an undated row's day) would leave that row shown while the count leaves it out.
  function apply() {
    var a = actor.value, t = topic.value, p = polarity.value, start = from.value, end = to.value;
    var matching = 0, count = 0;
    rows.forEach(function (row) {
      var day = row.getAttribute("data-day") || "";
      var dated = day !== "";
      var keep = (!a || row.getAttribute("data-actor") === a) &&
        (!t || row.getAttribute("data-topic") === t) &&
        (!p || row.getAttribute("data-polarity") === p) &&
        (!start || (dated && day >= start)) &&
        (!end || (dated && day <= end));
      if (keep) matching += 1;
      var show = keep && (all || matching <= limit);
      if (row.hidden === show) row.hidden = !show;
      if (show) count += 1;
    });
    shown.textContent = thousands(count) + " of " + thousands(rows.length) + " findings shown";
    more.hidden = count === matching;
    moreText.textContent = "the first " + thousands(count) + " of " + thousands(matching) + " that match";
  }

  function show(actorKey, topicKey) {
    actor.value = actorKey;
    topic.value = topicKey;
    polarity.value = from.value = to.value = "";
    apply();
    document.getElementById("findings").scrollIntoView();
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    actor.value = topic.value = polarity.value = from.value = to.value = "";
    all = false;
    apply();
  });

  document.getElementById("show-all").addEventListener("click", function () {
    all = true;
    apply();
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("td.cell:not(.empty), figure.pair figcaption, li.shift h3");
    if (!target) return;
    var owner = target.closest("[data-actor][data-topic]");
    if (owner) show(owner.getAttribute("data-actor"), owner.getAttribute("data-topic"));
  });

  apply();
})();
