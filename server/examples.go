package server

// Example is a ready-to-paste Gizmo query for Cayley's UI. Queries that tag
// "source" and "target" draw in its Visualize tab.
type Example struct {
	Title string `json:"title"`
	Tab   string `json:"tab"` // "Query" or "Visualize"
	Query string `json:"query"`
}

// relations is a Gizmo expression for every relation predicate of our
// vocabulary (their IRIs start with rel:), so walks skip names, aliases and
// other attributes.
const relations = `var rel = g.V().filter(regex("^rel:", true));
`

// Examples are the Gizmo queries shown on our page and in docs/serve.md.
// The tests run every one of them against the seed graph.
var Examples = []Example{
	{
		Title: "ISKP's network, both directions",
		Tab:   "Visualize",
		Query: relations + `g.V("<ag:iskp>").tag("source").out(rel).tag("target").all();
g.V("<ag:iskp>").tag("target").in(rel).tag("source").all();`,
	},
	{
		Title: "Who opposes whom",
		Tab:   "Visualize",
		Query: `g.V().tag("source").out("<rel:opposes>").tag("target").all();`,
	},
	{
		Title: "Two hops out from ISKP",
		Tab:   "Visualize",
		Query: relations + `g.V("<ag:iskp>").out(rel).tag("source").out(rel).tag("target").all();`,
	},
	{
		Title: "Attacks ISKP perpetrated, with their names",
		Tab:   "Query",
		Query: `g.V("<ag:iskp>").out("<rel:perpetrated>").tag("attack").out("<prop:name>").tag("name").all();`,
	},
	{
		Title: "Every name and alias of ISKP",
		Tab:   "Query",
		Query: `g.V("<ag:iskp>").out(["<prop:name>", "<prop:alias>"]).all();`,
	},
	{
		Title: "The claims that name ISKP, with their quotes",
		Tab:   "Query",
		Query: `g.V().filter(regex("^claim:.*iskp", true))
  .out("<prop:quote>").tag("quote").all();`,
	},
}
