package gitrepo

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignorer applies the .gitignore files found among the generated files, with go-git's matcher.
// The user's global excludes and .git/info/exclude are deliberately not used: what is committed
// depends on the generated project only.
type ignorer struct {
	m gitignore.Matcher
	// ignoredDirs remembers each folder's answer: the files of a folder share its parents, and
	// go-git matches every pattern anew on every call (most of the time of selectTracked).
	ignoredDirs map[string]bool
}

func newIgnorer(files []File) ignorer {
	type ignoreFile struct {
		domain []string
		data   []byte
	}
	var found []ignoreFile
	for _, f := range files {
		if f.Path == ".gitignore" {
			found = append(found, ignoreFile{nil, f.Data})
		} else if dir, ok := strings.CutSuffix(f.Path, "/.gitignore"); ok {
			found = append(found, ignoreFile{strings.Split(dir, "/"), f.Data})
		}
	}
	if len(found) == 0 {
		return ignorer{}
	}
	// The matcher gives the last matching pattern the final word, so deeper files go last, as
	// in git, where a folder's .gitignore overrides its parents'.
	slices.SortStableFunc(found, func(a, b ignoreFile) int {
		if c := cmp.Compare(len(a.domain), len(b.domain)); c != 0 {
			return c
		}
		return slices.Compare(a.domain, b.domain)
	})
	var ps []gitignore.Pattern
	for _, g := range found {
		ps = append(ps, parsePatterns(g.data, g.domain)...)
	}
	return ignorer{m: gitignore.NewMatcher(ps), ignoredDirs: map[string]bool{}}
}

// parsePatterns reads a .gitignore the way git does: one pattern a line, blank lines and lines
// starting with # skipped, CRLF and a UTF-8 byte-order mark tolerated.
func parsePatterns(data []byte, domain []string) []gitignore.Pattern {
	text := strings.TrimPrefix(string(data), "\uFEFF")
	var ps []gitignore.Pattern
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// ignored reports whether git would leave p untracked. As in git, once a folder is ignored
// nothing under it can be re-included, so the folders on the way are checked first.
func (ig ignorer) ignored(p string) bool {
	if ig.m == nil {
		return false
	}
	segs := strings.Split(p, "/")
	for i := 1; i < len(segs); i++ {
		dir := strings.Join(segs[:i], "/")
		ignored, ok := ig.ignoredDirs[dir]
		if !ok {
			ignored = ig.m.Match(segs[:i], true)
			ig.ignoredDirs[dir] = ignored
		}
		if ignored {
			return true
		}
	}
	return ig.m.Match(segs, false)
}
