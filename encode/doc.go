// Package encode turns query answers into the formats other tools read:
// Graphviz DOT (styled by entity type and certainty), GraphML, GEXF (for
// Gephi, with time), STIX 2.1 bundles (for threat-intelligence platforms),
// N-Quads and JSON-LD. It is shared by the CLI and the server. Drawing DOT as SVG or PNG
// lives in encode/picture, so that only the code that draws links the
// Graphviz renderer.
package encode
