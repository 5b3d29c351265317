package gitrepo

import (
	"io/fs"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat copies the stat data Git for Windows compares into an index entry: it uses the
// creation time as ctime and has no device, inode or owner numbers.
func fillStat(e *index.Entry, fi fs.FileInfo) {
	if d, ok := fi.Sys().(*syscall.Win32FileAttributeData); ok {
		e.CreatedAt = time.Unix(0, d.CreationTime.Nanoseconds())
	}
}
