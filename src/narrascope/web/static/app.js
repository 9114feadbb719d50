// narrascope web UI: tooltips and layer toggles on the article page, the chart read-out on the
// dashboard. Pages are complete without this script; it only adds interaction.
"use strict";

(function () {
  const tip = document.getElementById("tip");

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function pct(x) { return (100 * x).toFixed(0) + "%"; }

  function showTip(html, x, y) {
    tip.innerHTML = html;
    tip.hidden = false;
    const pad = 14, w = tip.offsetWidth, h = tip.offsetHeight;
    let left = x + pad, top = y + pad;
    if (left + w > window.innerWidth - 8) left = Math.max(8, x - w - pad);
    if (top + h > window.innerHeight - 8) top = Math.max(8, y - h - pad);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }

  // ---- article page ----------------------------------------------------------------------
  const annData = document.getElementById("annotations");
  if (annData) {
    const anns = JSON.parse(annData.textContent);
    const text = document.getElementById("text");
    const KIND = { technique: "Technique", paragraph: "Technique (paragraph)", mention: "Entity", evidence: "Narrative evidence", explanation: "Explanation evidence", furniture: "Not the article's voice" };
    const ORDER = { technique: 0, paragraph: 1, mention: 2, evidence: 3, explanation: 4, furniture: 5 };

    function row(a) {
      let h = '<div class="row"><div class="kind">' + KIND[a.kind] + "</div>";
      if (a.kind === "technique" || a.kind === "paragraph") {
        h += '<span class="conf">' + (a.weak ? "weak label " + pct(a.label_score ?? a.score) : "confidence " + pct(a.score)) + "</span>";
        h += '<div class="name"><i class="dot" style="background:' + esc(a.color) + '"></i>' + esc(a.display) + "</div>";
        if (a.group) h += '<div class="kind">' + esc(a.group) + "</div>";
        if (a.definition) h += '<div class="def">' + esc(a.definition) + "</div>";
      } else if (a.kind === "mention") {
        if (a.role) h += '<span class="conf">' + pct(a.score) + "</span>";
        h += '<div class="name">' + esc(a.label) + (a.type ? ' <span class="kind">' + esc(a.type) + "</span>" : "") + "</div>";
        h += "<div>" + (a.role ? "cast as <b>" + esc(a.role) + "</b>" : "no role assigned");
        if (a.fine_roles && a.fine_roles.length) h += " (" + a.fine_roles.map((r) => esc(r.label)).join(", ") + ")";
        h += "</div>";
        if (a.weak_role) h += '<div class="kind">weak role' + (a.cast > 0 && a.cast < 1 ? " (cast " + pct(a.cast) + ")" : "") + ": read the evidence first</div>";
        if (a.role_definition) h += '<div class="def">' + esc(a.role_definition) + "</div>";
      } else if (a.kind === "evidence") {
        h += '<span class="conf">score ' + pct(a.score) + "</span>";
        h += '<div class="name">' + esc(a.display) + "</div>";
        if (a.level === "subnarrative") h += '<div class="kind">sub-narrative</div>';
        if (a.definition) h += '<div class="def">' + esc(a.definition) + "</div>";
      } else if (a.kind === "furniture") {
        h += '<div class="name">' + esc(a.display) + "</div>";
        if (a.definition) h += '<div class="def">' + esc(a.definition) + "</div>";
      } else {
        h += '<div class="name">' + esc(a.label) + "</div>";
      }
      return h + "</div>";
    }

    text.addEventListener("mousemove", (ev) => {
      const seg = ev.target.closest("span[data-a]");
      if (!seg) return hideTip();
      const hidden = { technique: document.body.classList.contains("hide-tech"), paragraph: false,
        mention: document.body.classList.contains("hide-ent"), evidence: document.body.classList.contains("hide-ev"),
        explanation: document.body.classList.contains("hide-ev") };
      const hideWeak = document.body.classList.contains("hide-weak");
      const items = seg.dataset.a.split(" ").map((i) => anns[+i]).filter((a) => !hidden[a.kind] && !(a.weak && hideWeak));
      if (!items.length) return hideTip();
      items.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.score - a.score);
      showTip(items.map(row).join(""), ev.clientX, ev.clientY);
    });
    text.addEventListener("mouseleave", hideTip);

    document.querySelectorAll("input[data-layer]").forEach((box) => {
      const apply = () => document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
      box.addEventListener("change", apply);
      apply();
    });

    // Focus: show only the spans of one technique / entity / narrative, and jump to the first.
    const clear = document.getElementById("clear-focus");
    let current = null;
    function matches(btn, a) {
      const f = btn.dataset.focus;
      if (f === "technique") return (a.kind === "technique" || a.kind === "paragraph") && a.label === btn.dataset.label;
      if (f === "entity") return a.kind === "mention" && String(a.entity) === btn.dataset.entity;
      if (f === "evidence") return a.kind === "evidence" && a.label === btn.dataset.label;
      if (f === "explanation") return a.kind === "explanation";
      return false;
    }
    function unfocus() {
      document.body.classList.remove("focusing");
      text.querySelectorAll(".hit").forEach((s) => s.classList.remove("hit"));
      document.querySelectorAll("button.focus.on").forEach((b) => b.classList.remove("on"));
      clear.hidden = true;
      current = null;
    }
    document.querySelectorAll("button.focus").forEach((btn) => {
      btn.addEventListener("click", () => {
        if (current === btn) return unfocus();
        unfocus();
        const ids = new Set(anns.filter((a) => matches(btn, a)).map((a) => a.id));
        const hits = [...text.querySelectorAll("span[data-a]")].filter((s) => s.dataset.a.split(" ").some((i) => ids.has(+i)));
        hits.forEach((s) => s.classList.add("hit"));
        document.body.classList.add("focusing");
        btn.classList.add("on");
        clear.hidden = false;
        current = btn;
        if (hits.length) hits[0].scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
    clear.addEventListener("click", unfocus);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") unfocus(); });

    // Clicking a quoted evidence passage scrolls to it in the text.
    document.querySelectorAll("blockquote.evidence").forEach((q) => {
      q.addEventListener("click", () => {
        const start = +q.dataset.start;
        const target = [...text.querySelectorAll("span[data-a]")].find((s) => s.dataset.a.split(" ").some((i) => anns[+i].start === start && anns[+i].kind === "evidence"));
        if (target) { target.scrollIntoView({ behavior: "smooth", block: "center" }); target.classList.add("flash"); setTimeout(() => target.classList.remove("flash"), 1300); }
      });
    });
  }

  // ---- dashboard chart -------------------------------------------------------------------
  const chartData = document.getElementById("chart-data");
  if (chartData) {
    const data = JSON.parse(chartData.textContent);
    const box = document.getElementById("timeline");
    const svg = box.querySelector("svg");
    const zone = svg.querySelector(".hover-zone");
    const cursor = svg.querySelector(".cursor");
    const n = data.buckets.length, left = +svg.dataset.left, right = +svg.dataset.right, width = +svg.dataset.width;
    const off = new Set();

    zone.addEventListener("mousemove", (ev) => {
      const rect = svg.getBoundingClientRect();
      const x = (ev.clientX - rect.left) * (width / rect.width);
      const plot = width - left - right;
      const i = Math.max(0, Math.min(n - 1, Math.floor(((x - left) / plot) * n)));
      const cx = left + (plot * (i + 0.5)) / n;
      cursor.setAttribute("x1", cx); cursor.setAttribute("x2", cx); cursor.setAttribute("visibility", "visible");
      let h = '<div class="name">' + esc(data.buckets[i]) + '</div><div class="kind">' + data.totals[i] + " documents</div>";
      data.series.forEach((s, k) => {
        if (off.has(k)) return;
        const v = data.metric === "share" ? pct(s.shares[i]) : s.counts[i];
        h += '<div><i class="dot" style="background:' + s.color + '"></i>' + esc(s.label) + ": <b>" + v + "</b></div>";
      });
      showTip(h, ev.clientX, ev.clientY);
    });
    zone.addEventListener("mouseleave", () => { hideTip(); cursor.setAttribute("visibility", "hidden"); });

    document.querySelectorAll(".legend-item").forEach((btn) => {
      btn.addEventListener("click", () => {
        const k = +btn.dataset.series;
        if (off.has(k)) off.delete(k); else off.add(k);
        btn.classList.toggle("off", off.has(k));
        svg.querySelectorAll('[data-series="' + k + '"]').forEach((el) => el.classList.toggle("off", off.has(k)));
      });
    });
  }

  // ---- corpus page: changing the order re-runs the search ------------------------------------
  const sort = document.querySelector("form.search select[name=sort]");
  if (sort) sort.addEventListener("change", () => sort.form.submit());
})();
