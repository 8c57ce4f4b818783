//go:build race

package server

// raceEnabled: built with -race, which multiplies memory and slows goja
// many times over, so memory figures mean nothing.
const raceEnabled = true
