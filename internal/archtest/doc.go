// Package archtest holds the test of the direction of imports between
// actorgraph's packages (see docs/architecture.md); it has no code.
package archtest
