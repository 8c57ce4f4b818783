package graph

import "golang.org/x/sys/unix"

// bulkSupported: the bulk load needs an atomic exchange of two directories.
const bulkSupported = true

// exchange swaps two paths atomically (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
