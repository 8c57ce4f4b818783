// Package encode turns query answers into the formats other tools read:
// Graphviz DOT (styled by entity type and certainty), GraphML, N-Quads and
// JSON-LD. It is shared by the CLI and the server. Drawing DOT as SVG or PNG
// lives in encode/picture, so that only the code that draws links the
// Graphviz renderer.
package encode
