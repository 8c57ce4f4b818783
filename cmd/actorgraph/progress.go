package main

import (
	"github.com/actorgraph/actorgraph/graph"
	"github.com/schollz/progressbar/v3"
)

// progressUnits are what the bars of some phases count (quads elsewhere).
var progressUnits = map[string]string{
	"load: index":   "entries", // index entries
	"retract: read": "claims",
	"export: nodes": "nodes",
	"export: edges": "nodes",
}

// progress returns a progress reporter for long work: on a terminal, a bar
// on stderr by quads, named by the phase, with a rate and an estimate of
// the time left; elsewhere nil (nothing is shown).
func (a *app) progress(what string) graph.Progress {
	if !a.isTerminal(a.stderr) {
		return nil
	}
	var (
		bar   *progressbar.ProgressBar
		phase string
	)
	return func(p string, done, total int64) {
		if bar == nil || p != phase {
			if bar != nil {
				_ = bar.Finish()
			}
			phase = p
			if total <= 0 {
				total = -1
			}
			unit := progressUnits[what+": "+p]
			if unit == "" {
				unit = "quads"
			}
			bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription(what+": "+p),
				progressbar.OptionSetItsString(unit),
				progressbar.OptionShowIts(),
				progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionThrottle(100_000_000),
			)
			_ = bar.RenderBlank() // every phase shows, however short
		}
		_ = bar.Set64(done)
	}
}

// bigExport is the smallest export, in nodes, that shows a progress bar.
const bigExport = 5000

// progressOver is progress for work that shows a bar only when its total
// reaches least: small work ends before a bar would tell anything.
func (a *app) progressOver(what string, least int64) graph.Progress {
	p := a.progress(what)
	if p == nil {
		return nil
	}
	return func(phase string, done, total int64) {
		if total >= least {
			p(phase, done, total)
		}
	}
}
