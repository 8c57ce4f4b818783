// Package graph is actorgraph's store and model on top of Cayley: opening a
// store (embedded LevelDB or bbolt, in memory, or PostgreSQL), the model of
// entities, relations and the claims behind them (quotes, sources,
// certainty, validity), the vocabulary of entity types and relations, dates,
// and resolving names and aliases to entities.
//
// It imports no other package of actorgraph and holds no policy: no command
// line words in its errors or hints, no process-wide settings (the bulk
// loader's GC target is the caller's), no cobra. Its sentinel errors are in
// errors.go.
package graph
