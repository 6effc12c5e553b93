/* sitegen timeline filters and search. Progressive: without this script every event is shown
   and the (hidden) controls stay hidden. The filter lives in the URL (?q=&entity=&tag=&source=
   &key=1) so a filtered view can be shared and reloaded. The index (search.json) is fetched
   from this site only, and only once a filter is used. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !window.fetch || !window.URLSearchParams || !window.history.replaceState) return;
  var FIELDS = ["q", "entity", "tag", "source", "key"];
  var FACETS = { entity: [5, "entities"], tag: [6, "tags"], source: [7, "sources"] };
  var RESULTS = 50;
  var status = document.getElementById("filter-status");
  var results = document.getElementById("filter-results");
  var total = Number(form.getAttribute("data-total"));
  var split = form.hasAttribute("data-split");
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".year-nav a[data-year]"));
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline li.event"));
  var loading = null;
  var generation = 0;

  yearLinks.forEach(function (a) { a.setAttribute("data-href", a.getAttribute("href")); });

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The index, fetched once; each event gains its folded title and summary (event[8]). */
  function load() {
    loading = loading || fetch(form.getAttribute("data-index")).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    }).then(function (index) {
      index.events.forEach(function (event) { event.push(fold(event[2] + " " + event[3])); });
      return index;
    });
    return loading;
  }

  /* The filter as URL parameters, from the form (only the fields that are set). */
  function current() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
      if (value) params.set(name, value);
    });
    return params;
  }

  /* Put the URL's filter into the form; a value the list does not offer is added to it. */
  function restore(params) {
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (!field) return;
      if (field.type === "checkbox") {
        field.checked = value === "1";
      } else {
        if (field.tagName === "SELECT" && value && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
          field.add(new Option(value, value));
        }
        field.value = value;
      }
    });
  }

  /* The events of the index that pass the filter. */
  function matching(index, params) {
    var words = fold(params.get("q") || "").split(/\s+/).filter(Boolean);
    var wanted = {};
    Object.keys(FACETS).forEach(function (name) {
      if (params.get(name)) wanted[name] = index[FACETS[name][1]].indexOf(params.get(name));
    });
    var keyOnly = params.get("key") === "1";
    return index.events.filter(function (event) {
      if (keyOnly && !event[4]) return false;
      for (var name in wanted) {
        if (event[FACETS[name][0]].indexOf(wanted[name]) < 0) return false;
      }
      return words.every(function (word) { return event[8].indexOf(word) >= 0; });
    });
  }

  function show(found, query) {
    var ids = {};
    var perYear = {};
    (found || []).forEach(function (event) {
      ids["event-" + event[0]] = true;
      perYear[event[1]] = (perYear[event[1]] || 0) + 1;
    });
    var here = 0;
    items.forEach(function (item) {
      item.hidden = found !== null && !ids[item.id];
      if (!item.hidden) here += 1;
    });
    document.querySelectorAll(".timeline .month, .timeline .year").forEach(function (section) {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    yearLinks.forEach(function (a) {
      var count = a.querySelector("[data-count]");
      var n = found === null ? Number(count.getAttribute("data-count")) : perYear[a.getAttribute("data-year")] || 0;
      count.textContent = String(n);
      a.classList.toggle("is-empty", n === 0);
      var href = a.getAttribute("data-href");
      a.setAttribute("href", query && href.charAt(0) !== "#" ? href + "?" + query : href);
    });
    listResults(found);
    if (found === null) {
      status.textContent = "";
    } else {
      var text = found.length + " of " + total + " events match";
      if (split && items.length) text += ", " + here + " on this page";
      if (split && found.length) text += "; the year list counts them per year";
      if (split && !items.length && found.length > RESULTS) text += ", the first " + RESULTS + " below";
      status.textContent = text + ".";
    }
  }

  /* With the timeline on year pages and none here (the index), list the first matches, linked
     to their pages. */
  function listResults(found) {
    if (!results || !split || items.length) return;
    results.textContent = "";
    results.hidden = found === null || !found.length;
    var base = form.getAttribute("data-index").replace(/search\.json$/, "");
    (found || []).slice(0, RESULTS).forEach(function (event) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "events/" + encodeURIComponent(event[0]) + "/";
      a.textContent = event[2];
      li.appendChild(document.createTextNode(event[1] + ": "));
      li.appendChild(a);
      results.appendChild(li);
    });
  }

  function apply() {
    var params = current();
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
    var mine = ++generation;
    if (!query) {
      show(null, "");
      return;
    }
    status.textContent = "Filtering…";
    load().then(function (index) {
      if (mine === generation) show(matching(index, params), query);
    }, function () {
      status.textContent = "The search index could not be loaded.";
    });
  }

  var timer = 0;
  form.addEventListener("input", function (event) {
    if (event.target.type !== "search") return;
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

  restore(new URLSearchParams(window.location.search));
  var panel = document.getElementById("filters-panel");
  var filtered = Boolean(current().toString());
  panel.open = filtered || window.matchMedia("(min-width: 48rem)").matches;
  panel.hidden = false;
  if (filtered) apply();
})();
