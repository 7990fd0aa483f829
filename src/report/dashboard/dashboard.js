// The dashboard's behaviour: views, filters and the unit shown kept in the URL hash (a link
// opens the same view), sortable tables that export to CSV, both languages. It reads the
// figures embedded in #data; it computes none of its own.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const T = {
    id: {
      skip: "Lompat ke isi", overview: "Ringkasan", ranking: "Peringkat", unit: "Unit",
      criteria: "Kriteria", issues: "Masalah data", other: "English",
      period: "Periode", generated: "Dibuat", answers: "Jawaban dinilai",
      quality: "Skor kualitas jawaban", sla: "Pemenuhan SLA (%)", minimum: "Memenuhi standar minimal",
      ikm: "IKM nasional (SKM)", dataIssues: "Masalah data", units: "unit", of: "dari",
      assessed: "unit yang menilai diri", rank: "Peringkat", name: "Unit", kind: "Jenis unit",
      province: "Provinsi", zone: "Zona", grade: "Predikat standar", standard: "Standar",
      index: "Indeks gabungan", all: "Semua", search: "Cari unit", incomplete: "belum lengkap",
      lacks: "tanpa", unknown: "tidak dikenal", csv: "Unduh CSV", channel: "Kanal",
      type: "Jenis layanan", n: "n", national: "Nasional", diff: "Selisih", month: "Bulan",
      officer: "Petugas", gaps: "Temuan penilaian mandiri", code: "Kode", item: "Butir",
      given: "Jawaban unit", fix: "Cara memenuhi", lost: "Poin hilang", mandatory: "Wajib",
      pass: "Kelulusan (%)", criterion: "Kriteria", components: "Komponen", value: "Nilai",
      moves: "Perpindahan predikat", movement: "Perubahan", count: "Jumlah", issueType: "Jenis masalah",
      pickUnit: "Pilih unit", noData: "tidak ada data", ranked: "diperingkat",
      method: "Indeks gabungan = rata-rata berbobot komponen (0–100), bobot: {w}. Hanya unit dengan semua komponen berbobot yang diperingkat.",
      capRanking: "Indeks gabungan per unit, tertinggi di atas.", capDistribution: "Sebaran skor kualitas jawaban.",
      capTrend: "Tren bulanan nasional: skor kualitas dan pemenuhan SLA.", capHeatmap: "Kelulusan kriteria per unit; warna menurut pita capaian.",
      slaBy: "Pemenuhan SLA per {x}", quarterOf: "periode", previous: "dibandingkan dengan {p}",
      yes: "Ya", no: "Belum", meets: "Standar minimal", months: "Tren bulanan unit", unchanged: "tetap",
      overdue: "Belum selesai lewat SLA", overdueNote: "dari {o} butir belum selesai per {d}", latest: "tanggal terakhir dalam ekspor",
      exportDate: "tanggal ekspor", uncounted: "{u} tidak dapat dihitung", target: "target {x} %", targetMet: "tercapai",
      targetMissed: "belum tercapai", targetDays: "Target SLA (hari kerja)", meetsTarget: "Capai target"
    },
    en: {
      skip: "Skip to content", overview: "Overview", ranking: "Ranking", unit: "Unit",
      criteria: "Criteria", issues: "Data issues", other: "Bahasa Indonesia",
      period: "Period", generated: "Generated", answers: "Answers scored",
      quality: "Answer-quality score", sla: "SLA fulfilment (%)", minimum: "Meet the minimum standard",
      ikm: "National IKM (SKM)", dataIssues: "Data issues", units: "units", of: "of",
      assessed: "units assessed", rank: "Rank", name: "Unit", kind: "Unit type",
      province: "Province", zone: "Zone", grade: "Standard grade", standard: "Standard",
      index: "Combined index", all: "All", search: "Find a unit", incomplete: "incomplete",
      lacks: "lacks", unknown: "unknown", csv: "Download CSV", channel: "Channel",
      type: "Service type", n: "n", national: "National", diff: "Difference", month: "Month",
      officer: "Officer", gaps: "Self-assessment findings", code: "Code", item: "Item",
      given: "Unit's answer", fix: "How to meet it", lost: "Points lost", mandatory: "Mandatory",
      pass: "Pass rate (%)", criterion: "Criterion", components: "Components", value: "Value",
      moves: "Band moves", movement: "Change", count: "Count", issueType: "Issue type",
      pickUnit: "Choose a unit", noData: "no data", ranked: "ranked",
      method: "Combined index = weighted mean of the components (0–100), weights: {w}. Only units with every weighted component are ranked.",
      capRanking: "Combined index per unit, highest on top.", capDistribution: "Distribution of answer-quality scores.",
      capTrend: "National monthly trend: quality score and SLA fulfilment.", capHeatmap: "Criterion pass rate per unit, coloured by the rates' bands.",
      slaBy: "SLA fulfilment by {x}", quarterOf: "period", previous: "compared with {p}",
      yes: "Yes", no: "Not yet", meets: "Minimum standard", months: "The unit's monthly trend", unchanged: "unchanged",
      overdue: "Not closed, past SLA", overdueNote: "of {o} items not closed on {d}", latest: "latest date in the export",
      exportDate: "export date", uncounted: "{u} could not be counted", target: "target {x} %", targetMet: "met",
      targetMissed: "not met", targetDays: "SLA target (working days)", meetsTarget: "Meets target"
    }
  };
  const VIEWS = ["overview", "ranking", "unit", "criteria", "issues"];

  function readState() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const s = {};
    for (const [k, v] of p) s[k] = v;
    if (s.unit && !s.view) s.view = "unit";
    if (!VIEWS.includes(s.view)) s.view = "overview";
    if (s.lang !== "id" && s.lang !== "en") s.lang = D.lang;
    return s;
  }
  let S = readState();
  const t = (k) => T[S.lang][k] || k;
  function writeState(change) {
    S = Object.assign({}, S, change);
    const p = new URLSearchParams();
    for (const k of Object.keys(S).sort()) {
      if (S[k] !== undefined && S[k] !== "" && !(k === "lang" && S[k] === D.lang)) p.set(k, S[k]);
    }
    const hash = "#" + p.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
    render();
  }

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  function fmt(v, d) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    return new Intl.NumberFormat(S.lang === "id" ? "id-ID" : "en-GB", {
      minimumFractionDigits: d === undefined ? 2 : d, maximumFractionDigits: d === undefined ? 2 : d
    }).format(v);
  }
  const el = (id) => document.getElementById(id);
  function day(iso) {
    if (!iso) return "–";
    return new Intl.DateTimeFormat(S.lang === "id" ? "id-ID" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(iso + "T00:00:00Z"));
  }
  // Whether an SLA fulfilment reaches [report] sla_target; null without a target or a rate.
  const meetsTarget = (v) => D.national.sla_target === null || v === null || v === undefined ? null : v >= D.national.sla_target;

  // A table: columns [{key, label, num, fmt}], rows of objects. Header buttons sort it
  // (the sort is kept in the state under `sortKey`), a button exports what is shown.
  function table(host, id, caption, columns, rows, sortKey) {
    const sort = S[sortKey] ? S[sortKey].split(":") : null;
    let shown = rows.slice();
    if (sort) {
      const [key, dir] = sort;
      shown.sort((a, b) => {
        const x = a[key], y = b[key];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), S.lang);
        return dir === "desc" ? -c : c;
      });
    }
    const head = columns.map((c) => {
      const state = sort && sort[0] === c.key ? (sort[1] === "desc" ? "descending" : "ascending") : "none";
      return `<th scope="col" class="${c.num ? "num" : ""}" aria-sort="${state}"><button type="button" data-sort="${esc(c.key)}">${esc(c.label)}</button></th>`;
    }).join("");
    const body = shown.map((r) => "<tr>" + columns.map((c, i) => {
      const v = c.fmt ? c.fmt(r[c.key], r) : esc(r[c.key] === null || r[c.key] === undefined ? "–" : r[c.key]);
      return i === 0 && c.rowHeader ? `<th scope="row">${v}</th>` : `<td class="${c.num ? "num" : ""}">${v}</td>`;
    }).join("") + "</tr>").join("");
    host.innerHTML = `<div class="toolbar"><button type="button" data-csv="${esc(id)}">${esc(t("csv"))}</button></div>` +
      `<div class="table-wrap"><table id="${esc(id)}"><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    host.querySelectorAll("th button[data-sort]").forEach((b) => b.addEventListener("click", () => {
      const key = b.dataset.sort;
      const dir = sort && sort[0] === key && sort[1] === "asc" ? "desc" : "asc";
      writeState({ [sortKey]: key + ":" + dir });
    }));
    host.querySelector("button[data-csv]").addEventListener("click", () => {
      const cell = (v) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
      const lines = [columns.map((c) => cell(c.label)).join(",")].concat(shown.map((r) => columns.map((c) => cell(r[c.key])).join(",")));
      const a = document.createElement("a");
      a.href = "data:text/csv;charset=utf-8," + encodeURIComponent("\ufeff" + lines.join("\r\n"));
      a.download = id + ".csv";
      document.body.appendChild(a); a.click(); a.remove();
    });
  }
  const num = (d) => (v) => fmt(v, d);
  const withN = (nKey, d) => (v, r) => v === null || v === undefined ? "–" : `${fmt(v, d)} <span class="note">(n = ${fmt(r[nKey], 0)})</span>`;

  function overview() {
    const N = D.national;
    const tile = (id, label, value, note) =>
      `<div class="tile" id="tile-${id}"><div class="label">${esc(label)}</div><div class="value">${value}</div><div class="note">${note}</div></div>`;
    el("tiles").innerHTML = [
      tile("answers", t("answers"), fmt(N.answers, 0), esc(D.period)),
      tile("quality", t("quality"), fmt(N.quality), "0–100"),
      tile("sla", t("sla"), fmt(N.sla), (N.sla_target === null ? "" :
        `${esc(t("target").replace("{x}", fmt(N.sla_target, 0)))}: ${esc(t(meetsTarget(N.sla) ? "targetMet" : "targetMissed"))} · `) +
        `n = ${fmt(N.sla_n, 0)}`),
      N.overdue.as_of === null ? "" : tile("overdue", t("overdue"), fmt(N.overdue.past_sla, 0),
        esc(t("overdueNote").replace("{o}", fmt(N.overdue.open, 0)).replace("{d}", day(N.overdue.as_of))) +
        ` (${esc(t(N.overdue.given ? "exportDate" : "latest"))})` +
        (N.overdue.uncounted ? `; ${esc(t("uncounted").replace("{u}", fmt(N.overdue.uncounted, 0)))}` : "")),
      N.assessed === null ? "" : tile("minimum", t("minimum"), `${fmt(N.meets_minimum, 0)} / ${fmt(N.assessed, 0)}`, `${esc(t("assessed"))}; ${fmt(N.units, 0)} ${esc(t("units"))}`),
      N.ikm === null ? "" : tile("ikm", t("ikm"), fmt(N.ikm), esc(N.ikm_grade || "")),
      tile("ranked", t("ranking"), `${fmt(N.ranked, 0)} / ${fmt(N.units, 0)}`, esc(t("ranked"))),
      tile("issues", t("dataIssues"), fmt(N.issues, 0), "")
    ].join("");
    const cols = (key) => [
      { key: "name", label: t(key), rowHeader: true },
      { key: "answers", label: t("answers"), num: true, fmt: num(0) },
      { key: "sla", label: t("sla"), num: true, fmt: withN("sla_n", 2) },
      { key: "target_days", label: t("targetDays"), num: true }
    ].concat(N.sla_target === null ? [] : [
      { key: "meets", label: `${t("meetsTarget")} ${fmt(N.sla_target, 0)} %`,
        fmt: (v) => v === null ? "–" : esc(t(v ? "yes" : "no")) }
    ]).concat([{ key: "quality", label: t("quality"), num: true, fmt: num(2) }]);
    const withTarget = (rows) => rows.map((r) => Object.assign({}, r, { meets: meetsTarget(r.sla) }));
    table(el("sla-channels"), "sla-kanal", t("slaBy").replace("{x}", t("channel").toLowerCase()), cols("channel"), withTarget(D.channels), "sc");
    table(el("sla-types"), "sla-jenis", t("slaBy").replace("{x}", t("type").toLowerCase()), cols("type"), withTarget(D.types), "st");
    el("cap-ranking").textContent = t("capRanking");
    el("cap-distribution").textContent = t("capDistribution");
    el("cap-trend").textContent = t("capTrend");
  }

  function rankingView() {
    el("method").textContent = t("method").replace("{w}", D.weights);
    const opts = (key) => Array.from(new Set(D.units.map((u) => u[key]).filter((v) => v))).sort();
    const select = (key, label) => `<label>${esc(label)}<select data-filter="${key}"><option value="">${esc(t("all"))}</option>` +
      opts(key).map((v) => `<option${S[key] === v ? " selected" : ""}>${esc(v)}</option>`).join("") + "</select></label>";
    el("filters").innerHTML = `<label>${esc(t("search"))}<input type="search" data-filter="q" value="${esc(S.q || "")}"></label>` +
      select("kind", t("kind")) + select("province", t("province")) + select("zone", t("zone")) + select("standard_grade", t("grade"));
    el("filters").querySelectorAll("[data-filter]").forEach((f) => f.addEventListener("change", () => writeState({ [f.dataset.filter]: f.value })));
    const q = (S.q || "").toLowerCase();
    const rows = D.units.filter((u) => (!q || u.name.toLowerCase().includes(q)) &&
      ["kind", "province", "zone", "standard_grade"].every((k) => !S[k] || u[k] === S[k])).map((u) => Object.assign({}, u, {
      note: u.unknown ? t("unknown") : (u.rank === null && u.missing.length ? `${t("incomplete")}: ${t("lacks")} ${u.missing.join(", ")}` : "")
    }));
    const unitLink = (v) => `<a href="#view=unit&unit=${encodeURIComponent(v)}">${esc(v)}</a>`;
    table(el("rank-table"), "peringkat-unit", t("ranking"), [
      { key: "rank", label: t("rank"), num: true, fmt: (v, r) => v === null ? `<span class="badge">${esc(r.note || "–")}</span>` : fmt(v, 0) },
      { key: "name", label: t("name"), fmt: unitLink },
      { key: "kind", label: t("kind") },
      { key: "quality", label: t("quality"), num: true, fmt: withN("quality_n", 2) },
      { key: "sla", label: t("sla"), num: true, fmt: num(2) },
      { key: "past_sla", label: t("overdue"), num: true, fmt: num(0) },
      { key: "standard", label: t("standard"), num: true, fmt: num(2) },
      { key: "standard_grade", label: t("grade") },
      { key: "zone", label: t("zone") },
      { key: "ikm", label: "IKM", num: true, fmt: num(2) },
      { key: "index", label: t("index"), num: true, fmt: num(2) }
    ], rows, "rs");
    const moved = D.units.filter((u) => u.movement && u.movement !== T[D.lang].unchanged);
    if (D.previous) {
      table(el("moves"), "perpindahan", `${t("moves")} — ${t("previous").replace("{p}", D.previous)}`, [
        { key: "name", label: t("name"), rowHeader: true, fmt: unitLink },
        { key: "movement", label: t("movement") }
      ], moved, "ms");
    }
  }

  function unitView() {
    const pick = el("unit-pick");
    el("unit-pick-label").textContent = t("pickUnit");
    pick.innerHTML = D.units.map((u) => `<option${u.name === S.unit ? " selected" : ""}>${esc(u.name)}</option>`).join("");
    pick.onchange = () => writeState({ unit: pick.value, view: "unit" });
    const u = D.units.find((x) => x.name === S.unit) || D.units[0];
    if (!u) { el("unit-body").textContent = t("noData"); return; }
    const N = D.national;
    const comp = [
      { name: t("quality"), unit: u.quality, national: N.quality, n: u.quality_n },
      { name: t("sla"), unit: u.sla, national: N.sla, n: u.sla_n },
      { name: t("standard"), unit: u.standard, national: null, n: null },
      { name: "IKM", unit: u.ikm, national: N.ikm, n: null },
      { name: t("index"), unit: u.index, national: null, n: null }
    ].map((r) => Object.assign(r, { diff: r.unit !== null && r.national !== null ? Math.round((r.unit - r.national) * 100) / 100 : null }));
    const status = u.rank !== null ? `${t("rank")} <strong id="unit-rank">${fmt(u.rank, 0)}</strong> ${t("of")} ${fmt(N.ranked, 0)}` :
      `<span class="badge" id="unit-rank">${esc(u.unknown ? t("unknown") : t("incomplete") + ": " + t("lacks") + " " + u.missing.join(", "))}</span>`;
    const meets = u.meets_minimum === null ? "–" : (u.meets_minimum ? t("yes") : t("no"));
    el("unit-body").innerHTML = `<h3 id="unit-name">${esc(u.name)}</h3><p>${status} · ${esc(t("meets"))}: ${esc(meets)}` +
      (u.zone ? ` · ${esc(t("zone"))}: ${esc(u.zone)}` : "") + (u.movement ? ` · ${esc(u.movement)}` : "") +
      (N.overdue.as_of === null ? "" : ` · ${esc(t("overdue"))}: <strong id="unit-overdue">${fmt(u.past_sla, 0)}</strong> ` +
        esc(t("overdueNote").replace("{o}", fmt(u.open, 0)).replace("{d}", day(N.overdue.as_of)))) + "</p>" +
      `<div id="u-comp"></div><div id="u-crit"></div><div id="u-months"></div><div id="u-officers"></div><div id="u-gaps"></div>`;
    const diffFmt = (v) => v === null ? "–" : `<span class="${v > 0 ? "up" : v < 0 ? "down" : ""}">${v > 0 ? "+" : ""}${fmt(v)}</span>`;
    table(el("u-comp"), "unit-komponen", t("components"), [
      { key: "name", label: t("components"), rowHeader: true },
      { key: "unit", label: t("value"), num: true, fmt: num(2) },
      { key: "national", label: t("national"), num: true, fmt: num(2) },
      { key: "diff", label: t("diff"), num: true, fmt: diffFmt },
      { key: "n", label: "n", num: true, fmt: num(0) }
    ], comp, "uc");
    const unitSla = el("u-comp").querySelector("tbody tr:nth-child(2) td");
    if (unitSla) unitSla.id = "unit-sla";
    const crit = D.criteria.map((c, i) => ({ name: c.label, unit: u.rates[i], n: u.rates_n[i], national: c.rate, national_n: c.n,
      diff: u.rates[i] !== null && c.rate !== null ? Math.round((u.rates[i] - c.rate) * 100) / 100 : null }));
    table(el("u-crit"), "unit-kriteria", t("criteria"), [
      { key: "name", label: t("criterion"), rowHeader: true },
      { key: "unit", label: t("pass"), num: true, fmt: withN("n", 1) },
      { key: "national", label: t("national"), num: true, fmt: withN("national_n", 1) },
      { key: "diff", label: t("diff"), num: true, fmt: diffFmt }
    ], crit, "ux");
    table(el("u-months"), "unit-bulanan", t("months"), [
      { key: "month", label: t("month"), rowHeader: true },
      { key: "answers", label: t("answers"), num: true, fmt: num(0) },
      { key: "quality", label: t("quality"), num: true, fmt: num(2) },
      { key: "sla", label: t("sla"), num: true, fmt: num(2) }
    ], u.months, "um");
    table(el("u-officers"), "unit-petugas", t("officer"), [
      { key: "name", label: t("officer"), rowHeader: true },
      { key: "answers", label: t("answers"), num: true, fmt: num(0) },
      { key: "quality", label: t("quality"), num: true, fmt: withN("answers", 2) },
      { key: "sla", label: t("sla"), num: true, fmt: num(2) }
    ], u.officers, "uo");
    table(el("u-gaps"), "unit-temuan", t("gaps"), [
      { key: "code", label: t("code"), rowHeader: true },
      { key: "item", label: t("item") },
      { key: "given", label: t("given") },
      { key: "guidance", label: t("fix") },
      { key: "points_lost", label: t("lost"), num: true, fmt: num(2) }
    ], u.gaps, "ug");
  }

  function criteriaView() {
    const rows = D.criteria.map((c) => ({ name: c.label, rate: c.rate, n: c.n }));
    table(el("criteria-table"), "kriteria-nasional", t("criteria"), [
      { key: "name", label: t("criterion"), rowHeader: true },
      { key: "rate", label: t("pass"), num: true, fmt: withN("n", 1) }
    ], rows, "cs");
    el("cap-heatmap").textContent = t("capHeatmap");
  }

  function issuesView() {
    table(el("issues-table"), "masalah-data", t("dataIssues"), [
      { key: "label", label: t("issueType"), rowHeader: true },
      { key: "code", label: t("code") },
      { key: "count", label: t("count"), num: true, fmt: num(0) }
    ], D.issues, "is");
  }

  function render() {
    document.documentElement.lang = S.lang;
    el("skip").textContent = t("skip");
    el("subtitle").textContent = `${t("period")}: ${D.period}` + (D.previous ? ` · ${t("previous").replace("{p}", D.previous)}` : "");
    el("generated").textContent = `${t("generated")}: ${D.generated} · ulpk-eval`;
    el("lang-toggle").textContent = t("other");
    for (const v of VIEWS) {
      el("h-" + v).textContent = t(v);
      const a = el("nav-" + v);
      a.textContent = t(v);
      a.href = "#view=" + v + (S.lang !== D.lang ? "&lang=" + S.lang : "");
      if (v === S.view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      el(v).hidden = v !== S.view;
    }
    ({ overview, ranking: rankingView, unit: unitView, criteria: criteriaView, issues: issuesView })[S.view]();
  }

  el("lang-toggle").addEventListener("click", () => writeState({ lang: S.lang === "id" ? "en" : "id" }));
  window.addEventListener("hashchange", () => { S = readState(); render(); });
  render();
})();
