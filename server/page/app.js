// actorgraph's page: the network around one or more actors drawn with
// Cytoscape.js and the fCoSE force-directed layout (vendored, see
// server/page/vendor/VERSIONS). Click a node to add its neighbours in place,
// click an edge to read its claims; filter by relation, certainty, type,
// source, number of sources and date; find paths; export what is in view;
// every view is the page's address. Talks only to this server's /api/ag/.
"use strict";

const $ = (id) => document.getElementById(id);
const CAP = 15; // neighbours an expansion adds before "show N more"
const FIRST_CAP = 400; // neighbours the first load adds
const BIG = 600; // nodes beyond which the page draws for speed (no labels, draft layout)

let info = { features: [], kinds: {}, examples: [], read_only: true };
let vocab = { relations: [], groups: [], certainties: ["reported", "claimed", "attributed", "assessed"], types: [] };
let relInfo = new Map(); // relation name -> vocab entry
let sourceInfo = new Map(); // source id -> {title, publisher, ...} when /api/ag/sources exists
let disputes = []; // from /api/ag/disputes when it exists
let cy = null;

// The view: what the address says, and what the page fetched for it.
const view = {
  roots: [], depth: 2, direction: "both", all: false,
  expanded: [], // [{id, all}] in the order they were expanded
  hidden: new Set(), pinned: new Map(), // id -> {x, y}
  xrel: new Set(), xcert: new Set(), xtype: new Set(), xsrc: new Set(), minSrc: 1, asOf: "",
  sel: "", // "n:ID" or "e:S|R|O"
  path: null, // {from, to, all}
};
const nodes = new Map(); // id -> {id, name, type, entity?, more: 0}
const edges = new Map(); // "S|R|O" -> {subject, relation, object, claims, sources}
let pathAnswer = null, pathChoice = 0;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

async function api(path, params, method = "GET") {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) q.set(k, v);
  const opts = { method, headers: { Accept: "application/json" } };
  let url = path;
  if (method === "POST") { opts.body = q; } else if ([...q].length) url += "?" + q.toString();
  const res = await fetch(url, opts);
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) { const err = new Error(body.error || res.statusText); err.body = body; err.status = res.status; throw err; }
  return body;
}

async function optional(path, params) {
  try { return await api(path, params); } catch (e) { return null; }
}

function message(text, isError, suggestions) {
  const m = $("message");
  m.className = isError ? "error" : "";
  m.textContent = text || "";
  for (const [i, s] of (suggestions || []).entries()) {
    m.append(i ? ", " : " Try: ", el("a", { href: "?actor=" + encodeURIComponent(s) + "&depth=" + view.depth, onclick: (ev) => { ev.preventDefault(); showActor(s); } }, s));
  }
}

const kindOf = (type) => info.kinds[type] || "other";
const words = (s) => (s || "").replace(/-/g, " ");
const edgeKey = (s, r, o) => s + "|" + r + "|" + o;
const plural = (n, w) => n + " " + w + (n === 1 ? "" : "s");

// ---- the address ----------------------------------------------------------

function toQuery() {
  const q = new URLSearchParams();
  if (view.all) q.set("all", "1");
  for (const r of view.roots) q.append("actor", r);
  q.set("depth", view.depth);
  if (view.direction !== "both") q.set("direction", view.direction);
  const list = (k, v) => { if (v.length) q.set(k, v.join(",")); };
  list("expand", view.expanded.map((x) => x.id + (x.all ? "!" : "")));
  list("hide", [...view.hidden]);
  list("pin", [...view.pinned].map(([id, p]) => `${id}@${Math.round(p.x)}@${Math.round(p.y)}`));
  list("xrel", [...view.xrel]); list("xcert", [...view.xcert]); list("xtype", [...view.xtype]); list("xsrc", [...view.xsrc]);
  if (view.minSrc > 1) q.set("min_src", view.minSrc);
  if (view.asOf) q.set("as_of", view.asOf);
  if (view.path) { q.set("from", view.path.from); q.set("to", view.path.to); if (view.path.all) q.set("alt", "1"); }
  if (view.sel) q.set("sel", view.sel);
  return q.toString().replace(/%2C/g, ",").replace(/%7C/g, "|").replace(/%40/g, "@").replace(/%3A/g, ":").replace(/%21/g, "!");
}

function fromQuery(s) {
  const q = new URLSearchParams(s);
  const list = (k) => (q.get(k) || "").split(",").map((x) => x.trim()).filter(Boolean);
  view.all = q.get("all") === "1";
  view.roots = q.getAll("actor").flatMap((a) => a.split(",")).map((a) => a.trim()).filter(Boolean);
  view.depth = Math.min(3, Math.max(1, parseInt(q.get("depth") || "2", 10) || 2));
  view.direction = q.get("direction") || "both";
  view.expanded = list("expand").map((x) => ({ id: x.replace(/!$/, ""), all: x.endsWith("!") }));
  view.hidden = new Set(list("hide"));
  view.pinned = new Map(list("pin").map((p) => { const [id, x, y] = p.split("@"); return [id, { x: +x, y: +y }]; }).filter(([, p]) => isFinite(p.x) && isFinite(p.y)));
  view.xrel = new Set(list("xrel")); view.xcert = new Set(list("xcert")); view.xtype = new Set(list("xtype")); view.xsrc = new Set(list("xsrc"));
  view.minSrc = Math.max(1, parseInt(q.get("min_src") || "1", 10) || 1);
  view.asOf = q.get("as_of") || "";
  view.path = q.get("from") && q.get("to") ? { from: q.get("from"), to: q.get("to"), all: q.get("alt") === "1" } : null;
  view.sel = q.get("sel") || "";
  $("depth").value = String(view.depth);
  $("direction").value = view.direction;
  $("min-src").value = String(view.minSrc);
  if (view.roots.length) $("q").value = view.roots[0];
  if (view.path) { $("path-from").value = view.path.from; $("path-to").value = view.path.to; $("path-all").checked = view.path.all; }
}

let pushNext = false;
function record() {
  const url = "/?" + toQuery();
  if (url === location.pathname + location.search) return;
  if (pushNext) history.pushState(null, "", url); else history.replaceState(null, "", url);
  pushNext = false;
}

// ---- fetching -------------------------------------------------------------

// addNode adds a node once; by names what brought it in (an expanded node,
// "root", "path" or "all"), so that collapsing an expansion removes only
// the nodes nothing else brought.
function addNode(n, by) {
  if (!nodes.has(n.id)) nodes.set(n.id, { id: n.id, name: n.name || n.id, type: n.type || "", more: 0, by: new Set() });
  const v = nodes.get(n.id);
  if (by) v.by.add(by);
  return v;
}

function addHop(h) {
  const k = edgeKey(h.subject.id, h.relation, h.object.id);
  if (!edges.has(k)) edges.set(k, { subject: h.subject.id, relation: h.relation, object: h.object.id, claims: h.claims || [], sources: h.sources });
}

// neighbours fetches the network of id and adds up to cap new nodes (the
// ones with the most claims first); it returns how many it left out.
async function neighbours(id, depth, cap, by) {
  const net = await api("/api/ag/neighbors", { actor: id, depth, direction: view.direction });
  addNode(net.root, by === "root" ? "root" : null);
  by = by || net.root.id;
  const fresh = net.neighbors.filter((n) => !nodes.has(n.node.id));
  const weight = (n) => n.via.reduce((s, h) => s + (h.claims || []).length + (h.source_count || 0), 0);
  fresh.sort((a, b) => a.depth - b.depth || weight(b) - weight(a) || a.node.name.localeCompare(b.node.name));
  const keep = new Set(fresh.slice(0, cap).map((n) => n.node.id));
  for (const n of net.neighbors) {
    if (nodes.has(n.node.id) || keep.has(n.node.id)) {
      addNode(n.node, by);
      for (const h of n.via) if (nodes.has(h.subject.id) && nodes.has(h.object.id)) addHop(h);
    }
  }
  return { root: net.root, left: Math.max(0, fresh.length - cap) };
}

// enrich replaces the edges with every relation between the nodes in view
// and gives each node its full entity (facts, dates, sources), through the
// export endpoint (the same selection as `actorgraph export`).
async function enrich() {
  if (!nodes.size) return;
  try {
    const sg = await api("/api/ag/export", { format: "json", nodes: [...nodes.keys()].join(",") }, "POST");
    applySubgraph(sg, false);
  } catch (e) { /* the hops already drawn stay */ }
}

function applySubgraph(sg, addNodes) {
  for (const n of sg.nodes) {
    if (addNodes) addNode(n, "all");
    const v = nodes.get(n.id);
    if (v) { v.entity = n; v.name = n.name || n.id; v.type = n.type; }
  }
  edges.clear();
  for (const e of sg.edges) if (nodes.has(e.subject) && nodes.has(e.object)) edges.set(edgeKey(e.subject, e.relation, e.object), e);
}

// ---- drawing --------------------------------------------------------------

const certStyle = { reported: "solid", claimed: "dashed", attributed: "dashed", assessed: "dotted" };
function firmest(claims) {
  for (const c of vocab.certainties) if (claims.some((x) => x.certainty === c)) return c;
  return "reported";
}
function sourcesOf(e) {
  if (e.sources && e.sources.length) return e.sources;
  return [...new Set((e.claims || []).map((c) => c.source).filter(Boolean))];
}
function reads(rel) { const r = relInfo.get(rel); return r ? r.label : words(rel); }

function style() {
  return [
    { selector: "node", style: {
      "background-color": "#7a7f8a", width: 16, height: 16, label: "data(label)", "font-size": 12,
      "font-family": "system-ui, \"DejaVu Sans\", sans-serif", color: "#1d2330", "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "wrap", "text-max-width": 120, "text-background-color": "#f6f7f9", "text-background-opacity": 0.85,
      "text-background-padding": 1, "border-width": 2, "border-color": "#fff", "min-zoomed-font-size": 6 } },
    { selector: "node.k-actor", style: { "background-color": "#2f6fdb" } },
    { selector: "node.k-place", style: { "background-color": "#2e9e5b", shape: "round-rectangle" } },
    { selector: "node.k-event", style: { "background-color": "#d9622b", shape: "diamond", width: 18, height: 18 } },
    { selector: "node.root", style: { width: 26, height: 26, "font-size": 13, "font-weight": "bold" } },
    { selector: "node.more", style: { "border-color": "#1d2330", "border-style": "double", "border-width": 4 } },
    { selector: "node.pinned", style: { "border-color": "#b3261e", "border-width": 3 } },
    { selector: "node.disputed", style: { "outline-width": 2, "outline-color": "#b3261e", "outline-offset": 2 } },
    { selector: "node:selected", style: { "border-color": "#0b5fff", "border-width": 4, "overlay-opacity": 0 } },
    { selector: "node.path", style: { "border-color": "#f2b705", "border-width": 4 } },
    { selector: "edge", style: {
      width: "data(w)", "line-color": "#9aa3b2", "curve-style": "bezier", "target-arrow-shape": "data(arrow)",
      "target-arrow-color": "#9aa3b2", "arrow-scale": 0.7, "line-style": "data(line)", opacity: 0.85,
      label: "", "font-size": 10, color: "#5b6475", "text-rotation": "autorotate", "text-background-color": "#f6f7f9",
      "text-background-opacity": 0.9 } },
    { selector: "edge.labelled, edge:selected, edge.hover", style: { label: "data(label)" } },
    { selector: "edge.disputed", style: { "line-color": "#d9776f", "target-arrow-color": "#d9776f", "line-style": "dashed", "line-dash-pattern": [6, 3] } },
    { selector: "edge:selected", style: { "line-color": "#0b5fff", "target-arrow-color": "#0b5fff", width: 4, opacity: 1 } },
    { selector: "edge.path", style: { "line-color": "#f2b705", "target-arrow-color": "#f2b705", width: 5, opacity: 1, "z-index": 10 } },
    { selector: "edge.path-alt", style: { "line-color": "#f7d67a", "target-arrow-color": "#f7d67a", width: 3, opacity: 1 } },
    { selector: "node.quiet", style: { label: "" } },
    { selector: "node.quiet:selected, node.quiet.hover, node.quiet.root", style: { label: "data(label)" } },
    { selector: "edge.fast", style: { "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none", opacity: 0.5 } },
    { selector: ".filtered", style: { display: "none" } },
  ];
}

function nodeLabel(id) {
  const v = nodes.get(id);
  return v.name + (v.more ? `\n(+${v.more} more)` : "");
}

// nodeClasses are the classes a node's data gives it.
function nodeClasses(id, big) {
  const v = nodes.get(id);
  return ["k-" + kindOf(v.type), rootIDs.has(id) && "root", v.more > 0 && "more", view.pinned.has(id) && "pinned",
    isDisputed(id) && "disputed", big && "quiet"].filter(Boolean);
}

function edgeElement(k, e, big) {
  const rel = relInfo.get(e.relation);
  const n = sourcesOf(e).length;
  return {
    group: "edges",
    classes: (big ? "fast" : "") + (edgeDisputes(e).length ? " disputed" : ""),
    data: { id: "e:" + k, source: e.subject, target: e.object, label: reads(e.relation), w: 1.2 + Math.min(4, n - 1) * 0.8,
      line: certStyle[firmest(e.claims || [])] || "solid", arrow: rel && rel.symmetric ? "none" : "triangle" },
  };
}

// sync makes the picture hold exactly the nodes and edges fetched; new
// nodes start beside a neighbour already placed. It returns the new nodes.
// Big pictures draw straight edges and show names on hover and selection.
function sync(near) {
  const have = new Set(cy.nodes().map((n) => n.id()));
  const added = [...nodes.keys()].filter((id) => !have.has(id));
  const placing = have.size > 0; // a first picture is laid out from scratch
  const big = nodes.size > BIG;
  cy.batch(() => {
    if (placing) {
      cy.nodes().filter((n) => !nodes.has(n.id())).remove();
      cy.edges().filter((x) => !edges.has(x.id().slice(2))).remove();
    }
    const anchor = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : null;
    const els = added.map((id, i) => {
      const x = { group: "nodes", data: { id, label: nodeLabel(id) }, classes: nodeClasses(id, big) };
      const a = placing && (anchor || placedNeighbour(id));
      const ang = (2 * Math.PI * i) / Math.max(1, added.length);
      if (a) x.position = { x: a.x + 60 * Math.cos(ang), y: a.y + 60 * Math.sin(ang) };
      return x;
    });
    cy.add(els);
    const fresh = [];
    for (const [k, e] of edges) {
      const x = placing ? cy.getElementById("e:" + k) : null;
      if (!x || x.empty()) fresh.push(edgeElement(k, e, big));
      else { x.data(edgeElement(k, e, big).data); x.toggleClass("fast", big); }
    }
    cy.add(fresh);
    if (!placing) return;
    cy.nodes().forEach((n) => {
      const id = n.id();
      if (!have.has(id)) return;
      n.data("label", nodeLabel(id));
      const want = new Set(nodeClasses(id, big));
      for (const c of ["root", "more", "pinned", "disputed", "quiet"]) n.toggleClass(c, want.has(c));
    });
  });
  return cy.collection(added.map((id) => cy.getElementById(id)));
}

function placedNeighbour(id) {
  for (const e of edges.values()) {
    const other = e.subject === id ? e.object : e.object === id ? e.subject : null;
    if (other) { const n = cy.getElementById(other); if (n.nonempty() && n.position().x !== 0) return n.position(); }
  }
  return null;
}

let rootIDs = new Set(); // resolved IDs of view.roots

// layout runs fCoSE over what is shown. With fresh = null it lays the whole
// picture out; otherwise only the fresh nodes move (the rest is fixed), so the
// picture keeps its shape as it grows. Pinned nodes never move. The random
// draws are seeded by the view and key (the node expanded), so replaying a
// view's steps gives the same picture.
function layout(fresh, key = "") {
  const shown = cy.elements().not(".filtered");
  const n = shown.nodes().length;
  if (!n) return Promise.resolve();
  const t0 = performance.now();
  const fixed = [];
  shown.nodes().forEach((x) => {
    const p = view.pinned.get(x.id());
    if (p) fixed.push({ nodeId: x.id(), position: p });
    else if (fresh && !fresh.has(x)) fixed.push({ nodeId: x.id(), position: { ...x.position() } });
  });
  const big = n > BIG;
  const opts = {
    name: "fcose", quality: big ? "draft" : "default", randomize: !fresh, animate: false, fit: false,
    nodeDimensionsIncludeLabels: !big, packComponents: !big, nodeSeparation: 90, sampleSize: big ? 25 : 25,
    nodeRepulsion: () => 12000, idealEdgeLength: () => (n > 120 ? 60 : n > 40 ? 80 : 110), edgeElasticity: () => 0.3,
    gravity: 0.2, gravityRange: 3.8, numIter: big ? 1200 : 2500, tile: !big,
    fixedNodeConstraint: fixed.length && fixed.length < n ? fixed : undefined,
  };
  if (fresh && fixed.length >= n) return Promise.resolve();
  const kept = fresh ? shown.nodes().not(fresh).map((x) => [x, { ...x.position() }]) : [];
  return new Promise((resolve) => {
    const l = shown.layout(opts);
    l.one("layoutstop", () => {
      if (window.agTimes) window.agTimes.fcose = performance.now();
      if (fresh) restore(kept, fresh);
      else if (!big) stretch(shown.nodes());
      if (!big) separate(shown.nodes(), fresh);
      if (!fresh) focusOn(shown, 30);
      window.agLayoutMs = performance.now() - t0;
      resolve();
    });
    // fCoSE draws from Math.random: seeding it from the view makes the same
    // address give the same picture, on any machine.
    const random = Math.random;
    Math.random = seeded([view.all, ...view.roots, view.depth, view.direction, key].join("|"));
    try { l.run(); } finally { Math.random = random; }
  });
}

// seeded is a small PRNG (mulberry32) seeded by a string's hash.
function seeded(str) {
  let a = 2166136261;
  for (let i = 0; i < str.length; i++) a = Math.imul(a ^ str.charCodeAt(i), 16777619);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// focusOn fits the picture to eles, but never closer than 1.3 (labels
// stay at their size on a short path).
function focusOn(eles, pad) {
  if (!eles.length) return;
  cy.fit(eles.nodes().length > BIG ? eles.nodes() : eles, pad); // straight edges lie within their nodes' box
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(eles); }
}

// restore puts the nodes that were placed before an expansion back where
// they were (fCoSE may shift the whole picture), moving the fresh nodes by
// the same shift.
function restore(kept, fresh) {
  if (!kept.length) return;
  let dx = 0, dy = 0;
  for (const [x, p] of kept) { dx += x.position().x - p.x; dy += x.position().y - p.y; }
  dx /= kept.length; dy /= kept.length;
  cy.batch(() => {
    for (const [x, p] of kept) x.position(p);
    fresh.forEach((x) => { const p = x.position(); x.position({ x: p.x - dx, y: p.y - dy }); });
  });
}

// stretch scales the layout to the pane's shape (fCoSE draws round
// pictures; the pane is wide), so the fitted picture is as large as it can be.
function stretch(ns) {
  const free = ns.filter((n) => !view.pinned.has(n.id()));
  if (free.length < 3) return;
  const bb = free.boundingBox({ includeLabels: false });
  const w = Math.max(1, bb.w), h = Math.max(1, bb.h);
  const want = cy.width() / Math.max(1, cy.height());
  const have = w / h;
  if (Math.abs(Math.log(want / have)) < 0.1) return;
  const sx = want > have ? want / have : 1, sy = want > have ? 1 : have / want;
  const cx = bb.x1 + w / 2, cy0 = bb.y1 + h / 2;
  cy.batch(() => free.forEach((n) => { const p = n.position(); n.position({ x: cx + (p.x - cx) * sx, y: cy0 + (p.y - cy0) * sy }); }));
}

// separate pushes apart the nodes whose boxes (label included) overlap, so
// no name covers another: a few sweeps of pairwise separation along the
// axis that needs the shorter move. Pinned nodes stay, and so does every
// node but the movable ones when given (an expansion moves only its new nodes).
function separate(ns, movable) {
  const items = ns.map((n) => {
    const bb = n.boundingBox({ includeLabels: true, includeOverlays: false });
    const p = n.position();
    return { n, x: p.x, y: p.y, l: bb.x1 - p.x - 3, r: bb.x2 - p.x + 3, t: bb.y1 - p.y - 2, b: bb.y2 - p.y + 2, fixed: view.pinned.has(n.id()) || (movable && !movable.has(n)) };
  });
  for (let sweep = 0; sweep < 60; sweep++) {
    let moved = false;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        const ox = Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x + a.l, b.x + b.l);
        const oy = Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y + a.t, b.y + b.t);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        const wa = a.fixed ? 0 : b.fixed ? 1 : 0.5, wb = 1 - wa;
        if (a.fixed && b.fixed) continue;
        if (ox < oy) {
          const d = (a.x < b.x || (a.x === b.x && i < j) ? -1 : 1) * (ox + 1);
          a.x += d * wa; b.x -= d * wb;
        } else {
          const d = (a.y < b.y || (a.y === b.y && i < j) ? -1 : 1) * (oy + 1);
          a.y += d * wa; b.y -= d * wb;
        }
      }
    }
    if (!moved) break;
  }
  // What the sweeps could not settle (a node squeezed between fixed ones)
  // moves to the nearest free spot on a spiral around it.
  const hits = (a, x, y) => items.some((b) => b !== a && Math.min(x + a.r, b.x + b.r) - Math.max(x + a.l, b.x + b.l) > 0 && Math.min(y + a.b, b.y + b.b) - Math.max(y + a.t, b.y + b.t) > 0);
  for (const a of items) {
    if (a.fixed || !hits(a, a.x, a.y)) continue;
    spiral: for (let ring = 1; ring <= 60; ring++) {
      for (let k = 0; k < 16; k++) {
        const x = a.x + ring * 15 * Math.cos((k * Math.PI) / 8), y = a.y + ring * 15 * Math.sin((k * Math.PI) / 8);
        if (!hits(a, x, y)) { a.x = x; a.y = y; break spiral; }
      }
    }
  }
  cy.batch(() => items.forEach((it) => it.n.position({ x: it.x, y: it.y })));
}

// ---- filters --------------------------------------------------------------

function dayStart(v) { return v.length === 4 ? v + "-01-01" : v.length === 7 ? v + "-01" : v; }
function dayEnd(v) {
  if (v.length === 4) return v + "-12-31";
  if (v.length === 7) { const [y, m] = v.split("-").map(Number); return v + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0"); }
  return v;
}
function holds(c, asOf) {
  if (!asOf) return true;
  if (c.valid_from && dayStart(c.valid_from.value) > asOf) return false;
  if (c.valid_until && dayEnd(c.valid_until.value) < asOf) return false;
  return true;
}
function claimShown(c) {
  return !view.xcert.has(c.certainty) && !(c.source && view.xsrc.has(c.source)) && holds(c, view.asOf);
}
function eventDate(id) { const e = nodes.get(id) && nodes.get(id).entity; return e && e.date ? e.date.value : ""; }

function edgeShown(e) {
  if (view.xrel.has(e.relation)) return false;
  const cs = (e.claims || []).filter(claimShown);
  if (e.claims && e.claims.length && !cs.length) return false;
  const srcs = e.sources && e.sources.length && !view.xsrc.size ? e.sources : [...new Set(cs.map((c) => c.source).filter(Boolean))];
  return srcs.length >= view.minSrc || (view.minSrc <= 1);
}

function nodeShown(id) {
  const n = nodes.get(id);
  if (view.hidden.has(id) || view.xtype.has(n.type)) return false;
  const d = eventDate(id);
  return !(view.asOf && d && dayStart(d) > view.asOf);
}

// applyFilters hides what the filters leave out: edges first, then nodes
// left without a shown edge (the actors asked for always stay).
function applyFilters() {
  // Classes change only where they must: restyling thousands of elements is
  // what a big picture pays for.
  const set = (x, c, on) => { if (x.hasClass(c) !== on) x.toggleClass(c, on); };
  cy.batch(() => {
    const okNode = new Set([...nodes.keys()].filter(nodeShown));
    const linked = new Set();
    cy.edges().forEach((x) => {
      const e = edges.get(x.id().slice(2));
      const ok = e && edgeShown(e) && okNode.has(e.subject) && okNode.has(e.object);
      set(x, "filtered", !ok);
      if (ok) { linked.add(e.subject); linked.add(e.object); }
    });
    const filtering = view.xrel.size || view.xcert.size || view.xsrc.size || view.minSrc > 1 || view.asOf;
    cy.nodes().forEach((x) => {
      const id = x.id();
      set(x, "filtered", !okNode.has(id) || (filtering && !linked.has(id) && !rootIDs.has(id)));
    });
    const shownEdges = cy.edges().not(".filtered");
    shownEdges.forEach((x) => set(x, "labelled", shownEdges.length <= 30));
  });
  const n = cy.nodes().not(".filtered").length, m = cy.edges().not(".filtered").length;
  $("counts").textContent = `${plural(n, "node")}, ${plural(m, "edge")} in view` + (n < nodes.size ? ` (${nodes.size - n} filtered out)` : "");
  const hid = [...view.hidden];
  $("hidden-nodes").replaceChildren(...(hid.length ? [plural(hid.length, "hidden node") + ": " + hid.map((id) => (nodes.get(id) || { name: id }).name).join(", ") + " ",
    el("button", { type: "button", class: "secondary small", id: "unhide", onclick: () => { view.hidden.clear(); changed(); } }, "Show them")] : []));
  showTimeline();
  showSources();
  record();
}

function inView() { return cy ? cy.nodes().not(".filtered").map((n) => n.id()) : []; }

// filterUI draws the filter controls for what the fetched data holds.
function filterUI() {
  const count = (f) => { const m = new Map(); for (const e of edges.values()) for (const k of f(e)) m.set(k, (m.get(k) || 0) + 1); return m; };
  const box = (name, value, label, set, n) => el("label", { class: "check" },
    el("input", { type: "checkbox", name, value, checked: !set.has(value), onchange: (ev) => { if (ev.target.checked) set.delete(value); else set.add(value); changed(); } }),
    " " + label + (n != null ? ` (${n})` : ""));

  const certs = count((e) => new Set((e.claims || []).map((c) => c.certainty)));
  $("f-cert").replaceChildren(el("legend", {}, "Certainty"), ...vocab.certainties.map((c) => box("cert", c, c, view.xcert, certs.get(c) || 0)));

  const types = new Map();
  for (const n of nodes.values()) types.set(n.type, (types.get(n.type) || 0) + 1);
  $("f-type").replaceChildren(el("legend", {}, "Entity type"), ...[...types].sort((a, b) => b[1] - a[1]).map(([t, n]) => box("type", t, words(t), view.xtype, n)));

  const rels = count((e) => [e.relation]);
  const groups = vocab.groups.length ? vocab.groups : [{ name: "relations", relations: [...rels.keys()].sort() }];
  const relBox = $("f-rel");
  relBox.replaceChildren(el("legend", {}, "Relation"));
  for (const g of groups) {
    const present = g.relations.filter((r) => rels.has(r));
    if (!present.length) continue;
    const all = el("input", { type: "checkbox", "aria-label": "all " + g.name + " relations", checked: present.every((r) => !view.xrel.has(r)),
      onchange: (ev) => { for (const r of present) { if (ev.target.checked) view.xrel.delete(r); else view.xrel.add(r); } filterUI(); changed(); } });
    relBox.append(el("div", { class: "group" }, el("label", { class: "group-name" }, all, " " + g.name),
      el("div", { class: "group-rels" }, ...present.map((r) => box("rel", r, reads(r), view.xrel, rels.get(r))))));
  }

  const srcs = count((e) => sourcesOf(e));
  $("f-src").replaceChildren(el("legend", {}, "Source"), ...[...srcs].sort((a, b) => b[1] - a[1]).map(([s, n]) => box("src", s, sourceName(s), view.xsrc, n)));

  // The as-of slider runs over the dates in view: claims' validity bounds
  // and events' dates; its right end is "all dates".
  const dates = new Set();
  for (const e of edges.values()) for (const c of e.claims || []) {
    if (c.valid_from) dates.add(dayStart(c.valid_from.value));
    if (c.valid_until) dates.add(dayEnd(c.valid_until.value));
  }
  for (const id of nodes.keys()) { const d = eventDate(id); if (d) dates.add(dayStart(d)); }
  if (view.asOf) dates.add(view.asOf);
  asOfDates = [...dates].sort();
  const s = $("asof");
  s.max = String(asOfDates.length);
  s.value = String(view.asOf ? asOfDates.indexOf(view.asOf) : asOfDates.length);
  s.disabled = !asOfDates.length;
  showAsOf();
}
let asOfDates = [];

function showAsOf() {
  const v = view.asOf;
  $("asof-label").textContent = v ? v : "all dates";
  $("asof").setAttribute("aria-valuetext", v ? "as of " + v : "all dates");
}

function sourceShort(id) { const s = sourceInfo.get(id); return (s && s.publisher) || id || "no source"; }

function sourceName(id) {
  const s = sourceInfo.get(id);
  return s && (s.title || s.publisher) ? `${s.publisher ? s.publisher + ": " : ""}${s.title || id}` : id;
}

let changeTimer = 0;
function changed() {
  clearTimeout(changeTimer);
  changeTimer = setTimeout(() => { applyFilters(); showSelection(); }, 0);
}

// ---- panels ---------------------------------------------------------------

// Disputes come from /api/ag/disputes: {kind, subject, relation?, object?,
// sides: [{value, source, quotes, certainty?}]}; kind "relation" is a
// relation one source asserts and another denies, the others are event facts
// on which the sources disagree.
function isDisputed(id) { return disputes.some((d) => d.kind !== "relation" && d.subject && d.subject.id === id) || factDisputes(id).length > 0; }
function edgeDisputes(e) {
  return disputes.filter((d) => d.kind === "relation" && d.subject && d.object && d.subject.id === e.subject && d.object.id === e.object && d.relation === e.relation);
}

// factDisputes lists the kinds of fact on which the sources of an entity
// disagree: from the disputes endpoint, or two sources giving two values.
function factDisputes(id) {
  const kinds = new Set(disputes.filter((d) => d.kind !== "relation" && d.subject && d.subject.id === id).map((d) => d.kind));
  const e = nodes.get(id) && nodes.get(id).entity;
  const byKind = new Map();
  for (const f of (e && e.facts) || []) {
    if (!byKind.has(f.kind)) byKind.set(f.kind, new Set());
    byKind.get(f.kind).add(factValue(f));
  }
  for (const [k, vs] of byKind) if (vs.size > 1) kinds.add(k);
  return [...kinds];
}

function select(sel, center) {
  view.sel = sel;
  cy.elements().unselect();
  const x = selected();
  if (x) {
    x.select();
    // Bring it into view only when it is out of view.
    const bb = x.renderedBoundingBox(), w = cy.width(), h = cy.height();
    if (center && (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > w || bb.y2 > h)) cy.animate({ center: { eles: x }, duration: 200 });
  }
  showSelection();
  record();
}

function selected() {
  if (!view.sel || !cy) return null;
  const x = view.sel.startsWith("n:") ? cy.getElementById(view.sel.slice(2)) : cy.getElementById("e:" + view.sel.slice(2));
  return x.nonempty() ? x : null;
}

function showSelection() {
  const d = $("details");
  if (!view.sel) return;
  if (view.sel.startsWith("e:")) return showEdge(d, view.sel.slice(2));
  showEntity(d, view.sel.slice(2));
}

function claimView(c) {
  const meta = [el("span", { class: "cert c-" + c.certainty }, c.certainty), " · source: ", el("span", { class: "src", title: c.source, "data-source": c.source }, sourceName(c.source))];
  if (c.asserted_by) meta.push(" · according to " + ((nodes.get(c.asserted_by) || {}).name || c.asserted_by));
  if (c.valid_from || c.valid_until) meta.push(` · valid ${c.valid_from ? c.valid_from.value : "…"} to ${c.valid_until ? c.valid_until.value : "…"}`);
  if (c.denied) meta.push(el("strong", { class: "denied" }, " · denied"));
  return el("div", { class: "claim" + (claimShown(c) ? "" : " dim") }, el("blockquote", { class: "quote" }, "“" + c.quote + "”"), el("div", { class: "claim-meta" }, ...meta));
}

function showEdge(d, key) {
  const e = edges.get(key);
  if (!e) { d.replaceChildren(el("p", { class: "hint" }, "That relation is not in view.")); return; }
  const name = (id) => (nodes.get(id) || { name: id }).name;
  const srcs = sourcesOf(e);
  d.replaceChildren(
    el("div", { class: "kind" }, "relation · " + plural(srcs.length, "source")),
    el("h2", {}, name(e.subject), " ", el("span", { class: "rel" }, reads(e.relation)), " ", name(e.object)),
    ...(e.claims || []).map(claimView),
  );
  for (const x of edgeDisputes(e)) d.append(disputeBox(x));
}

// disputeBox shows what each source says of a disputed fact or relation.
function disputeBox(x) {
  const what = x.kind === "relation" ? "Disputed relation" : "Disputed " + words(x.kind);
  return el("div", { class: "dispute", role: "note" }, el("strong", {}, what + ": "),
    el("ul", {}, ...(x.sides || []).map((side) => el("li", {}, el("span", { class: "src" }, sourceName(side.source)), " ",
      el("strong", {}, side.value), side.certainty ? ` (${side.certainty})` : "",
      ...(side.quotes || []).map((q) => el("blockquote", { class: "quote" }, "“" + q + "”"))))));
}

function factValue(f) {
  if (f.date) return f.date.value;
  if (f.figure) return (f.figure.qualifier ? f.figure.qualifier + " " : "") + f.figure.n;
  if (f.text != null && f.text !== "") return f.text;
  if (f.value != null) return (f.qualifier ? f.qualifier + " " : "") + f.value;
  return "";
}

function showEntity(d, id) {
  const n = nodes.get(id);
  if (!n) { d.replaceChildren(el("p", { class: "hint" }, "That node is not in view.")); return; }
  const e = n.entity || {};
  const expanded = view.expanded.some((x) => x.id === id) || rootIDs.has(id);
  const act = (label, fn, idName, title) => el("button", { type: "button", class: "secondary small", id: idName, title, onclick: fn }, label);
  const actions = el("div", { class: "actions", role: "toolbar", "aria-label": "node actions" },
    act(expanded ? "Expanded" : "Expand", () => expand(id, false), "act-expand", "Add its neighbours to the picture"),
    n.more ? act(`Show ${n.more} more`, () => expand(id, true), "act-more", "Add all of its neighbours") : null,
    act("Collapse", () => collapse(id), "act-collapse", "Remove the neighbours only it brought in"),
    act(view.pinned.has(id) ? "Unpin" : "Pin", () => pin(id), "act-pin", "Keep it where it is when the layout runs"),
    act("Hide", () => { view.hidden.add(id); view.sel = ""; changed(); }, "act-hide", "Take it out of the picture (the filters panel brings it back)"),
    act("New view", () => showActor(id), "act-root", "Start a new picture around it"));
  d.replaceChildren(el("div", { class: "kind" }, words(n.type || "node")), el("h2", {}, n.name), actions);
  if (e.aliases && e.aliases.length) d.append(el("p", { class: "aliases" }, "Also: " + e.aliases.join(", ")));
  if (e.same_as && e.same_as.length) d.append(el("p", { class: "aliases" }, "Merged from: " + e.same_as.join(", ")));
  if (e.sources && e.sources.length) d.append(el("p", { class: "aliases" }, plural(e.sources.length, "source") + ": " + e.sources.map(sourceName).join("; ")));
  const disputed = factDisputes(id);
  if (e.facts && e.facts.length) {
    const rows = e.facts.flatMap((f) => {
      const bad = disputed.includes(f.kind);
      const quotes = (f.quotes || (f.quote ? [f.quote] : [])).map((q) => "“" + q + "”").join(" ");
      return [el("tr", { class: bad ? "disputed" : "" },
        el("th", { scope: "row" }, words(f.kind)), el("td", {}, factValue(f), bad ? el("span", { class: "badge", title: "the sources disagree" }, "disputed") : null),
        el("td", { class: "src" }, sourceShort(f.source))),
      quotes ? el("tr", { class: "q" + (bad ? " disputed" : "") }, el("td", { colspan: 3 }, quotes)) : null].filter(Boolean);
    });
    d.append(el("h3", {}, "Facts per source"), el("table", { class: "facts" }, el("thead", {}, el("tr", {}, el("th", {}, "fact"), el("th", {}, "value"), el("th", {}, "source"))), el("tbody", {}, ...rows)));
  } else {
    const facts = [];
    if (e.date) facts.push("date " + e.date.value);
    if (e.killed) facts.push("killed " + factValue({ value: e.killed.n, qualifier: e.killed.qualifier }));
    if (e.injured) facts.push("injured " + factValue({ value: e.injured.n, qualifier: e.injured.qualifier }));
    if (e.casualties) facts.push(e.casualties);
    if (facts.length) d.append(el("p", { class: "facts-line" }, facts.join(" · ")));
    for (const ev of e.evidence || []) d.append(el("blockquote", { class: "quote" }, "“" + ev.quote + "”"), el("div", { class: "claim-meta" }, "source: " + sourceName(ev.source)));
  }
  for (const x of disputes.filter((x) => x.subject && (x.subject.id === id || (x.object && x.object.id === id)))) d.append(disputeBox(x));
  for (const note of e.notes || []) d.append(el("p", { class: "note" }, note));
  const rels = [...edges.values()].filter((x) => x.subject === id || x.object === id);
  if (rels.length) d.append(el("p", { class: "hint" }, plural(rels.length, "relation") + " in view; click an edge for its quotes."));
}

// showTimeline lays the dated events in view along a time axis: each a
// button at its date, in up to five lanes so that names do not cover one
// another; one that finds no room is drawn as a dot (its name in the tooltip).
function showTimeline() {
  const ev = inView().map((id) => ({ id, d: eventDate(id) })).filter((x) => x.d).sort((a, b) => dayStart(a.d).localeCompare(dayStart(b.d)) || a.id.localeCompare(b.id));
  const axis = $("tl-axis");
  if (!ev.length) { axis.replaceChildren(el("p", { class: "hint" }, "No dated events in view.")); return; }
  const t = (d) => Date.parse(dayStart(d));
  const lo = t(ev[0].d), hi = t(ev[ev.length - 1].d);
  const W = axis.clientWidth || 800, pad = 8, lanes = [-1e9, -1e9, -1e9, -1e9, -1e9];
  const xOf = (d) => (ev.length === 1 || hi === lo ? W / 2 : pad + ((W - 2 * pad - 12) * (t(d) - lo)) / (hi - lo));
  const kids = [], dots = [];
  const y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 12));
  for (let y = y0; y <= y1 + 1 && hi > lo; y += step) {
    const x = xOf(y + "");
    if (x >= 0 && x <= W - 20) { const tick = el("span", { class: "tl-tick" }, String(y)); tick.style.left = x + "px"; kids.push(tick); }
  }
  for (const x of ev) {
    const n = nodes.get(x.id), px = xOf(x.d);
    const labelW = Math.min(190, 16 + 6.6 * (x.d.length + 1 + n.name.length)); // about 12 px text
    const left = Math.min(px, W - labelW);
    let lane = lanes.findIndex((end) => end < left - 4);
    const dot = lane < 0;
    if (!dot) lanes[lane] = left + labelW;
    const b = el("button", { type: "button", class: "tl-event" + (dot ? " dot" : "") + (view.sel === "n:" + x.id ? " on" : ""), "data-id": x.id,
      "data-lane": dot ? "dot" : lane, title: `${x.d}: ${n.name}`, "aria-label": `${x.d}: ${n.name}`, onclick: () => select("n:" + x.id, true) },
    dot ? "" : el("span", { class: "tl-date" }, x.d), dot ? "" : " " + n.name);
    // Positions go through the CSSOM (the page's CSP allows no style attribute).
    if (dot) dots.push({ b, px });
    else { b.style.left = left + "px"; b.style.width = labelW + "px"; }
    kids.push(b);
  }
  // Dots that would sit on one another step to the left, so each can be clicked.
  let prev = W;
  for (const d of dots.sort((a, b) => b.px - a.px)) { prev = Math.max(0, Math.min(d.px, W - 14, prev - 14)); d.b.style.left = prev + "px"; }
  axis.replaceChildren(...kids);
}

function showSources() {
  const counts = new Map();
  for (const x of cy.edges().not(".filtered")) {
    const e = edges.get(x.id().slice(2));
    for (const s of sourcesOf(e)) counts.set(s, (counts.get(s) || 0) + 1);
  }
  const list = $("sources");
  if (!counts.size) { list.replaceChildren(el("li", { class: "hint" }, "No sources in view.")); return; }
  list.replaceChildren(...[...counts].sort((a, b) => b[1] - a[1]).map(([s, n]) => {
    const info = sourceInfo.get(s) || {};
    return el("li", { "data-source": s }, el("button", { type: "button", class: "link", title: "Select the relations this source supports", onclick: () => highlightSource(s) }, sourceName(s)),
      ` ${plural(n, "relation")}`, info.published ? el("span", { class: "hint" }, ` · ${info.published}`) : null,
      info.url ? el("a", { href: info.url, rel: "noreferrer noopener", target: "_blank" }, " ↗") : null);
  }));
}

function highlightSource(s) {
  cy.elements().unselect();
  cy.edges().not(".filtered").filter((x) => sourcesOf(edges.get(x.id().slice(2))).includes(s)).select();
}

// ---- actions --------------------------------------------------------------

// working marks the page busy while fn runs (tests and screen readers wait on it).
async function working(fn) {
  document.body.dataset.busy = "1";
  $("cy").setAttribute("aria-busy", "true");
  try { return await fn(); } finally { document.body.dataset.busy = ""; $("cy").removeAttribute("aria-busy"); }
}

function expand(id, all) { return working(() => expandNow(id, all)); }

async function expandNow(id, all) {
  const n = nodes.get(id);
  message("Adding the neighbours of " + n.name + "…");
  try {
    const { left } = await neighbours(id, 1, all ? Infinity : CAP);
    n.more = left;
    const rec = view.expanded.find((x) => x.id === id);
    if (rec) rec.all = rec.all || all; else view.expanded.push({ id, all });
    await enrich();
    const fresh = sync(id);
    filterUI();
    applyFilters();
    await layout(fresh, id);
    message(left ? `${n.name}: ${left} more neighbours not drawn (Show ${left} more).` : "");
    focusOn(cy.getElementById(id).closedNeighborhood().not(".filtered"), 60);
    select("n:" + id);
  } catch (e) { message(e.message, true); }
}

// collapse removes the nodes that only id's expansion brought in and
// forgets the expansion.
function collapse(id) {
  view.expanded = view.expanded.filter((x) => x.id !== id);
  for (const [k, n] of nodes) {
    if (!n.by.delete(id) || k === id) continue;
    if (!n.by.size && !rootIDs.has(k)) { nodes.delete(k); view.hidden.delete(k); view.pinned.delete(k); }
  }
  for (const [k, e] of edges) if (!nodes.has(e.subject) || !nodes.has(e.object)) edges.delete(k);
  nodes.get(id).more = 0;
  sync();
  filterUI();
  applyFilters();
  select("n:" + id);
}

function pin(id) {
  const x = cy.getElementById(id);
  if (view.pinned.has(id)) view.pinned.delete(id); else view.pinned.set(id, { ...x.position() });
  x.toggleClass("pinned", view.pinned.has(id));
  record();
  showSelection();
}

function showActor(name) {
  pushNext = true;
  view.roots = [name]; view.all = false; view.expanded = []; view.hidden.clear(); view.pinned.clear(); view.sel = ""; view.path = null;
  view.depth = parseInt($("depth").value, 10); view.direction = $("direction").value;
  build();
}

function addActor(name) { return working(() => addActorNow(name)); }

async function addActorNow(name) {
  pushNext = true;
  if (!view.roots.includes(name)) view.roots.push(name);
  try {
    const { root } = await neighbours(name, view.depth, FIRST_CAP, "root");
    rootIDs.add(root.id);
    await enrich();
    const fresh = sync();
    filterUI(); applyFilters();
    await layout(fresh);
    select("n:" + root.id, true);
  } catch (e) { failed(e); }
}

function failed(e) {
  const body = e.body || {};
  if (body.candidates) message(e.message + ".", true, body.candidates.map((c) => c.id));
  else message(e.message, true, body.suggestions);
}

// drawRoots fetches the actors' networks (and every relation between their
// nodes), draws and lays them out; false when a newer build took over.
async function drawRoots(stale, times) {
  for (const r of view.roots) {
    const { root, left } = await neighbours(r, view.depth, FIRST_CAP, "root");
    if (stale()) return false;
    rootIDs.add(root.id); nodes.get(root.id).more = left;
  }
  if (!view.all) await enrich();
  if (stale()) return false;
  times.fetched = performance.now();
  sync();
  times.synced = performance.now();
  cy.nodes().forEach((n) => { const p = view.pinned.get(n.id()); if (p) n.position(p); });
  filterUI();
  times.filterUI = performance.now();
  applyFilters();
  times.drawn = performance.now();
  await layout(null);
  times.laidOut = performance.now();
  return !stale();
}

// replayExpansions makes each expansion again, in order, as it was made,
// so the same address gives the same picture.
async function replayExpansions(stale) {
  for (const x of view.expanded) {
    if (!nodes.has(x.id)) continue;
    const { left } = await neighbours(x.id, 1, x.all ? Infinity : CAP);
    await enrich();
    if (stale()) return false;
    nodes.get(x.id).more = left;
    const fresh = sync(x.id);
    filterUI();
    applyFilters();
    await layout(fresh, x.id);
  }
  return !stale();
}

// build draws the view the address describes: the actors' networks, then
// each expansion in order, then every relation between the nodes, the
// filters, the layout, the path and the selection.
async function build() {
  const my = ++generation;
  const stale = () => my !== generation; // a newer build started: this one stops
  const times = { start: performance.now() };
  window.agTimes = times;
  document.body.dataset.ready = "";
  nodes.clear(); edges.clear(); rootIDs = new Set(); pathAnswer = null;
  cy.elements().remove();
  if (!view.all && !view.roots.length) { applyFilters(); document.body.dataset.ready = "1"; return; }
  message("Loading…");
  try {
    if (view.all) {
      const sg = await api("/api/ag/export", { format: "json" });
      if (stale()) return;
      applySubgraph(sg, true);
    }
    if (!(await drawRoots(stale, times))) return;
    if (!(await replayExpansions(stale))) return;
    message("");
    if (view.path) await findPathNow(view.path.from, view.path.to, view.path.all, false);
    if (stale()) return;
    if (view.sel) select(view.sel); else if (rootIDs.size) showEntity($("details"), [...rootIDs][0]);
    // Ready once the browser has painted the picture.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    times.painted = performance.now();
    document.body.dataset.ready = "1";
  } catch (e) {
    if (stale()) return;
    failed(e);
    console.warn(e);
    document.body.dataset.ready = "error";
  }
  record();
}
let generation = 0;

// findPath asks for the shortest path (or every shortest one), adds its
// nodes to the picture and marks it; the alternatives are listed.
function findPath(from, to, all, push = true) { return working(() => findPathNow(from, to, all, push)); }

async function findPathNow(from, to, all, push) {
  const out = $("path-result");
  out.replaceChildren(el("p", { class: "hint" }, "Searching…"));
  try {
    const ans = await api("/api/ag/path", { from, to, all: all ? "true" : "" });
    pathAnswer = ans; pathChoice = 0;
    view.path = { from, to, all };
    if (push) pushNext = true;
    for (const p of ans.paths) {
      for (const n of p.nodes) addNode(n, "path");
      for (const st of p.steps) for (const h of st.hops) addHop(h);
    }
    await enrich();
    const fresh = sync();
    filterUI(); applyFilters();
    if (fresh.length) await layout(cy.nodes().length === fresh.length ? null : fresh);
    showPath();
    focusOn(cy.elements(".path"), 80);
  } catch (e) {
    const body = e.body || {};
    out.replaceChildren(el("p", { class: "error" }, e.message));
    if (body.suggestions && body.suggestions.length) out.append(el("p", { class: "hint" }, "Did you mean: " + body.suggestions.join(", ") + "?"));
  }
  record();
}

function pathElements(p) {
  let els = cy.collection();
  for (const n of p.nodes) els = els.union(cy.getElementById(n.id));
  for (const st of p.steps) for (const h of st.hops) els = els.union(cy.getElementById("e:" + edgeKey(h.subject.id, h.relation, h.object.id)));
  return els;
}

function showPath() {
  const ans = pathAnswer;
  if (!ans) return;
  cy.elements().removeClass("path path-alt");
  ans.paths.forEach((p, i) => { if (i !== pathChoice) pathElements(p).addClass("path-alt"); });
  const main = pathElements(ans.paths[pathChoice]);
  main.removeClass("path-alt").addClass("path");
  main.removeClass("filtered");
  const out = $("path-result");
  const head = el("p", {}, `${ans.from.name} to ${ans.to.name}: ${plural(ans.paths[0].length, "hop")}` + (ans.paths.length > 1 ? `, ${ans.paths.length} shortest paths` : ""));
  const list = el("ol", { class: "paths" }, ...ans.paths.map((p, i) => el("li", { class: i === pathChoice ? "on" : "" },
    el("button", { type: "button", class: "link path-choice", "aria-pressed": i === pathChoice ? "true" : "false", onclick: () => { pathChoice = i; showPath(); } },
      p.steps.map((st) => `${st.from.name} ${st.hops.map((h) => h.reads).join(" / ")} `).join("→ ") + "→ " + p.nodes[p.nodes.length - 1].name))));
  out.replaceChildren(head, list);
}

// ---- search with a listbox ------------------------------------------------

let results = [], active = -1, searchTimer = 0;
function suggest() {
  clearTimeout(searchTimer);
  const v = $("q").value.trim();
  if (v.length < 2) { closeResults(); return; }
  searchTimer = setTimeout(async () => {
    try {
      results = (await api("/api/ag/actors", { match: v })).slice(0, 12);
      active = results.length ? 0 : -1;
      drawResults();
    } catch (e) { closeResults(); }
  }, 150);
}

function drawResults() {
  const ul = $("results");
  ul.replaceChildren(...results.map((r, i) => el("li", { role: "option", id: "opt-" + i, "aria-selected": i === active ? "true" : "false", "data-id": r.id,
    onmousedown: (ev) => { ev.preventDefault(); pick(i); } }, el("strong", {}, r.name), " ", el("span", { class: "hint" }, words(r.type) + ((r.aliases || []).length ? " · " + r.aliases.join(", ") : "")))));
  ul.hidden = !results.length;
  $("q").setAttribute("aria-expanded", results.length ? "true" : "false");
  if (active >= 0) $("q").setAttribute("aria-activedescendant", "opt-" + active); else $("q").removeAttribute("aria-activedescendant");
}

function closeResults() { results = []; active = -1; drawResults(); }

let pickedAt = 0;
function pick(i) {
  const r = results[i];
  pickedAt = Date.now();
  closeResults();
  $("q").value = r.name;
  showActor(r.id);
}

function onSearchKey(ev) {
  if (!results.length) return;
  if (ev.key === "ArrowDown") { active = (active + 1) % results.length; drawResults(); ev.preventDefault(); }
  else if (ev.key === "ArrowUp") { active = (active - 1 + results.length) % results.length; drawResults(); ev.preventDefault(); }
  else if (ev.key === "Escape") { closeResults(); }
  else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); pick(active); }
}

// ---- export and views -----------------------------------------------------

function exportNow() {
  const shown = inView();
  $("export-nodes").value = shown.join(",");
  const rels = new Set();
  for (const x of cy.edges().not(".filtered")) rels.add(edges.get(x.id().slice(2)).relation);
  $("export-rel").value = view.xrel.size ? [...rels].join(",") : "";
  $("export-cert").value = view.xcert.size ? vocab.certainties.filter((c) => !view.xcert.has(c)).join(",") : "";
  $("export-asof").value = view.asOf;
  $("export-name").value = "actorgraph-" + ([...rootIDs][0] || "view");
  // The source filters go where every endpoint reads them: the address.
  const q = new URLSearchParams();
  if (view.xsrc.size) q.set("exclude_source", [...view.xsrc].join(","));
  if (view.minSrc > 1) q.set("min_sources", view.minSrc);
  $("export-form").action = "/api/ag/export" + (q.toString() ? "?" + q : "");
  return shown.length > 0;
}

async function saveView(name) {
  const msg = $("view-msg");
  try {
    const res = await fetch("/api/ag/views", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name, query: toQuery() }) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.statusText);
    msg.className = ""; msg.textContent = `Saved “${name}”.`;
    listViews();
  } catch (e) { msg.className = "error"; msg.textContent = e.message; }
}

async function listViews() {
  const vs = await optional("/api/ag/views");
  $("view-list").replaceChildren(...(vs || []).map((v) => el("li", {}, el("a", { href: "/?" + v.query, "data-view": v.name }, v.name), el("span", { class: "hint" }, " " + v.saved))));
}

// ---- setup ----------------------------------------------------------------

function showLegend() {
  $("legend").replaceChildren(...["actor", "place", "event"].map((k) => el("span", {}, el("i", { class: "k-" + k }), k)),
    el("span", {}, "— reported  ┄ claimed/attributed  ··· assessed; thicker: more sources"));
}

function showExamples() {
  $("example-list").replaceChildren(...info.examples.map((ex) => {
    const copy = el("button", { type: "button", class: "secondary small", onclick: () => navigator.clipboard && navigator.clipboard.writeText(ex.query) }, "Copy");
    return el("div", { class: "example" }, el("h3", {}, ex.title + " (" + ex.tab + " tab) ", copy), el("pre", {}, ex.query));
  }));
}

function newCy() {
  cy = cytoscape({
    container: $("cy"), style: style(), wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4,
    textureOnViewport: false, hideEdgesOnViewport: false, pixelRatio: 1,
  });
  window.cy = cy;
  // For tests and the console: the data behind each element.
  window.ag = { nodes, edges, view, node: (x) => nodes.get(x.id()), edge: (x) => edges.get(x.id().slice(2)) };
  cy.on("tap", "node", (ev) => {
    const id = ev.target.id();
    const done = view.expanded.some((x) => x.id === id) || rootIDs.has(id);
    if (done) select("n:" + id); else expand(id, false);
  });
  cy.on("tap", "edge", (ev) => select("e:" + ev.target.id().slice(2)));
  cy.on("tap", (ev) => { if (ev.target === cy) { view.sel = ""; record(); } });
  cy.on("mouseover", "edge, node", (ev) => ev.target.addClass("hover"));
  cy.on("mouseout", "edge, node", (ev) => ev.target.removeClass("hover"));
  // A node dragged somewhere stays there: dragging pins it (and the address keeps it).
  cy.on("dragfree", "node", (ev) => {
    const x = ev.target;
    view.pinned.set(x.id(), { ...x.position() });
    x.addClass("pinned");
    record();
    if (view.sel === "n:" + x.id()) showSelection();
  });
  // Keyboard: arrows step through the nodes in view, Enter expands, Escape clears.
  $("cy").addEventListener("keydown", (ev) => {
    const ids = inView().sort((a, b) => nodes.get(a).name.localeCompare(nodes.get(b).name));
    if (!ids.length) return;
    const cur = view.sel.startsWith("n:") ? ids.indexOf(view.sel.slice(2)) : -1;
    if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { select("n:" + ids[(cur + 1) % ids.length], true); ev.preventDefault(); }
    else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") { select("n:" + ids[(cur - 1 + ids.length) % ids.length], true); ev.preventDefault(); }
    else if (ev.key === "Enter" && cur >= 0) expand(ids[cur], false);
    else if (ev.key === "Escape") { view.sel = ""; cy.elements().unselect(); record(); }
  });
}

async function init() {
  try { info = await api("/api/ag/info"); } catch (e) { message("Cannot reach the server: " + e.message, true); }
  const has = (f) => (info.features || []).includes(f);
  const [v, srcs, disp] = await Promise.all([has("vocab") ? optional("/api/ag/vocab") : null,
    has("sources") ? optional("/api/ag/sources") : null, has("disputes") ? optional("/api/ag/disputes") : null]);
  if (v) vocab = v;
  relInfo = new Map(vocab.relations.map((r) => [r.name, r]));
  for (const s of (Array.isArray(srcs) ? srcs : (srcs && srcs.sources) || [])) sourceInfo.set(s.id, s);
  disputes = Array.isArray(disp) ? disp : (disp && disp.disputes) || [];
  newCy();
  showLegend();
  showExamples();
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (Date.now() - pickedAt < 100) return; // the Enter that picked a result submits too
    const a = $("q").value.trim(); closeResults(); if (a) showActor(a); });
  $("add").addEventListener("click", () => { const a = $("q").value.trim(); if (a) addActor(a); });
  $("q").addEventListener("input", suggest);
  $("q").addEventListener("keydown", onSearchKey);
  $("q").addEventListener("blur", () => setTimeout(closeResults, 100));
  $("fit").addEventListener("click", () => cy.fit(cy.elements().not(".filtered"), 30));
  $("relayout").addEventListener("click", () => layout(null));
  $("min-src").addEventListener("input", (ev) => { view.minSrc = Math.max(1, parseInt(ev.target.value, 10) || 1); changed(); });
  $("asof").addEventListener("input", (ev) => { const i = parseInt(ev.target.value, 10); view.asOf = i < asOfDates.length ? asOfDates[i] : ""; showAsOf(); changed(); });
  $("path-form").addEventListener("submit", (ev) => { ev.preventDefault(); findPath($("path-from").value.trim(), $("path-to").value.trim(), $("path-all").checked); });
  $("export-form").addEventListener("submit", (ev) => { if (!exportNow()) { ev.preventDefault(); message("Nothing in view to export.", true); } });
  $("export-picture").addEventListener("click", (ev) => { ev.currentTarget.href = cy.png({ full: true, scale: 2, bg: "#f6f7f9" }); });
  $("view-form").addEventListener("submit", (ev) => { ev.preventDefault(); saveView($("view-name").value.trim()); });
  $("copy-link").addEventListener("click", () => { navigator.clipboard && navigator.clipboard.writeText(location.href); $("view-msg").textContent = "Link copied."; });
  if (info.read_only) { $("save-view").title = "The server is read-only: start actorgraph serve --allow-writes to save views"; }
  window.addEventListener("popstate", () => { fromQuery(location.search); build(); });
  listViews();
  fromQuery(location.search);
  if (view.roots.length || view.all) build(); else { document.body.dataset.ready = "1"; applyFilters(); }
}

init();
