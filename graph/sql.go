package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
)

func openSQL(ctx context.Context, loc Location, opt OpenOptions) (*Store, error) {
	name := string(loc.Backend)
	if !opt.ReadOnly {
		err := cgraph.InitQuadStore(name, loc.Address, nil)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("%w %s: %v", ErrConnect, loc, err)
		}
	}
	qs, err := cgraph.NewQuadStore(name, loc.Address, nil)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrConnect, loc, err)
	}
	return &Store{qs: qs, loc: loc, readOnly: opt.ReadOnly, close: qs.Close}, nil
}
