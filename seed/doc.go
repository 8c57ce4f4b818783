// Package seed reads the curated format (source, actor, event and claim
// blocks with verbatim quotes, see docs/curated-format.md) and N-Quads,
// checks them against the vocabulary, the other inputs and the store, and
// loads them all or nothing: Compile writes nothing, Load writes every input
// or none. Big N-Quads files stream into an empty LevelDB store through the
// store's bulk loader. Builtin is the seed graph shipped in data/.
package seed
