// Read a GEXF or GraphML file with graphology and print what it holds as
// JSON, in the same shape as networkx_read.py: every node's attributes and
// every edge's source, target and attributes, all as strings.
//
// Usage: node graphology_read.js gexf|graphml FILE
'use strict';

const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

function strs(attrs) {
  const out = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = String(v);
  return out;
}

const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
let graph;
if (format === 'gexf') graph = gexf.parse(MultiDirectedGraph, text, {respectInputGraphType: true});
else if (format === 'graphml') graph = graphml.parse(MultiDirectedGraph, text, {respectInputGraphType: true});
else throw new Error('want gexf or graphml, got ' + format);

const versions = JSON.parse(fs.readFileSync(__dirname + '/package.json', 'utf8')).dependencies;
const out = {
  reader: 'graphology ' + versions.graphology + ', graphology-' + format + ' ' + versions['graphology-' + format],
  nodes: {},
  edges: []
};
graph.forEachNode((id, attrs) => {
  out.nodes[id] = strs(attrs);
});
graph.forEachEdge((id, attrs, source, target) => {
  out.edges.push(Object.assign(strs(attrs), {_source: source, _target: target}));
});
process.stdout.write(JSON.stringify(out));
