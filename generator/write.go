package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// CheckTarget refuses a target that exists and is not an empty directory, naming what is in the
// way, so a user's files are never mixed with or replaced by generated ones.
func CheckTarget(target string) error {
	info, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s already exists and is not a folder: choose another with --dir", target)
	}
	f, err := os.Open(target)
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(100)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	shown := names
	more := ""
	if len(names) > 3 {
		shown, more = names[:3], " and more"
	}
	return fmt.Errorf("%s is not empty (it has %s%s): choose a new or empty folder with --dir", target, strings.Join(shown, ", "), more)
}

// Write puts files into target atomically. They are written into a staging folder beside the
// target (same file system, so the final rename is atomic), finish runs there (the git step), and
// only then is the folder renamed into place. On any error, or when ctx is cancelled (Ctrl-C),
// the staging folder and any parent folders Write created are removed: the target is as before.
func Write(ctx context.Context, target string, files []File, finish func(dir string) error) (err error) {
	if err := CheckTarget(target); err != nil {
		return err
	}
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	created, err := mkdirAllTracked(parent)
	if err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".pystart-*")
	if err != nil {
		removeCreated(created)
		return fmt.Errorf("create staging folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(staging)
			removeCreated(created)
		}
	}()
	if err := writeFiles(ctx, staging, files); err != nil {
		return err
	}
	if finish != nil {
		if err := finish(staging); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// MkdirTemp made the folder 0700; a project folder is an ordinary one.
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := CheckTarget(target); err != nil {
		return err
	}
	// Go's Rename will not replace a folder, even an empty one. Remove only succeeds on an
	// empty folder, so nothing of the user's can be lost; it is put back if the rename fails.
	emptyTarget := os.Remove(target) == nil
	if err := os.Rename(staging, target); err != nil {
		if emptyTarget {
			os.Mkdir(target, 0o755)
		}
		return fmt.Errorf("move the project into %s: %w", target, err)
	}
	return nil
}

func writeFiles(ctx context.Context, dir string, files []File) error {
	made := map[string]bool{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := checkPath(f.Path); err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		mode := f.Mode
		if mode == 0 {
			mode = 0o644
		}
		// O_EXCL: the staging folder is new, so an existing file means two entries collide.
		fh, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		_, werr := fh.Write(f.Data)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("write %s: %w", f.Path, werr)
		}
	}
	return nil
}

// mkdirAllTracked is os.MkdirAll that returns the folders it created, deepest first.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

func removeCreated(dirs []string) {
	for _, d := range dirs {
		os.Remove(d)
	}
}
