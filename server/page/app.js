// actorgraph's page: search an actor, draw its network as an SVG (radial
// layout), move to a neighbour by clicking it, read the quotes behind an
// edge by clicking it. Talks only to this server's /api/ag/ endpoints.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
let info = { features: [], kinds: {}, examples: [] };
let current = null; // the network drawn

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

function svg(tag, attrs, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) q.set(k, v);
  const res = await fetch(path + "?" + q.toString(), { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) { const err = new Error(body.error || res.statusText); err.body = body; err.status = res.status; throw err; }
  return body;
}

function message(text, isError, suggestions) {
  const m = $("message");
  m.className = isError ? "error" : "";
  m.textContent = text || "";
  if (suggestions && suggestions.length) {
    m.append(" Try: ");
    suggestions.forEach((s, i) => {
      if (i) m.append(", ");
      m.append(el("a", { onclick: () => go(s) }, s));
    });
  }
}

function kindOf(type) { return info.kinds[type] || "other"; }

function params() {
  return { depth: $("depth").value, direction: $("direction").value, as_of: $("asof").value.trim() };
}

// go shows the network of actor and records it in the address bar.
function go(actor, push = true) {
  $("actor").value = actor;
  const p = params();
  if (push) {
    const q = new URLSearchParams({ actor, ...p });
    if (!p.as_of) q.delete("as_of");
    history.pushState({ actor }, "", "/?" + q.toString());
  }
  load(actor, p);
}

async function load(actor, p) {
  message("Loading " + actor + "…");
  try {
    const net = await api("/api/ag/neighbors", { actor, ...p });
    current = net;
    message("");
    draw(net);
    showActor(net);
  } catch (e) {
    clearGraph();
    const body = e.body || {};
    if (body.candidates) {
      message(e.message + ".", true, body.candidates.map((c) => c.id));
    } else {
      message(e.message, true, body.suggestions);
    }
  }
}

function clearGraph() { $("graph").replaceChildren(); }

// layout places the root in the middle and each depth on its own ring,
// children near their parent's angle.
function layout(net, w, h) {
  const pos = new Map();
  const cx = w / 2, cy = h / 2;
  pos.set(net.root.id, { x: cx, y: cy, a: 0, depth: 0 });
  const maxDepth = Math.max(0, ...net.neighbors.map((n) => n.depth));
  // Rings are ellipses that fill the pane, leaving room for the names.
  const rx = Math.max(120, w / 2 - 190), ry = Math.max(120, h / 2 - 60);
  const ring = (d) => (maxDepth === 1 ? 1 : d / maxDepth);
  const parentAngle = (n) => {
    const from = n.via.length ? hopFrom(n.via[0]).id : net.root.id;
    const p = pos.get(from);
    return p ? p.a : 0;
  };
  for (let d = 1; d <= maxDepth; d++) {
    const level = net.neighbors.filter((n) => n.depth === d);
    if (d > 1) level.sort((a, b) => parentAngle(a) - parentAngle(b));
    const r = ring(d);
    level.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / level.length;
      pos.set(n.node.id, { x: cx + r * rx * Math.cos(a), y: cy + r * ry * Math.sin(a), a, depth: d });
    });
  }
  return pos;
}

function hopFrom(h) { return h.direction === "in" ? h.object : h.subject; }
function hopTo(h) { return h.direction === "in" ? h.subject : h.object; }

// edges groups the hops of the network by the pair of nodes they join.
function edges(net) {
  const byPair = new Map();
  for (const n of net.neighbors) {
    for (const h of n.via) {
      const a = hopFrom(h).id, b = hopTo(h).id;
      const key = a < b ? a + "|" + b : b + "|" + a;
      if (!byPair.has(key)) byPair.set(key, { key, a, b, hops: [] });
      byPair.get(key).hops.push(h);
    }
  }
  return [...byPair.values()];
}

function clip(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + "…"; }

function draw(net) {
  const g = $("graph");
  g.replaceChildren();
  const w = g.clientWidth || 900, h = g.clientHeight || 700;
  g.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const pos = layout(net, w, h);
  const names = new Map([[net.root.id, net.root]]);
  for (const n of net.neighbors) names.set(n.node.id, n.node);
  const edgeLayer = svg("g", { class: "edges" }, g);
  const nodeLayer = svg("g", { class: "nodes" }, g);
  // A crowded picture keeps its edge labels in tooltips and the side panel.
  const labels = net.neighbors.length <= 30;
  for (const e of edges(net)) {
    const p = pos.get(e.a), q = pos.get(e.b);
    if (!p || !q) continue;
    const outer = e.a !== net.root.id && e.b !== net.root.id;
    const grp = svg("g", { class: "edge-group" + (outer ? " outer" : ""), "data-pair": e.key, tabindex: 0 }, edgeLayer);
    svg("line", { class: "edge", x1: p.x, y1: p.y, x2: q.x, y2: q.y }, grp);
    svg("line", { class: "edge-hit", x1: p.x, y1: p.y, x2: q.x, y2: q.y }, grp);
    const label = e.hops[0].reads + (e.hops.length > 1 ? ` +${e.hops.length - 1}` : "");
    // The label runs along its edge, above it, readable left to right.
    const mx = p.x + (q.x - p.x) * 0.6, my = p.y + (q.y - p.y) * 0.6;
    let deg = (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;
    if (deg > 90) deg -= 180; else if (deg < -90) deg += 180;
    const t = svg("text", { class: "edge-label", x: mx, y: my, dy: -4, "text-anchor": "middle", transform: `rotate(${deg.toFixed(1)} ${mx.toFixed(1)} ${my.toFixed(1)})` }, grp);
    t.textContent = labels ? clip(label, 24) : "";
    const title = svg("title", {}, grp);
    title.textContent = e.hops.map((h) => `${hopFrom(h).name} ${h.reads} ${hopTo(h).name}`).join("\n");
    grp.addEventListener("click", () => selectEdge(grp, e));
    grp.addEventListener("keydown", (ev) => { if (ev.key === "Enter") selectEdge(grp, e); });
  }
  for (const [id, p] of pos) {
    const n = names.get(id);
    const isRoot = id === net.root.id;
    const grp = svg("g", { class: "node" + (isRoot ? " root" : ""), "data-id": id, tabindex: 0, transform: `translate(${p.x},${p.y})` }, nodeLayer);
    svg("circle", { r: isRoot ? 14 : 9, class: "k-" + kindOf(n.type) }, grp);
    const right = Math.cos(p.a) >= -0.01;
    const t = svg("text", isRoot ? { y: -20, "text-anchor": "middle" } : { x: right ? 13 : -13, y: 4, "text-anchor": right ? "start" : "end" }, grp);
    t.textContent = clip(n.name, isRoot ? 60 : 30);
    const title = svg("title", {}, grp);
    title.textContent = `${n.name} (${n.type || "node"})`;
    if (!isRoot) {
      grp.addEventListener("click", () => go(id));
      grp.addEventListener("keydown", (ev) => { if (ev.key === "Enter") go(id); });
    }
  }
  if (!net.neighbors.length) message(net.root.name + " has no neighbours with these filters.");
}

function showActor(net) {
  const d = $("details");
  const r = net.root;
  const counts = net.neighbors.length + " neighbour" + (net.neighbors.length === 1 ? "" : "s");
  d.replaceChildren(
    el("div", { class: "kind" }, (r.type || "node").replace(/-/g, " ")),
    el("h2", {}, r.name),
    el("p", { class: "hint" }, counts + ". Click an edge to read the quotes behind it."),
  );
  api("/api/ag/show", { actor: r.id }).then((p) => {
    if (p.aliases && p.aliases.length) d.insertBefore(el("p", { class: "aliases" }, "Also: " + p.aliases.join(", ")), d.children[2]);
    for (const n of p.notes || []) d.insertBefore(el("p", {}, n), d.children[d.children.length - 1]);
  }).catch(() => {});
}

function selectEdge(grp, e) {
  document.querySelectorAll(".edge-group.selected").forEach((x) => x.classList.remove("selected"));
  grp.classList.add("selected");
  const d = $("details");
  d.replaceChildren(el("div", { class: "kind" }, "relation" + (e.hops.length > 1 ? "s" : "")));
  for (const h of e.hops) {
    const div = el("div", { class: "hop" },
      el("div", {}, el("strong", {}, h.subject.name), " ", el("span", { class: "rel" }, relLabel(h)), " ", el("strong", {}, h.object.name)));
    for (const c of h.claims || []) {
      div.append(el("blockquote", { class: "quote" }, "“" + c.quote + "”"));
      const meta = ["source: " + c.source, "certainty: " + c.certainty];
      if (c.asserted_by) meta.push("according to " + c.asserted_by);
      if (c.valid_from || c.valid_until) meta.push("valid " + (c.valid_from || "…") + " to " + (c.valid_until || "…"));
      div.append(el("div", { class: "claim-meta" }, meta.join(" · ")));
    }
    d.append(div);
  }
}

// relLabel reads the relation from subject to object.
function relLabel(h) { return h.direction === "in" ? h.relation.replace(/-/g, " ") : h.reads; }

let suggestTimer = 0;
function suggest() {
  clearTimeout(suggestTimer);
  const v = $("actor").value.trim();
  if (v.length < 2) return;
  suggestTimer = setTimeout(async () => {
    try {
      const list = await api("/api/ag/actors", { match: v });
      $("actor-list").replaceChildren(...list.slice(0, 20).map((e) => el("option", { value: e.name }, (e.aliases || []).join(", "))));
    } catch (e) { /* suggestions are a nicety */ }
  }, 200);
}

function showExamples() {
  const list = $("example-list");
  list.replaceChildren(...info.examples.map((ex) => {
    const pre = el("pre", {}, ex.query);
    const copy = el("button", { type: "button", onclick: () => navigator.clipboard && navigator.clipboard.writeText(ex.query) }, "Copy");
    return el("div", { class: "example" }, el("h3", {}, ex.title + " (" + ex.tab + " tab) ", copy), pre);
  }));
}

function showLegend() {
  $("legend").replaceChildren(...["actor", "place", "event"].map((k) => el("span", {}, el("i", { class: "k-" + k }), k)));
}

async function init() {
  try { info = await api("/api/ag/info"); } catch (e) { message("Cannot reach the server: " + e.message, true); }
  showLegend();
  showExamples();
  if (info.features.includes("path")) {
    $("path-form").hidden = false;
    $("path-form").addEventListener("submit", (ev) => { ev.preventDefault(); findPath($("path-from").value.trim(), $("path-to").value.trim()); });
  }
  $("search").addEventListener("submit", (ev) => { ev.preventDefault(); const a = $("actor").value.trim(); if (a) go(a); });
  $("actor").addEventListener("input", suggest);
  window.addEventListener("popstate", () => fromURL(false));
  window.addEventListener("resize", () => { if (current) draw(current); });
  fromURL(false);
}

// findPath asks for the shortest path between two actors and draws it as a
// chain, each step clickable for its quotes.
async function findPath(from, to) {
  const out = $("path-result");
  out.replaceChildren(el("p", { class: "hint" }, "Searching…"));
  try {
    const ans = await api("/api/ag/path", { from, to });
    const p = ans.paths[0];
    current = null;
    drawPath(p);
    $("details").replaceChildren(el("div", { class: "kind" }, "path"), el("h2", {}, ans.from.name + " → " + ans.to.name),
      el("p", { class: "hint" }, "Click a step of the path to read its quotes; click an actor to see its network."));
    message(`${ans.from.name} to ${ans.to.name}: ${p.length} hop${p.length === 1 ? "" : "s"}. Click a step for its quotes.`);
    out.replaceChildren(el("ol", {}, ...p.steps.map((st) =>
      el("li", {}, st.from.name + " ", el("span", { class: "rel" }, st.hops.map((h) => h.reads).join(" / ")), " " + st.to.name))));
  } catch (e) {
    const body = e.body || {};
    out.replaceChildren(el("p", { class: "error" }, e.message));
    if (body.suggestions && body.suggestions.length) out.append(el("p", { class: "hint" }, "Did you mean: " + body.suggestions.join(", ") + "?"));
  }
}

// drawPath lays a path out along a wave from left to right.
function drawPath(p) {
  const g = $("graph");
  g.replaceChildren();
  const w = g.clientWidth || 900, h = g.clientHeight || 700;
  g.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const n = p.nodes.length;
  const pos = new Map();
  p.nodes.forEach((nd, i) => {
    const x = n === 1 ? w / 2 : 190 + ((w - 380) * i) / (n - 1);
    const y = h / 2 + (i % 2 ? 70 : -70);
    pos.set(nd.id, { x, y });
  });
  const edgeLayer = svg("g", { class: "edges" }, g);
  const nodeLayer = svg("g", { class: "nodes" }, g);
  for (const st of p.steps) {
    const a = pos.get(st.from.id), b = pos.get(st.to.id);
    const grp = svg("g", { class: "edge-group", "data-pair": st.from.id + "|" + st.to.id, tabindex: 0 }, edgeLayer);
    svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y }, grp);
    svg("line", { class: "edge-hit", x1: a.x, y1: a.y, x2: b.x, y2: b.y }, grp);
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    const deg = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    const t = svg("text", { class: "edge-label", x: mx, y: my, dy: -5, "text-anchor": "middle", transform: `rotate(${deg.toFixed(1)} ${mx.toFixed(1)} ${my.toFixed(1)})` }, grp);
    t.textContent = clip(st.hops.map((x) => x.reads).join(" / "), 30);
    const e = { hops: st.hops };
    grp.addEventListener("click", () => selectEdge(grp, e));
    grp.addEventListener("keydown", (ev) => { if (ev.key === "Enter") selectEdge(grp, e); });
  }
  p.nodes.forEach((nd, i) => {
    const q = pos.get(nd.id);
    const end = i === 0 || i === n - 1;
    const grp = svg("g", { class: "node" + (end ? " root" : ""), "data-id": nd.id, tabindex: 0, transform: `translate(${q.x},${q.y})` }, nodeLayer);
    svg("circle", { r: end ? 13 : 9, class: "k-" + kindOf(nd.type) }, grp);
    const t = svg("text", { y: i % 2 ? 28 : -18, "text-anchor": "middle" }, grp);
    t.textContent = clip(nd.name, 34);
    const title = svg("title", {}, grp);
    title.textContent = `${nd.name} (${nd.type || "node"}): click for its network`;
    grp.addEventListener("click", () => go(nd.id));
  });
}

function fromURL(push) {
  const q = new URLSearchParams(location.search);
  if (q.get("depth")) $("depth").value = q.get("depth");
  if (q.get("direction")) $("direction").value = q.get("direction");
  $("asof").value = q.get("as_of") || "";
  const a = q.get("actor");
  if (a) go(a, push);
}

init();
