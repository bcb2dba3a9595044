// CaféMap HTML map: tabs, pan and zoom, search, presentation steps. Everything it needs is in
// the page (the JSON in #cafemap-data); without this script the page still shows every map and
// list. Plain DOM, no library, nothing fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cafemap-data").textContent);
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.table"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tabs a"));
  var tools = document.querySelector(".tools");
  var search = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  var stepCount = document.getElementById("step-count");
  var titleCard = document.getElementById("title-card");
  var listButton = document.getElementById("toggle-list");
  var current = 0;
  var views = [];
  var stepIndex = -1;
  var hits = [];
  var hitIndex = -1;
  var glide = null;

  document.body.classList.add("js", "show-list");
  tools.hidden = false;

  function svgOf(k) { return sections[k] && sections[k].querySelector(".map svg"); }
  function nodesOf(k, id) { return sections[k].querySelectorAll('[data-id="' + id + '"]'); }

  // ---- views: pan and zoom move the viewBox (canvas units) ----
  function bounds(k) {
    var b = data.tables[k].bounds;
    return { x: b[0], y: b[1], w: b[2], h: b[3] };
  }
  function box(k) {
    var r = svgOf(k).getBoundingClientRect();
    return { w: Math.max(r.width, 1), h: Math.max(r.height, 1), left: r.left, top: r.top };
  }
  function apply(k) {
    var v = views[k];
    svgOf(k).setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(2); }).join(" "));
  }
  // The view showing rect `r` whole, centred, with the element's proportions.
  function framing(k, r) {
    var b = box(k), aspect = b.w / b.h, w = r.w, h = r.h;
    if (w / h < aspect) { w = h * aspect; } else { h = w / aspect; }
    return { x: r.x + r.w / 2 - w / 2, y: r.y + r.h / 2 - h / 2, w: w, h: h };
  }
  function setView(k, v) { views[k] = clampZoom(k, v); apply(k); }
  function clampZoom(k, v) {
    var b = bounds(k), most = Math.max(b.w, b.h) * 4, least = 120;
    var f = v.w > most ? most / v.w : v.w < least ? least / v.w : 1;
    if (f === 1) { return v; }
    var cx = v.x + v.w / 2, cy = v.y + v.h / 2;
    return { x: cx - v.w * f / 2, y: cy - v.h * f / 2, w: v.w * f, h: v.h * f };
  }
  function fit(k) { stopGlide(); setView(k, framing(k, bounds(k))); }
  // Zoom by `factor` (> 1 shows more) about the point at client (cx, cy).
  function zoomAt(k, factor, cx, cy) {
    stopGlide();
    var b = box(k), v = views[k];
    var fx = (cx - b.left) / b.w, fy = (cy - b.top) / b.h;
    var w = v.w * factor, h = v.h * factor;
    setView(k, { x: v.x + fx * (v.w - w), y: v.y + fy * (v.h - h), w: w, h: h });
  }
  function zoomCentre(factor) {
    var b = box(current);
    zoomAt(current, factor, b.left + b.w / 2, b.top + b.h / 2);
  }
  function stopGlide() { if (glide) { cancelAnimationFrame(glide); glide = null; } }
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Eased camera move to rect `r`, like the app's presentation (a cut when motion is unwanted).
  function glideTo(k, r) {
    stopGlide();
    var from = views[k], to = framing(k, r), start = null;
    if (!from || still) { setView(k, to); return; }
    function frame(t) {
      if (start === null) { start = t; }
      var p = Math.min((t - start) / 400, 1), e = p * p * (3 - 2 * p);
      views[k] = { x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e,
        w: from.w + (to.w - from.w) * e, h: from.h + (to.h - from.h) * e };
      apply(k);
      glide = p < 1 ? requestAnimationFrame(frame) : null;
    }
    glide = requestAnimationFrame(frame);
  }

  sections.forEach(function (section, k) {
    var svg = svgOf(k);
    var pointers = {};
    function count() { return Object.keys(pointers).length; }
    function pair() {
      var p = Object.keys(pointers).map(function (id) { return pointers[id]; });
      return { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1, x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
    }
    svg.addEventListener("pointerdown", function (e) {
      // A mouse on text selects it (the text is real); elsewhere, and with fingers, it pans.
      if (e.pointerType === "mouse" && (e.button !== 0 || e.target.closest("text"))) { return; }
      stopGlide();
      svg.setPointerCapture(e.pointerId);
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      svg.classList.add("dragging");
    });
    svg.addEventListener("pointermove", function (e) {
      var p = pointers[e.pointerId];
      if (!p) { return; }
      var b = box(k), v = views[k];
      if (count() === 1) {
        setView(k, { x: v.x - (e.clientX - p.x) * v.w / b.w, y: v.y - (e.clientY - p.y) * v.h / b.h, w: v.w, h: v.h });
        pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      } else if (count() === 2) {
        var before = pair();
        pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
        var after = pair();
        v = views[k];
        views[k] = { x: v.x - (after.x - before.x) * v.w / b.w, y: v.y - (after.y - before.y) * v.h / b.h, w: v.w, h: v.h };
        zoomAt(k, before.d / after.d, after.x, after.y);
      }
    });
    function release(e) {
      delete pointers[e.pointerId];
      if (!count()) { svg.classList.remove("dragging"); }
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAt(k, Math.exp(Math.max(-100, Math.min(100, delta)) * 0.002), e.clientX, e.clientY);
    }, { passive: false });
  });

  // ---- tabs ----
  function show(k) {
    if (!sections[k]) { return; }
    current = k;
    sections.forEach(function (s, i) { s.classList.toggle("shown", i === k); });
    tabs.forEach(function (t, i) {
      if (i === k) { t.setAttribute("aria-current", "page"); } else { t.removeAttribute("aria-current"); }
    });
    if (!views[k]) { views[k] = framing(k, bounds(k)); apply(k); }
  }
  tabs.forEach(function (t, i) {
    t.addEventListener("click", function (e) {
      e.preventDefault();
      show(i);
      if (history.replaceState) { history.replaceState(null, "", "#" + sections[i].id); }
    });
  });
  window.addEventListener("resize", function () {
    // Keep each view's centre and scale; only the proportions follow the window.
    views.forEach(function (v, k) {
      if (!v || !sections[k].classList.contains("shown")) { return; }
      var b = box(k), h = v.w * b.h / b.w;
      views[k] = { x: v.x, y: v.y + (v.h - h) / 2, w: v.w, h: h };
      apply(k);
    });
  });

  // ---- search: the same folding as the app (case, accents, ligatures, apostrophes) ----
  var FOLD = {};
  [["àáâãäåÀÁÂÃÄÅ", "a"], ["çÇ", "c"], ["èéêëÈÉÊË", "e"], ["ìíîïÌÍÎÏ", "i"], ["ñÑ", "n"],
    ["òóôõöøÒÓÔÕÖØ", "o"], ["ùúûüÙÚÛÜ", "u"], ["ýÿÝŸ", "y"], ["œŒ", "oe"], ["æÆ", "ae"], ["ß", "ss"],
    ["’‘ʼ", "'"], ["\u00a0\u202f", " "]].forEach(function (pair) {
    Array.prototype.forEach.call(pair[0], function (c) { FOLD[c] = pair[1]; });
  });
  function fold(text) {
    var out = "";
    Array.prototype.forEach.call(text, function (c) {
      if (c >= "\u0300" && c <= "\u036f") { return; }
      out += FOLD[c] !== undefined ? FOLD[c] : c.toLowerCase();
    });
    return out;
  }
  function clearHits() {
    Array.prototype.forEach.call(document.querySelectorAll(".hit, .current"), function (el) {
      el.classList.remove("hit", "current");
    });
  }
  function runSearch() {
    clearHits();
    hits = [];
    hitIndex = -1;
    var q = fold(search.value);
    if (!q.trim()) { searchCount.textContent = ""; return; }
    data.tables.forEach(function (t, k) {
      t.find.forEach(function (entry) {
        if (entry[1].indexOf(q) >= 0) {
          hits.push({ table: k, id: entry[0] });
          Array.prototype.forEach.call(nodesOf(k, entry[0]), function (el) { el.classList.add("hit"); });
        }
      });
    });
    searchCount.textContent = hits.length ? data.words.matches.replace("{n}", hits.length) : data.words.no_match;
    if (hits.length) { jump(0); }
  }
  // Shows hit `i`: its table, the map centred on it, its line in the list.
  function jump(i) {
    if (!hits.length) { return; }
    hitIndex = (i + hits.length) % hits.length;
    var hit = hits[hitIndex];
    Array.prototype.forEach.call(document.querySelectorAll(".current"), function (el) { el.classList.remove("current"); });
    show(hit.table);
    Array.prototype.forEach.call(nodesOf(hit.table, hit.id), function (el) {
      el.classList.add("current");
      if (el.tagName.toLowerCase() === "li" && el.scrollIntoView) { el.scrollIntoView({ block: "nearest" }); }
    });
    var g = svgOf(hit.table).querySelector('g[data-id="' + hit.id + '"]');
    if (g && !g.classList.contains("later")) {
      var r = g.getBBox(), v = views[hit.table];
      var w = Math.max(v.w, r.width * 2), h = Math.max(v.h, r.height * 2);
      glideTo(hit.table, { x: r.x + r.width / 2 - w / 2, y: r.y + r.height / 2 - h / 2, w: w, h: h });
    }
    searchCount.textContent = data.words.matches.replace("{n}", (hitIndex + 1) + "/" + hits.length);
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); jump(hitIndex + (e.shiftKey ? -1 : 1)); }
    if (e.key === "Escape") { search.value = ""; runSearch(); search.blur(); }
  });

  // ---- presentation: the app's steps, each revealing nodes up to a rank ----
  function present(i) {
    if (!data.steps.length) { return; }
    stepIndex = Math.max(0, Math.min(i, data.steps.length - 1));
    var step = data.steps[stepIndex];
    var k = step.table === null ? 0 : step.table;
    show(k);
    titleCard.hidden = step.table !== null;
    sections.forEach(function (section, s) {
      var ranks = {};
      data.tables[s].ranks.forEach(function (r) { ranks[r[0]] = r[1]; });
      var later = {};
      Array.prototype.forEach.call(section.querySelectorAll("g.n"), function (g) {
        var id = g.getAttribute("data-id"), rank = ranks[id];
        later[id] = rank === undefined || rank >= step.revealed;
        g.classList.toggle("later", later[id]);
        g.classList.toggle("focus", s === step.table && String(step.focus) === id);
      });
      Array.prototype.forEach.call(section.querySelectorAll("g.e"), function (g) {
        g.classList.toggle("later", later[g.getAttribute("data-a")] || later[g.getAttribute("data-b")]);
      });
    });
    var f = step.frame;
    glideTo(k, { x: f[0], y: f[1], w: f[2], h: f[3] });
    stepCount.textContent = data.words.step.replace("{n}", (stepIndex + 1) + "/" + data.steps.length);
  }
  function stopPresenting() {
    stepIndex = -1;
    titleCard.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll(".later, .focus"), function (el) {
      el.classList.remove("later", "focus");
    });
    stepCount.textContent = "";
    fit(current);
  }
  document.getElementById("step-next").addEventListener("click", function () { present(stepIndex + 1); });
  document.getElementById("step-back").addEventListener("click", function () { present(stepIndex - 1); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomCentre(1 / 1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomCentre(1.25); });
  document.getElementById("fit").addEventListener("click", function () { fit(current); });
  listButton.addEventListener("click", function () {
    var on = document.body.classList.toggle("show-list");
    listButton.setAttribute("aria-pressed", on ? "true" : "false");
    window.dispatchEvent(new Event("resize"));
  });
  titleCard.addEventListener("click", function () { present(stepIndex + 1); });
  document.addEventListener("keydown", function (e) {
    var typing = e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA");
    if (typing || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var handled = true;
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": present(stepIndex + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": present(stepIndex - 1); break;
      case "Escape": stopPresenting(); break;
      case "+": case "=": zoomCentre(1 / 1.25); break;
      case "-": zoomCentre(1.25); break;
      case "0": fit(current); break;
      case "/": search.focus(); break;
      default: handled = false;
    }
    if (handled) { e.preventDefault(); }
  });

  // On a phone the list comes first; the List button shows the map.
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    listButton.setAttribute("aria-pressed", "true");
  }
  var start = sections.findIndex(function (s) { return "#" + s.id === location.hash; });
  show(start >= 0 ? start : 0);

  // Tests open the page as file.html#selftest=QUERY and read the outcome from the DOM.
  if (location.hash.indexOf("#selftest=") === 0) {
    var out = [];
    search.value = decodeURIComponent(location.hash.slice("#selftest=".length));
    runSearch();
    out.push("hits=" + document.querySelectorAll("svg .n.hit").length);
    out.push("list-hits=" + document.querySelectorAll(".list li.hit").length);
    out.push("search-count=" + searchCount.textContent);
    var keys = ["ArrowRight", "ArrowRight"];
    keys.forEach(function (key) {
      document.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true }));
      out.push("after-" + key + "=" + stepCount.textContent + " hidden=" + document.querySelectorAll("section.shown g.n.later").length);
    });
    var result = document.createElement("pre");
    result.id = "selftest";
    result.textContent = out.join("\n");
    document.body.appendChild(result);
  }
})();
