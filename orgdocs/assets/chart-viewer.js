/* orgdocs chart viewer (issue 14): pan, zoom, fit, find a person and collapse below a manager, on the chart SVG
   that chart.html carries. Hand-written, no dependencies, nothing fetched; works from file://.
   Pan and zoom never touch a node. While the chart moves, only the <svg>'s CSS transform changes: the browser
   moves the picture it already has (a compositor layer), so a 10,000-box chart moves as fast as a small one.
   When it stops, the move is handed to one <g> wrapping the chart and drawn again, sharp; below a readable
   scale the texts are left out of that drawing (one class on the <svg>). Collapse and find touch nodes, but
   only when asked.
   The SVG's structure is Graphviz's (render/chart_svg.py): g.node#pos-<id> with data-parent (its manager's
   node id), g.edge with data-from/data-to. Text is only read from the page and set as textContent. */
(function () {
  "use strict";
  document.documentElement.classList.add("viewer-js");
  var SVGNS = "http://www.w3.org/2000/svg";
  var MIN = 0.05, MAX = 4, STEP = 1.25, PAN = 60;
  var FAR = 0.3; // below this scale a 10 pt text is 3 px high: unreadable, and the dearest part to draw
  var READABLE = 0.8; // Fit's smallest scale for a chart too big to fit whole above FAR: 10 pt texts 8 px high
  var SETTLE = 150; // ms without a move before the chart is drawn again at its new scale

  function fold(text) { // accent- and case-insensitive matching
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function start() {
    var stage = document.getElementById("chart-stage");
    var svg = stage && stage.querySelector("svg");
    var chart = svg && svg.querySelector("g#orgchart");
    if (!chart) return;
    performance.mark("viewer-start"); // bench/chart_viewer.py reads these marks
    var box = svg.viewBox.baseVal;
    var width = box && box.width ? box.width : svg.getBBox().width;
    var height = box && box.height ? box.height : svg.getBBox().height;
    // the chart in user units = CSS pixels, moved by one transform
    svg.removeAttribute("viewBox");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", stage.getAttribute("aria-label") || "Org chart");
    var view = document.createElementNS(SVGNS, "g");
    view.setAttribute("class", "viewer-view");
    view.style.transformOrigin = "0 0";
    chart.parentNode.insertBefore(view, chart);
    view.appendChild(chart);
    var toggles = document.createElementNS(SVGNS, "g");
    toggles.setAttribute("class", "viewer-toggles");
    view.appendChild(toggles);

    var state = {x: 0, y: 0, s: 1}; // where the chart is: screen = (x, y) + s × chart
    var drawn = {x: 0, y: 0, s: 1}; // where the <g> draws it; the <svg>'s transform makes up the difference
    var pending = false, settle = 0;
    function paint() {
      pending = false;
      var k = state.s / drawn.s;
      svg.style.transform = "translate(" + (state.x - k * drawn.x) + "px," + (state.y - k * drawn.y) + "px) scale(" +
        k + ")";
      stage.setAttribute("data-scale", String(state.s));
      clearTimeout(settle);
      settle = setTimeout(commit, SETTLE);
    }
    function commit() {
      drawn = {x: state.x, y: state.y, s: state.s};
      view.style.transform = "translate(" + drawn.x + "px," + drawn.y + "px) scale(" + drawn.s + ")";
      svg.style.transform = "none";
      svg.classList.toggle("viewer-far", drawn.s < FAR);
    }
    function schedule() { if (!pending) { pending = true; requestAnimationFrame(paint); } }
    function flush() { if (pending) paint(); } // before reading where boxes are on the screen
    function zoomAt(factor, cx, cy) { // cx, cy: a point of the stage that stays put
      var s = Math.min(MAX, Math.max(MIN, state.s * factor));
      state.x = cx - (cx - state.x) * s / state.s;
      state.y = cy - (cy - state.y) * s / state.s;
      state.s = s;
      schedule();
    }
    function centre() { return [stage.clientWidth / 2, stage.clientHeight / 2]; }
    function show(x0, y0, w, h, most) { // a rectangle of the chart (user units) centred in the stage
      var pad = 16, sw = stage.clientWidth, sh = stage.clientHeight;
      var s = Math.min((sw - 2 * pad) / Math.max(w, 1), (sh - 2 * pad) / Math.max(h, 1), most || MAX);
      MIN = Math.min(MIN, s / 2); // a chart wider than a screen at 5% can still be fitted, and zoomed out of
      state.s = Math.max(MIN, s);
      state.x = (sw - w * state.s) / 2 - x0 * state.s;
      state.y = (sh - h * state.s) / 2 - y0 * state.s;
      paint();
    }
    function fit() {
      var pad = 16, sw = stage.clientWidth, sh = stage.clientHeight;
      if (Math.min((sw - 2 * pad) / width, (sh - 2 * pad) / height) >= FAR) { show(0, 0, width, height, 1); return; }
      // Whole, a very wide org is a thin strip of boxes whose texts are hidden: show its top instead, as wide as
      // the top two layers where they fit at a readable scale, else centred on them at that scale; the rest is
      // a pan or a zoom away.
      var top = topLayers();
      var s = Math.min(1, Math.max(READABLE, (sw - 2 * pad) / Math.max(top.x1 - top.x0, 1)));
      state.s = s;
      state.x = sw / 2 - (top.x0 + top.x1) / 2 * s;
      state.y = pad - top.y0 * s;
      paint();
    }

    // --- mouse, pen and touch: drag to pan, two fingers to pinch; a drag never follows a link ---
    var pointers = new Map(), moved = 0, last = null, spread = 0;
    function local(e) { var r = stage.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
    function pair() {
      var p = Array.from(pointers.values());
      return {mid: [(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2], d: Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1])};
    }
    stage.addEventListener("pointerdown", function (e) {
      if (e.button !== 0 || e.target.closest(".viewer-toggle")) return;
      pointers.set(e.pointerId, local(e));
      if (pointers.size === 1) { moved = 0; last = local(e); }
      if (pointers.size === 2) { var q = pair(); spread = q.d; last = q.mid; }
    });
    stage.addEventListener("pointermove", function (e) {
      if (!pointers.has(e.pointerId)) return;
      pointers.set(e.pointerId, local(e));
      var here;
      if (pointers.size >= 2) {
        var q = pair();
        here = q.mid;
        if (spread > 0) zoomAt(q.d / spread, here[0], here[1]);
        spread = q.d;
      } else {
        here = local(e);
      }
      state.x += here[0] - last[0];
      state.y += here[1] - last[1];
      moved += Math.abs(here[0] - last[0]) + Math.abs(here[1] - last[1]);
      last = here;
      if (moved > 4) {
        if (!stage.classList.contains("dragging")) {
          stage.classList.add("dragging");
          try { stage.setPointerCapture(e.pointerId); } catch (err) { /* released already */ }
        }
        schedule();
      }
    });
    function release(e) {
      pointers.delete(e.pointerId);
      if (pointers.size === 1) { last = Array.from(pointers.values())[0]; spread = 0; }
      if (pointers.size === 0) stage.classList.remove("dragging");
    }
    stage.addEventListener("pointerup", release);
    stage.addEventListener("pointercancel", release);
    stage.addEventListener("click", function (e) { // the click that ends a drag opens nothing; the next one does
      if (moved > 4 && e.target.closest("a")) { e.preventDefault(); e.stopPropagation(); }
      moved = 0;
    }, true);
    stage.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = local(e), dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAt(Math.exp(-dy * 0.0015), p[0], p[1]);
    }, {passive: false});
    stage.addEventListener("scroll", function () { stage.scrollTop = 0; stage.scrollLeft = 0; });

    // --- keyboard on the chart: arrows pan, + and - zoom, 0 fits ---
    stage.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var c = centre(), done = true;
      switch (e.key) {
        case "ArrowLeft": state.x += PAN; schedule(); break;
        case "ArrowRight": state.x -= PAN; schedule(); break;
        case "ArrowUp": state.y += PAN; schedule(); break;
        case "ArrowDown": state.y -= PAN; schedule(); break;
        case "+": case "=": zoomAt(STEP, c[0], c[1]); break;
        case "-": case "_": zoomAt(1 / STEP, c[0], c[1]); break;
        case "0": fit(); break;
        default:
          if ((e.key === "Enter" || e.key === " ") && e.target.closest(".viewer-toggle")) {
            toggle(e.target.closest(".viewer-toggle").getAttribute("data-for"));
          } else {
            done = false;
          }
      }
      if (done) e.preventDefault();
    });

    // a box reached with Tab is brought into view
    stage.addEventListener("focusin", function (e) {
      var node = e.target.closest && e.target.closest("g.node, .viewer-toggle");
      if (!node) return;
      flush();
      var r = node.getBoundingClientRect(), s = stage.getBoundingClientRect();
      if (r.left < s.left || r.right > s.right || r.top < s.top || r.bottom > s.bottom) {
        state.x += (s.left + s.width / 2) - (r.left + r.width / 2);
        state.y += (s.top + s.height / 2) - (r.top + r.height / 2);
        paint();
      }
    });

    // --- collapse below a manager ---
    var nodes = Array.from(chart.querySelectorAll(":scope > g.node[id]"));
    var byId = new Map(nodes.map(function (n) { return [n.id, n]; }));
    var children = new Map();
    nodes.forEach(function (n) {
      var p = n.getAttribute("data-parent");
      if (p && byId.has(p)) {
        if (!children.has(p)) children.set(p, []);
        children.get(p).push(n.id);
      }
    });
    var edges = Array.from(chart.querySelectorAll(":scope > g.edge[data-from]"));
    var collapsed = new Set();
    var controls = new Map();
    function title(n) { var t = n.querySelector("text"); return t ? t.textContent : n.id; }
    function below(id) { // every node under id
      var out = [], todo = (children.get(id) || []).slice();
      while (todo.length) { var k = todo.pop(); out.push(k); todo.push.apply(todo, children.get(k) || []); }
      return out;
    }
    function hiddenSet() {
      var hidden = new Set();
      collapsed.forEach(function (id) { below(id).forEach(function (k) { hidden.add(k); }); });
      return hidden;
    }
    var hiddenNow = new Set(), shutNow = new Set(), labelled = false;
    function apply() { // only what changes is touched: nothing at all on a page that has collapsed nothing
      var hidden = hiddenSet(), changed = new Set();
      hidden.forEach(function (k) { if (!hiddenNow.has(k)) changed.add(k); });
      hiddenNow.forEach(function (k) { if (!hidden.has(k)) changed.add(k); });
      hiddenNow = hidden;
      changed.forEach(function (k) { byId.get(k).style.display = hidden.has(k) ? "none" : ""; });
      if (changed.size) {
        edges.forEach(function (g) {
          var off = hidden.has(g.getAttribute("data-from")) || hidden.has(g.getAttribute("data-to"));
          if ((g.style.display === "none") !== off) g.style.display = off ? "none" : "";
        });
      }
      controls.forEach(function (c, id) {
        var shut = collapsed.has(id);
        if (changed.has(id)) c.style.display = hidden.has(id) ? "none" : "";
        if (labelled && shut === shutNow.has(id)) return;
        c.setAttribute("aria-expanded", shut ? "false" : "true");
        c.setAttribute("aria-label", (shut ? "Expand" : "Collapse") + " the " + below(id).length +
                       " positions below " + title(byId.get(id)));
        c.querySelector("text").textContent = shut ? "+" : "\u2212";
      });
      shutNow = new Set(collapsed);
      labelled = true;
    }
    function toggle(id) {
      if (collapsed.has(id)) collapsed.delete(id); else collapsed.add(id);
      apply();
    }
    var chartMatrix = chart.transform.baseVal.consolidate();
    var m = chartMatrix ? chartMatrix.matrix : svg.createSVGMatrix();
    var boxes = new Map(); // every box measured first, then every toggle made: one layout, not one per toggle
    children.forEach(function (kids, id) { boxes.set(id, byId.get(id).getBBox()); });
    var made = document.createDocumentFragment();
    children.forEach(function (kids, id) {
      var b = boxes.get(id); // in the chart group's units; the group's transform applies to it
      var cx = m.a * (b.x + b.width / 2) + m.e, cy = m.d * (b.y + b.height) + m.f;
      var g = document.createElementNS(SVGNS, "g");
      g.setAttribute("class", "viewer-toggle");
      g.setAttribute("role", "button");
      g.setAttribute("tabindex", "0");
      g.setAttribute("data-for", id);
      var c = document.createElementNS(SVGNS, "circle");
      c.setAttribute("cx", cx); c.setAttribute("cy", cy); c.setAttribute("r", 8);
      var t = document.createElementNS(SVGNS, "text");
      t.setAttribute("x", cx); t.setAttribute("y", cy + 4); t.setAttribute("text-anchor", "middle");
      g.appendChild(c); g.appendChild(t);
      g.addEventListener("click", function (e) { e.preventDefault(); toggle(id); });
      made.appendChild(g);
      controls.set(id, g);
    });
    toggles.appendChild(made);
    apply();
    function topLayers() { // the positions without a manager and their reports, in the chart's units
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity;
      nodes.forEach(function (n) {
        if (!n.classList.contains("position")) return; // not the title, legend, footer or frames
        var p = n.getAttribute("data-parent");
        var gp = p && byId.has(p) ? byId.get(p).getAttribute("data-parent") : "";
        if (p && byId.has(p) && gp && byId.has(gp)) return; // below the second layer
        var b = n.getBBox();
        x0 = Math.min(x0, m.a * b.x + m.e); x1 = Math.max(x1, m.a * (b.x + b.width) + m.e);
        y0 = Math.min(y0, m.d * b.y + m.f);
      });
      return x0 < x1 ? {x0: x0, x1: x1, y0: y0} : {x0: 0, x1: width, y0: 0};
    }

    // --- find a person: holder names and titles as the boxes show them ---
    var form = document.querySelector(".viewer-find");
    var input = document.getElementById("chart-find");
    var found = document.getElementById("chart-found");
    var texts = null, hits = [], at = -1;
    function bringIn(n) { // from the box's own geometry: exact at any scale, unlike its place on the screen
      var b = n.getBBox(), x0 = m.a * b.x + m.e, y0 = m.d * b.y + m.f;
      show(x0 - 40, y0 - 40, m.a * b.width + 80, m.d * b.height + 80, Math.max(state.s, 1));
    }
    function find(again) {
      var q = fold(input.value);
      if (!again || !hits.length) {
        hits.forEach(function (n) { n.classList.remove("viewer-hit"); });
        hits = [];
        at = -1;
        if (q) {
          texts = texts || nodes.map(function (n) {
            return fold(Array.from(n.querySelectorAll("text"), function (t) { return t.textContent; }).join(" "));
          });
          nodes.forEach(function (n, i) { if (texts[i].indexOf(q) >= 0) hits.push(n); });
        }
        hits.forEach(function (n) { n.classList.add("viewer-hit"); });
      }
      if (!q) { found.textContent = ""; return; }
      if (!hits.length) { found.textContent = "No box shows \u201c" + input.value + "\u201d"; return; }
      at = (at + 1) % hits.length;
      var n = hits[at], opened = false;
      for (var p = n.getAttribute("data-parent"); p; p = byId.has(p) ? byId.get(p).getAttribute("data-parent") : "") {
        if (collapsed.delete(p)) opened = true;
      }
      if (opened) apply();
      found.textContent = hits.length === 1 ? "1 box" : (at + 1) + " of " + hits.length + " boxes";
      bringIn(n);
    }
    var asked = "";
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      find(input.value === asked); // Enter again: the next box that matches
      asked = input.value;
    });

    document.querySelector(".viewer-tools").addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (!b) return;
      var c = centre();
      switch (b.getAttribute("data-act")) {
        case "in": zoomAt(STEP, c[0], c[1]); break;
        case "out": zoomAt(1 / STEP, c[0], c[1]); break;
        case "fit": fit(); break;
        case "expand": collapsed.clear(); apply(); break;
      }
    });
    window.addEventListener("resize", function () { schedule(); });
    fit();
    clearTimeout(settle);
    commit();
    performance.mark("viewer-ready");
    stage.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
