/* orgdocs site search: reads the index search-index.js put in window.ORGDOCS_SEARCH and lists matches as links.
   Works from file:// (no fetch, no server, no network). Text goes into the page as text nodes only. */
(function () {
  "use strict";
  var LIMIT = 100;
  var KIND_NAMES = {person: "Person", position: "Position", role: "Role", unit: "Unit", org: "Org",
                    responsibility: "Responsibility"};

  // case and accents folded (Zoë = zoe), spaces collapsed
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/)
      .filter(Boolean).join(" ");
  }

  var data = window.ORGDOCS_SEARCH || {orgs: [], kinds: [], entries: []};
  var order = {};
  data.kinds.forEach(function (k, i) { order[k] = i; });
  var items = data.entries.map(function (e, i) {
    return {kind: e[0], label: e[1], detail: e[2], org: data.orgs[e[3]] || "", href: e[4], n: i,
            key: fold(e[1]), text: fold(e[1] + " " + e[2])};
  });

  // 0 the label is the query, 1 it starts with it, 2 a word of it does, 3 it holds it, 4 the words are found
  // across label and detail; -1 no match
  function rank(item, query, words) {
    for (var i = 0; i < words.length; i++) {
      if (item.text.indexOf(words[i]) < 0) return -1;
    }
    if (item.key === query) return 0;
    if (item.key.indexOf(query) === 0) return 1;
    if ((" " + item.key).indexOf(" " + query) >= 0) return 2;
    if (item.key.indexOf(query) >= 0) return 3;
    return 4;
  }

  function search(raw) {
    var query = fold(raw);
    if (!query) return [];
    var words = query.split(" ");
    var found = [];
    items.forEach(function (item) {
      var r = rank(item, query, words);
      if (r >= 0) found.push({r: r, item: item});
    });
    found.sort(function (a, b) {
      return a.r - b.r || order[a.item.kind] - order[b.item.kind] || a.item.n - b.item.n;
    });
    return found.map(function (f) { return f.item; });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function show(raw, list, status) {
    var results = search(raw);
    list.textContent = "";
    results.slice(0, LIMIT).forEach(function (item) {
      var li = el("li");
      var a = el("a", "", item.label);
      a.href = item.href;
      li.appendChild(a);
      li.appendChild(el("span", "kind", KIND_NAMES[item.kind] || item.kind));
      var where = [item.detail, data.orgs.length > 1 || item.kind !== "org" ? item.org : ""]
        .filter(Boolean).join(" · ");
      if (where) li.appendChild(el("span", "where", where));
      list.appendChild(li);
    });
    if (!fold(raw)) status.textContent = "";
    else if (!results.length) status.textContent = "No results for \u201c" + raw + "\u201d.";
    else status.textContent = results.length + (results.length === 1 ? " result" : " results") +
      (results.length > LIMIT ? ", the first " + LIMIT + " shown" : "") + " for \u201c" + raw + "\u201d.";
  }

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !list || !status) return;
    form.hidden = false;
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) input.value = params.get("q");
    var run = function () {
      show(input.value, list, status);
      try {  // keep ?q= in the address so a search can be bookmarked (file:// may refuse it: then it is not)
        var url = new URL(window.location.href);
        if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
        window.history.replaceState(null, "", url.toString());
      } catch (e) { /* the search still works */ }
    };
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    if (input.value) run();
  }

  window.orgdocsSearch = search;  // for tests and other pages' search boxes
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
