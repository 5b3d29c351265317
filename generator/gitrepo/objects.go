package gitrepo

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// rawObject is a git object held in memory without copying its content.
type rawObject struct {
	typ  plumbing.ObjectType
	data []byte
}

// objectSet holds the objects of the first commit, deduplicated (two files with the same bytes
// share a blob), in the order writePack writes them.
type objectSet struct {
	byHash                map[plumbing.Hash]*rawObject
	commits, trees, blobs []plumbing.Hash
}

// packOrder is commits, then trees, then blobs: the order git itself writes a pack in.
func (s *objectSet) packOrder() []plumbing.Hash {
	order := make([]plumbing.Hash, 0, len(s.byHash))
	return append(append(append(order, s.commits...), s.trees...), s.blobs...)
}

func newObjectSet(n int) *objectSet {
	return &objectSet{byHash: make(map[plumbing.Hash]*rawObject, n)}
}

func (s *objectSet) add(t plumbing.ObjectType, data []byte) plumbing.Hash {
	h := plumbing.ComputeHash(t, data)
	if _, ok := s.byHash[h]; ok {
		return h
	}
	s.byHash[h] = &rawObject{typ: t, data: data}
	switch t {
	case plumbing.CommitObject:
		s.commits = append(s.commits, h)
	case plumbing.TreeObject:
		s.trees = append(s.trees, h)
	default:
		s.blobs = append(s.blobs, h)
	}
	return h
}

// treeNode is one folder of the commit.
type treeNode struct {
	files map[string]*index.Entry
	dirs  map[string]*treeNode
}

func newTreeNode() *treeNode {
	return &treeNode{files: map[string]*index.Entry{}, dirs: map[string]*treeNode{}}
}

// buildTrees adds a tree object per folder and returns the root tree's hash. entries[i] is the
// index entry (name, mode, blob hash) of files[i].
func buildTrees(objs *objectSet, files []File, entries []*index.Entry) (plumbing.Hash, error) {
	root := newTreeNode()
	for i := range files {
		segs := strings.Split(entries[i].Name, "/")
		n := root
		for _, seg := range segs[:len(segs)-1] {
			child := n.dirs[seg]
			if child == nil {
				child = newTreeNode()
				n.dirs[seg] = child
			}
			n = child
		}
		n.files[segs[len(segs)-1]] = entries[i]
	}
	return root.encode(objs)
}

type treeEntry struct {
	key  string // the name, with "/" appended for a folder: git's tree order compares these
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (n *treeNode) encode(objs *objectSet) (plumbing.Hash, error) {
	list := make([]treeEntry, 0, len(n.files)+len(n.dirs))
	for name, e := range n.files {
		list = append(list, treeEntry{key: name, name: name, mode: e.Mode, hash: e.Hash})
	}
	for name, d := range n.dirs {
		h, err := d.encode(objs)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		list = append(list, treeEntry{key: name + "/", name: name, mode: filemode.Dir, hash: h})
	}
	slices.SortFunc(list, func(a, b treeEntry) int { return strings.Compare(a.key, b.key) })
	var buf bytes.Buffer
	for _, e := range list {
		switch e.mode {
		case filemode.Dir:
			buf.WriteString("40000 ")
		case filemode.Executable:
			buf.WriteString("100755 ")
		case filemode.Regular:
			buf.WriteString("100644 ")
		default:
			return plumbing.ZeroHash, errors.New("unexpected file mode " + e.mode.String())
		}
		buf.WriteString(e.name)
		buf.WriteByte(0)
		buf.Write(e.hash[:])
	}
	return objs.add(plumbing.TreeObject, buf.Bytes()), nil
}

func encodeCommit(tree plumbing.Hash, author, committer Signature, msg string) []byte {
	var b strings.Builder
	b.WriteString("tree ")
	b.WriteString(tree.String())
	b.WriteString("\nauthor ")
	b.WriteString(formatSignature(author))
	b.WriteString("\ncommitter ")
	b.WriteString(formatSignature(committer))
	b.WriteString("\n\n")
	b.WriteString(msg)
	return []byte(b.String())
}

// formatSignature is git's "Name <email> 1700000000 +0100".
func formatSignature(s Signature) string {
	u := s.When.Unix()
	if u < 0 {
		u = 0
	}
	return s.Name + " <" + s.Email + "> " + strconv.FormatInt(u, 10) + " " + s.When.Format("-0700")
}

// cleanSignature does what git does to a name or an email before writing it: drops '<', '>' and
// newlines anywhere, and "crud" (spaces, control characters and .,:;<>"\') at both ends.
func cleanSignature(s Signature) Signature {
	s.Name = cleanIdent(s.Name)
	s.Email = cleanIdent(s.Email)
	return s
}

func cleanIdent(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == '<' || r == '>' || r == '\n' || r == '\r' || r == 0 {
			return -1
		}
		return r
	}, v)
	return strings.TrimFunc(v, func(r rune) bool {
		return r <= ' ' || strings.ContainsRune(".,:;<>\"\\'", r)
	})
}
