//go:build !linux

package graph

import "errors"

// bulkSupported: without an atomic exchange of two directories, loads keep
// the one-transaction path.
const bulkSupported = false

func exchange(a, b string) error {
	return errors.New("atomic directory exchange is only implemented on Linux")
}
