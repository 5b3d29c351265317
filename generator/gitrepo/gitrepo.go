// Package gitrepo turns a folder the generator has just written into a git repository with exactly
// one commit, without the git binary and without go-git's Worktree.Add, which writes one loose
// object per file. Blobs, trees and the commit are built in memory, written as one packfile (with
// its .idx), and then the branch, HEAD and an index whose entries carry the files' real stat data
// are written, so `git status` is clean at once.
package gitrepo

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// File is one file already written under dir.
type File struct {
	Path       string // slash-separated, relative to dir
	Data       []byte // the bytes written; must match the file on disk
	Executable bool   // committed as 100755 instead of 100644
}

// Signature is who made the commit, and when.
type Signature struct {
	Name, Email string
	When        time.Time
}

// CommitOptions says how the one commit is made.
type CommitOptions struct {
	Branch   string // default DefaultBranch
	Message  string // default DefaultMessage; a final newline is added if missing, as git commit does
	Identity Identity
}

const (
	// DefaultBranch is the branch HEAD points to when CommitOptions.Branch is empty.
	DefaultBranch = "main"
	// DefaultMessage is the commit message when CommitOptions.Message is empty.
	DefaultMessage = "Initial commit"
)

// Init creates dir/.git and one commit on opts.Branch holding every file in files that the
// .gitignore files among files do not ignore (the ignored ones, such as .env, stay on disk,
// untracked and ignored). The files must already be written under dir with exactly these bytes:
// the index records their stat data, so git sees a clean work tree. dir must not already hold a
// .git. On error, or when ctx is cancelled, the .git folder Init made is removed again.
//
// Init is NewCommit and then Commit.Write; a caller that writes the files itself can build the
// commit while it writes them.
func Init(ctx context.Context, dir string, files []File, opts CommitOptions) (plumbing.Hash, error) {
	if err := ctx.Err(); err != nil {
		return plumbing.ZeroHash, err
	}
	c, err := NewCommit(files, opts)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := c.Write(ctx, dir); err != nil {
		return plumbing.ZeroHash, err
	}
	return c.Hash, nil
}

// Commit is a first commit built in memory from the files' bytes alone: its objects, packed,
// and the index entries but for the files' stat data. Building it reads nothing from disk
// (it is hashing and copying), so it can run on one core while the files are written on
// another; Write then adds the repository to the folder they were written to.
type Commit struct {
	Hash     plumbing.Hash // the commit's
	branch   plumbing.ReferenceName
	tracked  []File
	entries  []*index.Entry // of tracked[i]: name, mode and blob hash so far
	packName string         // pack-<checksum>, the name of the .pack and the .idx
	pack     []byte
	idx      []byte
}

// NewCommit checks files and opts as Init does and builds the commit (see Commit).
func NewCommit(files []File, opts CommitOptions) (*Commit, error) {
	branch := opts.Branch
	if branch == "" {
		branch = DefaultBranch
	}
	branchRef := plumbing.NewBranchReferenceName(branch)
	if err := branchRef.Validate(); err != nil {
		return nil, fmt.Errorf("branch name %q is not valid in git", branch)
	}
	msg := opts.Message
	if strings.TrimSpace(msg) == "" {
		msg = DefaultMessage
	}
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	if strings.IndexByte(msg, 0) >= 0 {
		return nil, errors.New("commit message contains a NUL byte")
	}
	author := cleanSignature(opts.Identity.Author)
	committer := cleanSignature(opts.Identity.Committer)
	if committer.Name == "" && committer.Email == "" && committer.When.IsZero() {
		committer = author
	}
	if author.When.IsZero() {
		author.When = time.Now()
	}
	if committer.When.IsZero() {
		committer.When = author.When
	}
	if author.Name == "" || author.Email == "" {
		return nil, errors.New("commit author needs a name and an email (use ResolveIdentity)")
	}
	if committer.Name == "" || committer.Email == "" {
		return nil, errors.New("committer needs a name and an email (use ResolveIdentity)")
	}

	tracked, err := selectTracked(files)
	if err != nil {
		return nil, err
	}
	c := &Commit{branch: branchRef, tracked: tracked, entries: make([]*index.Entry, len(tracked))}
	objs := newObjectSet(len(tracked)*5/4 + 2)
	for i, f := range tracked {
		c.entries[i] = &index.Entry{Name: f.Path, Mode: filemode.Regular, Hash: objs.add(plumbing.BlobObject, f.Data)}
		if f.Executable {
			c.entries[i].Mode = filemode.Executable
		}
	}
	treeHash, err := buildTrees(objs, tracked, c.entries)
	if err != nil {
		return nil, err
	}
	c.Hash = objs.add(plumbing.CommitObject, encodeCommit(treeHash, author, committer, msg))
	if err := c.buildPack(objs); err != nil {
		return nil, fmt.Errorf("write packfile: %w", err)
	}
	return c, nil
}

// Write creates dir/.git holding the commit, with the branch checked out and an index carrying
// the stat data of the files in dir, which must hold the commit's files with exactly their
// bytes (see Init). On error, or when ctx is cancelled, the .git folder Write made is removed.
func (c *Commit) Write(ctx context.Context, dir string) (err error) {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	gitDir := filepath.Join(dir, ".git")
	if _, err := os.Lstat(gitDir); err == nil {
		return fmt.Errorf("%s already exists: refusing to make a repository over it", gitDir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}

	// Stat first: a file that is missing or not what the caller says fails before anything
	// is written. Each index entry is a copy, so the Commit can be written more than once.
	entries := make([]*index.Entry, len(c.tracked))
	for i, f := range c.tracked {
		e := *c.entries[i]
		if err := statEntry(dir, f, &e); err != nil {
			return err
		}
		entries[i] = &e
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// From here on, anything half-made is removed on failure.
	if err := os.Mkdir(gitDir, 0o755); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(gitDir)
		}
	}()
	if err := writeSkeleton(gitDir, c.branch); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The .pack first: git (and go-git) look for packs by their .idx.
	base := filepath.Join(gitDir, "objects", "pack", c.packName)
	if err := os.WriteFile(base+".pack", c.pack, 0o444); err != nil {
		return fmt.Errorf("write packfile: %w", err)
	}
	if err := os.WriteFile(base+".idx", c.idx, 0o444); err != nil {
		return fmt.Errorf("write packfile: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeIndex(gitDir, entries); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := writeBranch(gitDir, c.branch, c.Hash); err != nil {
		return err
	}
	return ctx.Err()
}

// selectTracked checks the paths and returns the files no .gitignore among files ignores, in
// their given order.
func selectTracked(files []File) ([]File, error) {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		if seen[f.Path] {
			return nil, fmt.Errorf("%s is listed twice", f.Path)
		}
		seen[f.Path] = true
	}
	// A path cannot be both a file and a folder.
	for _, f := range files {
		for d := parentOf(f.Path); d != ""; d = parentOf(d) {
			if seen[d] {
				return nil, fmt.Errorf("%s is a file, so it cannot hold %s", d, f.Path)
			}
		}
	}
	ign := newIgnorer(files)
	tracked := make([]File, 0, len(files))
	for _, f := range files {
		if !ign.ignored(f.Path) {
			tracked = append(tracked, f)
		}
	}
	if len(tracked) == 0 {
		return nil, errors.New("nothing to commit: every file is ignored")
	}
	return tracked, nil
}

func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// checkPath refuses paths git would refuse in a tree (fsck --strict) or that escape dir.
func checkPath(p string) error {
	if p == "" {
		return errors.New("empty file path")
	}
	if strings.ContainsAny(p, "\x00\\") || strings.HasPrefix(p, "/") {
		return fmt.Errorf("%q is not a clean relative slash-separated path", p)
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "" || seg == "." || seg == "..":
			return fmt.Errorf("%q is not a clean relative slash-separated path", p)
		case strings.EqualFold(seg, ".git"):
			return fmt.Errorf("%q: git cannot track a path inside .git", p)
		}
	}
	return nil
}

// statEntry fills in e (already named, with its mode) the stat data of f as written under dir,
// after checking it is a regular file of the size given.
func statEntry(dir string, f File, e *index.Entry) error {
	full := filepath.Join(dir, filepath.FromSlash(f.Path))
	fi, err := os.Lstat(full)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", full)
	}
	if fi.Size() != int64(len(f.Data)) {
		return fmt.Errorf("%s has %d bytes on disk, not the %d given", full, fi.Size(), len(f.Data))
	}
	e.ModifiedAt = fi.ModTime()
	e.Size = uint32(fi.Size())
	fillStat(e, fi)
	if e.CreatedAt.IsZero() {
		e.CreatedAt = e.ModifiedAt
	}
	return nil
}

// writeSkeleton lays out what git needs of `git init` (the folders, HEAD and a non-bare config).
// It makes only the folders git cannot do without, with plain Mkdir calls: on a slow disk every
// metadata operation costs most of a millisecond, far more than the hashing and encoding. git
// makes refs/tags, objects/info, logs/ and the rest itself when it needs them.
func writeSkeleton(gitDir string, branch plumbing.ReferenceName) error {
	for _, d := range []string{"objects", "objects/pack", "refs", "refs/heads"} {
		if err := os.Mkdir(filepath.Join(gitDir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	if sub := parentOf(branch.String()); sub != "refs/heads" { // a branch such as feature/x
		if err := os.MkdirAll(filepath.Join(gitDir, filepath.FromSlash(sub)), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(gitDir, "HEAD"), []byte("ref: "+branch.String()+"\n"), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(gitDir, "config"), []byte(repoConfig(runtime.GOOS)), 0o644)
}

// repoConfig is the config `git init` writes on goos for a non-bare repository on that system's
// usual file system.
func repoConfig(goos string) string {
	filemode := "true"
	if goos == "windows" {
		filemode = "false"
	}
	s := "[core]\n" +
		"\trepositoryformatversion = 0\n" +
		"\tfilemode = " + filemode + "\n" +
		"\tbare = false\n" +
		"\tlogallrefupdates = true\n"
	switch goos {
	case "windows":
		s += "\tsymlinks = false\n\tignorecase = true\n"
	case "darwin", "ios":
		s += "\tignorecase = true\n\tprecomposeunicode = true\n"
	}
	return s
}

// buildPack packs every object, undeltified, into one packfile with its .idx, in memory, for
// Write to write as objects/pack/pack-<checksum>.{pack,idx} with one call each. go-git's
// packfile encoder is not used: it compresses at zlib's default level with a compressor whose
// every Reset clears 640 KB of match tables, once per object, and its pack writer then parses
// the whole pack back to build the .idx. Here the .idx comes from the offsets and CRCs recorded
// on the way.
//
// The objects are stored, not compressed (zlib level 0, what git writes with core.compression
// 0): deflating even at BestSpeed took about 2.5 ms for the largest starter's 107 KB, a tenth
// of the whole run, to save 58 KB on disk (a 108 KB pack instead of 50 KB). git reads a stored
// object like any other; `git gc --aggressive` compresses them.
func (c *Commit) buildPack(objs *objectSet) error {
	order := objs.packOrder()
	size := 12 + 20
	for _, h := range order {
		size += len(objs.byHash[h].data) + 32 // the entry header, zlib's and deflate's framing
	}
	pack := make([]byte, 0, size)
	pack = append(pack, "PACK"...)
	pack = binary.BigEndian.AppendUint32(pack, 2) // version 2
	pack = binary.BigEndian.AppendUint32(pack, uint32(len(order)))

	idx := new(idxfile.Writer)
	idx.OnHeader(uint32(len(order)))
	for _, h := range order {
		o := objs.byHash[h]
		start := len(pack)
		// The entry header: type and size, 4 bits of size in the first byte, 7 in each next one.
		n := uint64(len(o.data))
		b := byte(o.typ)<<4 | byte(n&0x0f)
		for n >>= 4; n > 0; n >>= 7 {
			pack = append(pack, b|0x80)
			b = byte(n & 0x7f)
		}
		pack = appendStoredZlib(append(pack, b), o.data)
		idx.Add(h, uint64(start), crc32.ChecksumIEEE(pack[start:]))
	}
	sum := sha1.Sum(pack)
	pack = append(pack, sum[:]...)
	checksum := plumbing.Hash(sum)
	if err := idx.OnFooter(checksum); err != nil {
		return err
	}
	mem, err := idx.Index()
	if err != nil {
		return err
	}
	var idxBuf bytes.Buffer
	if _, err := idxfile.NewEncoder(&idxBuf).Encode(mem); err != nil {
		return err
	}
	c.packName = "pack-" + checksum.String()
	c.pack, c.idx = pack, idxBuf.Bytes()
	return nil
}

// appendStoredZlib appends data to dst as a zlib stream (RFC 1950) of stored deflate blocks
// (RFC 1951), what compress/zlib writes at level 0. compress/zlib would first allocate a 700 KB
// compressor, mostly match tables that level 0 never uses: in a process that lives a few
// milliseconds, that memory is fresh pages the kernel must fault in.
func appendStoredZlib(dst, data []byte) []byte {
	sum := adler32.Checksum(data)
	// Deflate with a 32 KB window, "fastest"; 0x7801 is a multiple of 31, as the check bits
	// require.
	dst = append(dst, 0x78, 0x01)
	for {
		n := min(len(data), 0xffff) // a stored block holds at most 65535 bytes
		final := byte(0)
		if n == len(data) {
			final = 1
		}
		// BFINAL and BTYPE 00 (stored) fill the first byte; then LEN and its complement NLEN.
		dst = append(dst, final, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		dst = append(dst, data[:n]...)
		data = data[n:]
		if final == 1 {
			return binary.BigEndian.AppendUint32(dst, sum)
		}
	}
}

func writeIndex(gitDir string, entries []*index.Entry) error {
	idx := &index.Index{Version: 2, Entries: entries}
	var buf bytes.Buffer
	buf.Grow(len(entries)*(64+40) + 32)
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(gitDir, "index"), buf.Bytes(), 0o644)
}

// writeBranch points the branch at the commit. No reflog is written for this first commit (git
// starts one with the next update): it would cost three folders and two files.
func writeBranch(gitDir string, branch plumbing.ReferenceName, commit plumbing.Hash) error {
	return os.WriteFile(filepath.Join(gitDir, filepath.FromSlash(branch.String())), []byte(commit.String()+"\n"), 0o644)
}

// InsideWorkTree reports whether dir (which may not exist yet) is inside an existing git work
// tree, by walking dir and its parents looking for a .git folder (or a .git file, as worktrees
// and submodules have). It returns the root of the work tree it found.
func InsideWorkTree(dir string) (bool, string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false, ""
	}
	for d := abs; ; {
		if isGitDir(filepath.Join(d, ".git")) {
			return true, d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false, ""
		}
		d = parent
	}
}

// isGitDir is a light version of git's own test: a .git folder with a HEAD, or a .git file
// pointing elsewhere ("gitdir: ...").
func isGitDir(p string) bool {
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		_, err := os.Stat(filepath.Join(p, "HEAD"))
		return err == nil
	}
	if !fi.Mode().IsRegular() {
		return false
	}
	data, err := os.ReadFile(p)
	return err == nil && bytes.HasPrefix(data, []byte("gitdir:"))
}
