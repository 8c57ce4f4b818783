// The review page: the article with every candidate's sentence
// highlighted, and per candidate accept / edit / reject. Saving posts the
// decisions to /api/review/drafts/ID, which writes the curated file.
"use strict";

const $ = (id) => document.getElementById(id);
let draft = null;      // the draft shown
let current = null;    // the candidate whose sentence is highlighted

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

async function getJSON(url, opts) {
  const r = await fetch(url, opts);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// candidates lists the draft's candidates in page order.
function candidates() {
  const out = [];
  draft.entities.forEach((e, i) => out.push({kind: "entity", index: i, item: e, quote: e.quote}));
  draft.claims.forEach((c, i) => out.push({kind: "claim", index: i, item: c, quote: c.quote}));
  return out;
}

// renderArticle draws the text, marking the first place of every
// candidate's quote; the current candidate's mark is set apart.
function renderArticle() {
  const text = draft.text;
  const ranges = [];
  for (const c of candidates()) {
    if (!c.quote) continue;
    const at = text.indexOf(c.quote);
    if (at >= 0) ranges.push({from: at, to: at + c.quote.length, c});
  }
  ranges.sort((a, b) => a.from - b.from || b.to - a.to);
  const art = $("article");
  art.replaceChildren();
  let pos = 0;
  let para = el("p");
  const flush = (s, mark) => {
    const parts = s.split("\n");
    parts.forEach((part, k) => {
      if (k > 0) { art.append(para); para = el("p"); }
      if (part === "") return;
      if (mark) {
        const m = el("mark", {class: "cand" + (mark.current ? " current" : ""), "data-key": mark.key}, part);
        m.style.background = mark.current ? "#ffb74d" : "#fff3c4";
        para.append(m);
      } else {
        para.append(part);
      }
    });
  };
  for (const r of ranges) {
    if (r.from < pos) continue; // inside a sentence already marked
    flush(text.slice(pos, r.from), null);
    const sameSpan = ranges.filter((o) => o.from === r.from && o.to === r.to);
    const isCur = current && sameSpan.some((o) => o.c.kind === current.kind && o.c.index === current.index);
    flush(text.slice(r.from, r.to), {current: isCur, key: r.c.kind + r.c.index});
    pos = r.to;
  }
  flush(text.slice(pos), null);
  art.append(para);
  const cur = art.querySelector("mark.current");
  if (cur) cur.scrollIntoView({block: "center"});
}

function field(name, value, cls) {
  return el("label", {class: "field"}, name + " ", el("input", {value: value || "", class: cls, "data-field": cls}));
}

function describe(c) {
  if (c.kind === "claim") {
    const x = c.item;
    return `${x.subject} ${x.relation} ${x.object}` + (x.denied ? " (denied)" : "") +
      (x.certainty && x.certainty !== "reported" ? ` · ${x.certainty}` + (x.by ? ` by ${x.by}` : "") : "");
  }
  const e = c.item;
  return `${e.event ? "event" : "actor"} ${e.id} · ${e.type} · “${e.name}”` + (e.alias_of ? ` (new alias of ${e.alias_of})` : "");
}

function renderCandidates() {
  const box = $("candidates");
  box.replaceChildren();
  for (const c of candidates()) {
    const card = el("div", {class: "candidate", "data-kind": c.kind, "data-index": String(c.index)});
    card.style.border = "1px solid #ccc";
    card.style.padding = "6px";
    card.style.margin = "6px 0";
    const head = el("div", {class: "summary"}, describe(c));
    const conf = el("small", {}, ` confidence ${c.item.confidence}: ${Array.isArray(c.item.why) ? c.item.why.join("; ") : (c.item.why || "")}`);
    const edits = el("div", {class: "edits"});
    if (c.kind === "entity") {
      edits.append(field("ID", c.item.id, "id"), field("type", c.item.type, "type"), field("name", c.item.name, "name"));
    } else {
      edits.append(field("subject", c.item.subject, "subject"), field("relation", c.item.relation, "relation"),
        field("object", c.item.object, "object"), field("certainty", c.item.certainty, "certainty"));
    }
    const accept = el("button", {type: "button", class: "accept"}, "Accept");
    const reject = el("button", {type: "button", class: "reject"}, "Reject");
    const state = el("span", {class: "state"}, "undecided");
    accept.addEventListener("click", (ev) => { ev.stopPropagation(); decide(card, true); });
    reject.addEventListener("click", (ev) => { ev.stopPropagation(); decide(card, false); });
    card.addEventListener("click", () => { current = c; renderArticle(); });
    card.addEventListener("focusin", () => { current = c; renderArticle(); });
    for (const b of [accept, reject]) {
      Object.assign(b.style, {font: "inherit", padding: "2px 10px", marginRight: "6px", border: "1px solid #0b5fff", borderRadius: "5px", background: "#fff", color: "#0b5fff", cursor: "pointer"});
    }
    card.append(head, conf, edits, accept, reject, state);
    box.append(card);
  }
}

function decide(card, ok) {
  card.dataset.decision = ok ? "accept" : "reject";
  card.querySelector(".state").textContent = ok ? "accepted" : "rejected";
  card.style.background = ok ? "#e8f5e9" : "#fbe9e7";
}

function decisions() {
  const out = [];
  for (const card of document.querySelectorAll("#candidates .candidate")) {
    if (!card.dataset.decision) continue;
    const d = {kind: card.dataset.kind, index: Number(card.dataset.index), accept: card.dataset.decision === "accept"};
    for (const input of card.querySelectorAll("input[data-field]")) d[input.dataset.field] = input.value.trim();
    out.push(d);
  }
  return out;
}

async function save() {
  const out = $("result");
  out.textContent = "";
  try {
    const ans = await getJSON(`/api/review/drafts/${encodeURIComponent(draft.id)}`, {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({reviewer: $("reviewer").value.trim(), decisions: decisions()}),
    });
    out.textContent = `saved ${ans.entities} entities and ${ans.claims} claims to ${ans.file}` + (ans.loaded ? " and loaded them as a source" : "");
    out.className = "ok";
  } catch (e) {
    out.textContent = "not saved: " + e.message;
    out.className = "error";
  }
}

async function show(id) {
  draft = await getJSON(`/api/review/drafts/${encodeURIComponent(id)}`);
  current = null;
  renderCandidates();
  renderArticle();
}

// style lays the page out without a stylesheet of its own (the page's CSP
// allows the CSSOM, not inline style attributes).
function style() {
  const set = (e, props) => Object.assign(e.style, props);
  set(document.body, {margin: "0", font: "14px/1.45 system-ui, 'DejaVu Sans', sans-serif", color: "#1b1f24", background: "#f6f7f9"});
  set($("review-head"), {padding: "8px 16px", background: "#fff", borderBottom: "1px solid #d0d7de"});
  for (const b of document.querySelectorAll("button")) {
    set(b, {font: "inherit", padding: "4px 10px", margin: "0 4px", border: "1px solid #0b5fff", borderRadius: "5px", background: "#0b5fff", color: "#fff", cursor: "pointer"});
  }
  $("result").style.marginLeft = "12px";
}

async function start() {
  style();
  const main = $("review-main");
  main.style.display = "grid";
  main.style.gridTemplateColumns = "minmax(0, 3fr) minmax(0, 2fr)";
  main.style.gap = "16px";
  $("article").style.padding = "0 16px";
  $("article").style.lineHeight = "1.6";
  $("candidates").style.maxHeight = "80vh";
  $("candidates").style.overflowY = "auto";
  $("save").addEventListener("click", save);
  $("accept-all").addEventListener("click", () => document.querySelectorAll("#candidates .candidate").forEach((c) => decide(c, true)));
  $("reviewer").value = localStorage.getItem("ag-reviewer") || "";
  $("reviewer").addEventListener("change", () => localStorage.setItem("ag-reviewer", $("reviewer").value));
  let list;
  try {
    list = await getJSON("/api/review/drafts");
  } catch (e) {
    $("result").textContent = e.message;
    return;
  }
  const sel = $("drafts");
  for (const d of list) sel.append(el("option", {value: d.id}, `${d.id} (${d.entities} entities, ${d.claims} claims${d.reviewed ? ", reviewed" : ""})`));
  sel.addEventListener("change", () => show(sel.value));
  const want = new URLSearchParams(location.search).get("draft") || (list[0] && list[0].id);
  if (want) {
    sel.value = want;
    await show(want);
  }
  document.body.dataset.ready = "true";
}

start();
