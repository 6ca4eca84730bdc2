// Filtering by verdict: the state lives in the URL hash (#verdict=manual&changed=1), so a
// filtered view can be linked to, and the buttons only change the hash.
(function () {
  function state() {
    var out = { verdict: "all", changed: false };
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var p = kv.split("=");
      if (p[0] === "verdict" && p[1]) out.verdict = decodeURIComponent(p[1]);
      if (p[0] === "changed") out.changed = p[1] === "1";
    });
    return out;
  }
  function apply() {
    var s = state(), shown = 0, files = 0;
    document.querySelectorAll("nav.filters button").forEach(function (b) {
      b.classList.toggle("on", b.dataset.filter === s.verdict);
    });
    var box = document.getElementById("changed-only");
    if (box) box.checked = s.changed;
    document.querySelectorAll("section.file").forEach(function (sec) {
      sec.querySelectorAll("[data-verdict]").forEach(function (el) {
        el.hidden = !(s.verdict === "all" || el.dataset.verdict === s.verdict);
      });
      var n = sec.querySelectorAll("ol.findings li[data-verdict]:not([hidden])").length;
      var hide = (s.verdict !== "all" && n === 0) || (s.changed && sec.dataset.changed !== "true");
      sec.hidden = hide;
      if (!hide) { files++; shown += n; }
    });
    var c = document.getElementById("shown-count"), f = document.getElementById("shown-files");
    if (c) c.textContent = String(shown);
    if (f) f.textContent = String(files);
    document.body.dataset.verdict = s.verdict;
  }
  function setHash(s) {
    var parts = [];
    if (s.verdict !== "all") parts.push("verdict=" + encodeURIComponent(s.verdict));
    if (s.changed) parts.push("changed=1");
    var h = parts.length ? "#" + parts.join("&") : " ";
    if (history.replaceState) { history.replaceState(null, "", h === " " ? location.pathname : h); apply(); }
    else location.hash = h;
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest("nav.filters button");
    if (!b) return;
    var s = state(); s.verdict = b.dataset.filter; setHash(s);
  });
  document.addEventListener("change", function (e) {
    if (e.target.id !== "changed-only") return;
    var s = state(); s.changed = e.target.checked; setHash(s);
  });
  window.addEventListener("hashchange", function () {
    // a link to a line (#f3-0-L12) opens its file even under a filter that hides it
    var t = document.getElementById(location.hash.slice(1));
    if (t) { var sec = t.closest("section.file"); if (sec) { sec.hidden = false; sec.querySelector("details").open = true; } return; }
    apply();
  });
  apply();
})();
