package gitrepo

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

var testWhen = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("", 5*3600+30*60))

func testIdentity() Identity {
	return Identity{
		Author:    Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: testWhen},
		Committer: Signature{Name: "Charles Babbage", Email: "charles@example.com", When: testWhen.Add(time.Minute)},
		Source:    SourceEnvironment,
	}
}

// sampleFiles is a small project: nested folders, an executable, a .gitignore that ignores .env
// and a folder, files with the same bytes, and names that sort differently once folders are
// compared as "name/" (a-b, a.txt, a/, a0).
func sampleFiles() []File {
	files := []File{
		{Path: ".gitignore", Data: []byte("# generated\n.env\n__pycache__/\n*.pyc\r\n\n/build\n")},
		{Path: ".env", Data: []byte("SECRET_KEY=not-for-git\n")},
		{Path: ".env.example", Data: []byte("SECRET_KEY=change-me\n")},
		{Path: "README.md", Data: []byte("# demo\n\nRun it: `make run`\n")},
		{Path: "pyproject.toml", Data: []byte("[project]\nname = \"demo\"\nversion = \"0.1.0\"\n")},
		{Path: "manage.py", Data: []byte("#!/usr/bin/env python\nprint('hi')\n"), Executable: true},
		{Path: "scripts/bootstrap.sh", Data: []byte("#!/bin/sh\necho bootstrap\n"), Executable: true},
		{Path: "a-b", Data: []byte("dash\n")},
		{Path: "a.txt", Data: []byte("dot\n")},
		{Path: "a/inner.txt", Data: []byte("inner\n")},
		{Path: "a0", Data: []byte("zero\n")},
		{Path: "demo/__init__.py", Data: []byte("")},
		{Path: "demo/app.py", Data: []byte("def create_app():\n    return None\n")},
		{Path: "demo/settings/__init__.py", Data: []byte("")},
		{Path: "demo/settings/base.py", Data: []byte("DEBUG = False\n")},
		{Path: "demo/settings/test.py", Data: []byte("from .base import *\nDEBUG = True\n")},
		{Path: "demo/__pycache__/app.cpython-311.pyc", Data: []byte("\x00\x01compiled")},
		{Path: "demo/templates/base.html", Data: []byte("<html>{% block body %}{% endblock %}</html>\n")},
		{Path: "tests/__init__.py", Data: []byte("")},
		{Path: "tests/test_app.py", Data: []byte("def test_app():\n    assert True\n")},
		{Path: "build/out.txt", Data: []byte("built\n")},
		{Path: ".github/workflows/ci.yml", Data: []byte("on: push\njobs: {}\n")},
	}
	return files
}

// ignoredSample lists the sample files that must not be committed.
var ignoredSample = []string{".env", "build/out.txt", "demo/__pycache__/app.cpython-311.pyc"}

func writeFiles(t testing.TB, dir string, files []File) {
	t.Helper()
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if f.Executable {
			mode = 0o755
		}
		if err := os.WriteFile(full, f.Data, mode); err != nil {
			t.Fatal(err)
		}
	}
}

// gitCmd runs the real git in dir, isolated from the machine's git config.
func gitCmd(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+filepath.Join(home, "none"), "LC_ALL=C", "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func mustGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitCmd(t, dir, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func TestInitWithRealGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	staging := filepath.Join(t.TempDir(), ".demo.pystart-123")
	files := sampleFiles()
	writeFiles(t, staging, files)
	msg := "Start demo from pystart v1.2.3\n\nframework: flask\nextensions: none\n"
	hash, err := Init(context.Background(), staging, files, CommitOptions{Message: msg, Identity: testIdentity()})
	if err != nil {
		t.Fatal(err)
	}
	// The generator commits in a staging folder and then renames it into place: the stat data
	// in the index (inode, ctime, ...) must survive that.
	dir := filepath.Join(filepath.Dir(staging), "demo")
	if err := os.Rename(staging, dir); err != nil {
		t.Fatal(err)
	}

	// diff-files compares stat data without refreshing the index: empty means the index's stat
	// data matches the files, so git will not even need to re-read them. It runs first, since
	// status refreshes the index and would hide wrong stat data.
	for _, args := range [][]string{
		{"diff-files"},
		{"status", "--porcelain"},
		{"diff"},
		{"diff", "--cached"},
		{"fsck", "--strict", "--no-progress"},
	} {
		if out := mustGit(t, dir, args...); out != "" {
			t.Errorf("git %s printed:\n%s", strings.Join(args, " "), out)
		}
	}
	// Every object is in the one pack, whose .idx (offsets, CRCs, checksum) git verifies.
	counts := mustGit(t, dir, "count-objects", "-v")
	for _, want := range []string{"count: 0\n", "packs: 1\n"} {
		if !strings.Contains(counts, want) {
			t.Errorf("git count-objects -v lacks %q:\n%s", want, counts)
		}
	}
	packs, err := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "pack-*.idx"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("pack indexes: %v %v", packs, err)
	}
	mustGit(t, dir, "verify-pack", packs[0])
	if got := strings.TrimSpace(mustGit(t, dir, "rev-parse", "HEAD")); got != hash.String() {
		t.Errorf("HEAD = %s, Init returned %s", got, hash)
	}
	if got := strings.TrimSpace(mustGit(t, dir, "symbolic-ref", "HEAD")); got != "refs/heads/main" {
		t.Errorf("HEAD -> %s, want refs/heads/main", got)
	}
	if got := strings.TrimSpace(mustGit(t, dir, "rev-list", "--count", "--all")); got != "1" {
		t.Errorf("%s commits, want exactly 1", got)
	}
	who := mustGit(t, dir, "log", "-1", "--format=%an <%ae> %ad%n%cn <%ce> %cd", "--date=iso-strict")
	want := "Ada Lovelace <ada@example.com> 2026-03-14T15:09:26+05:30\nCharles Babbage <charles@example.com> 2026-03-14T15:10:26+05:30\n"
	if who != want {
		t.Errorf("author/committer:\n%s\nwant:\n%s", who, want)
	}
	raw := mustGit(t, dir, "cat-file", "commit", "HEAD")
	if _, body, _ := strings.Cut(raw, "\n\n"); body != msg {
		t.Errorf("message %q, want %q", body, msg)
	}

	var wantTracked []string
	for _, f := range files {
		if !slices.Contains(ignoredSample, f.Path) {
			wantTracked = append(wantTracked, f.Path)
		}
	}
	slices.Sort(wantTracked)
	tracked := strings.Fields(mustGit(t, dir, "ls-files"))
	if !slices.Equal(tracked, wantTracked) {
		t.Errorf("ls-files:\n%v\nwant:\n%v", tracked, wantTracked)
	}
	if slices.Contains(tracked, ".env") {
		t.Error(".env was committed")
	}
	stage := mustGit(t, dir, "ls-files", "-s")
	for _, line := range strings.Split(strings.TrimSpace(stage), "\n") {
		mode, path := strings.Fields(line)[0], strings.Fields(line)[3]
		wantMode := "100644"
		if path == "manage.py" || path == "scripts/bootstrap.sh" {
			wantMode = "100755"
		}
		if mode != wantMode {
			t.Errorf("%s has mode %s in the index, want %s", path, mode, wantMode)
		}
	}
	// .env and the rest are ignored, not untracked.
	ignored := mustGit(t, dir, "status", "--porcelain", "--ignored")
	for _, want := range []string{"!! .env\n", "!! build/\n", "!! demo/__pycache__/\n"} {
		if !strings.Contains(ignored, want) {
			t.Errorf("status --ignored lacks %q:\n%s", want, ignored)
		}
	}
	tree := mustGit(t, dir, "cat-file", "-p", "HEAD^{tree}")
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(tree), "\n") {
		_, name, _ := strings.Cut(line, "\t")
		names = append(names, name)
	}
	wantNames := []string{".env.example", ".github", ".gitignore", "README.md", "a-b", "a.txt", "a", "a0", "demo", "manage.py", "pyproject.toml", "scripts", "tests"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("root tree order %v, want %v", names, wantNames)
	}
	if out := mustGit(t, dir, "config", "--local", "--get", "core.bare"); out != "false\n" {
		t.Errorf("core.bare = %q", out)
	}

	// go-git reads it back, too.
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(hash)
	if err != nil {
		t.Fatal(err)
	}
	if c.Author.Name != "Ada Lovelace" || c.Message != msg {
		t.Errorf("go-git sees %+v", c)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsClean() {
		t.Errorf("go-git status is not clean:\n%s", st)
	}
}

func TestInitBranchAndDefaults(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	files := []File{{Path: "x/y/z.txt", Data: []byte("z\n")}, {Path: "same.txt", Data: []byte("z\n")}}
	writeFiles(t, dir, files)
	id := testIdentity()
	id.Committer = Signature{} // zero: the author commits
	if _, err := Init(context.Background(), dir, files, CommitOptions{Branch: "trunk/v1", Message: "no newline", Identity: id}); err != nil {
		t.Fatal(err)
	}
	if out := mustGit(t, dir, "fsck", "--strict", "--no-progress"); out != "" {
		t.Error(out)
	}
	if out := mustGit(t, dir, "status", "--porcelain"); out != "" {
		t.Error(out)
	}
	if got := mustGit(t, dir, "log", "--format=%D|%cn|%B"); got != "HEAD -> trunk/v1|Ada Lovelace|no newline\n\n" {
		t.Errorf("log: %q", got)
	}
}

func TestInitRefuses(t *testing.T) {
	ctx := context.Background()
	good := []File{{Path: "a.txt", Data: []byte("a")}}
	cases := []struct {
		name  string
		files []File
		opts  CommitOptions
		setup func(dir string)
		want  string
	}{
		{name: "existing .git", files: good, setup: func(dir string) { os.Mkdir(filepath.Join(dir, ".git"), 0o755) }, want: "already exists"},
		{name: "dot-dot", files: []File{{Path: "../x", Data: nil}}, want: "not a clean"},
		{name: "absolute", files: []File{{Path: "/etc/x", Data: nil}}, want: "not a clean"},
		{name: "inside .git", files: []File{{Path: "sub/.GIT/config", Data: nil}}, want: "inside .git"},
		{name: "twice", files: []File{good[0], good[0]}, want: "listed twice"},
		{name: "file and folder", files: []File{{Path: "a", Data: nil}, {Path: "a/b", Data: nil}}, want: "cannot hold"},
		{name: "all ignored", files: []File{{Path: ".gitignore", Data: []byte("*\n")}}, want: "every file is ignored"},
		{name: "size differs", files: []File{{Path: "a.txt", Data: []byte("abc")}}, want: "bytes on disk"},
		{name: "missing on disk", files: []File{{Path: "nope.txt", Data: nil}}, want: "no such file"},
		{name: "bad branch", files: good, opts: CommitOptions{Branch: "a..b"}, want: "branch name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, good)
			if tc.setup != nil {
				tc.setup(dir)
			}
			opts := tc.opts
			opts.Identity = testIdentity()
			_, err := Init(ctx, dir, tc.files, opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if tc.name != "existing .git" {
				if _, err := os.Lstat(filepath.Join(dir, ".git")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf(".git left behind: %v", err)
				}
			}
		})
	}
}

func TestInitCancelled(t *testing.T) {
	dir := t.TempDir()
	files := sampleFiles()
	writeFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Init(ctx, dir, files, CommitOptions{Identity: testIdentity()}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf(".git left behind: %v", err)
	}
}

// TestAppendStoredZlib: compress/zlib reads back what appendStoredZlib writes, across the
// 65535-byte limit of a stored block, and what was in dst before stays.
func TestAppendStoredZlib(t *testing.T) {
	for _, n := range []int{0, 1, 65535, 65536, 200_000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i * 7)
		}
		out := appendStoredZlib([]byte("prefix"), data)
		rest, ok := bytes.CutPrefix(out, []byte("prefix"))
		if !ok {
			t.Fatalf("%d bytes: the prefix was overwritten", n)
		}
		r, err := zlib.NewReader(bytes.NewReader(rest))
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: read back %d different bytes", n, len(got))
		}
	}
}

func TestIgnorer(t *testing.T) {
	files := []File{
		{Path: ".gitignore", Data: []byte("\uFEFF.env\nlogs/\n*.log\n!keep.log\n\\#hash\n  \n")},
		{Path: "sub/.gitignore", Data: []byte("local.txt\n!.env\n")},
	}
	ig := newIgnorer(files)
	for path, want := range map[string]bool{
		".env":           true,
		".env.example":   false,
		"sub/.env":       false, // re-included by the deeper .gitignore
		"logs/a.txt":     true,
		"x/logs/a.txt":   true,
		"logs":           false, // a file named logs is not the folder logs/
		"a.log":          true,
		"keep.log":       false,
		"#hash":          true,
		"sub/local.txt":  true,
		"local.txt":      false,
		"sub/.gitignore": false,
	} {
		if got := ig.ignored(path); got != want {
			t.Errorf("ignored(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestInsideWorkTree(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := filepath.Join(root, "worktree")
	os.MkdirAll(wt, 0o755)
	os.WriteFile(filepath.Join(wt, ".git"), []byte("gitdir: /elsewhere/.git/worktrees/x\n"), 0o644)
	stray := filepath.Join(root, "stray")
	os.MkdirAll(filepath.Join(stray, ".git"), 0o755) // no HEAD: not a repository
	for _, tc := range []struct {
		dir    string
		inside bool
		root   string
	}{
		{filepath.Join(repo, "not", "yet", "made"), true, repo},
		{repo, true, repo},
		{filepath.Join(wt, "new"), true, wt},
		{filepath.Join(stray, "new"), false, ""},
		{filepath.Join(root, "elsewhere"), false, ""},
	} {
		inside, found := InsideWorkTree(tc.dir)
		// The temporary folder itself may sit inside some work tree on a developer's machine.
		if !tc.inside && inside && !strings.HasPrefix(found, root) {
			continue
		}
		if inside != tc.inside || found != tc.root {
			t.Errorf("InsideWorkTree(%s) = %v, %q; want %v, %q", tc.dir, inside, found, tc.inside, tc.root)
		}
	}
}

func TestResolveIdentity(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	type files map[string]string // path relative to the test's home -> content
	cases := []struct {
		name       string
		env        map[string]string // HOME is always set to a fresh folder
		files      files
		system     string // content of the system config, if any
		wantAuthor string // "name <email>"
		wantComm   string
		wantSource string
		fallback   bool
		wantWhen   string // RFC 3339 of the author time, if not now
		wantErr    string
	}{
		{
			name:       "environment wins over git config",
			env:        map[string]string{"GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "env@example.com", "GIT_COMMITTER_NAME": "Env Committer", "GIT_COMMITTER_EMAIL": "envc@example.com"},
			files:      files{".gitconfig": "[user]\n\tname = Config User\n\temail = config@example.com\n"},
			wantAuthor: "Env Author <env@example.com>", wantComm: "Env Committer <envc@example.com>",
			wantSource: "environment",
		},
		{
			name:       "author from environment, committer from git config",
			env:        map[string]string{"GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "env@example.com"},
			files:      files{".gitconfig": "[user]\n\tname = Config User\n\temail = config@example.com\n"},
			wantAuthor: "Env Author <env@example.com>", wantComm: "Config User <config@example.com>",
			wantSource: "environment and git config (HOME/.gitconfig)",
		},
		{
			name:       "git config in home",
			files:      files{".gitconfig": "[core]\n\tautocrlf = false\n[User]\n\tName = \"Jane Q. Doe\"\n\temail = jane@example.com ; comment\n"},
			wantAuthor: "Jane Q. Doe <jane@example.com>", wantComm: "Jane Q. Doe <jane@example.com>",
			wantSource: "git config (HOME/.gitconfig)",
		},
		{
			name:       "xdg config, home config wins",
			env:        map[string]string{"XDG_CONFIG_HOME": "HOME/xdg"},
			files:      files{"xdg/git/config": "[user]\n\tname = Xdg\n\temail = xdg@example.com\n", ".gitconfig": "[user]\n\tname = Home\n"},
			wantAuthor: "Home <xdg@example.com>", wantComm: "Home <xdg@example.com>",
			wantSource: "git config (HOME/.gitconfig) and git config (HOME/xdg/git/config)",
		},
		{
			name:       "default xdg location",
			files:      files{".config/git/config": "[user]\n\tname = Xdg\n\temail = xdg@example.com\n"},
			wantAuthor: "Xdg <xdg@example.com>", wantComm: "Xdg <xdg@example.com>",
			wantSource: "git config (HOME/.config/git/config)",
		},
		{
			name:       "system config",
			system:     "[user]\n\tname = Sys\n\temail = sys@example.com\n",
			wantAuthor: "Sys <sys@example.com>", wantComm: "Sys <sys@example.com>",
			wantSource: "git config (HOME/system-gitconfig)",
		},
		{
			name:       "GIT_CONFIG_NOSYSTEM",
			env:        map[string]string{"GIT_CONFIG_NOSYSTEM": "1"},
			system:     "[user]\n\tname = Sys\n\temail = sys@example.com\n",
			wantAuthor: "pystart <pystart@localhost>", wantComm: "pystart <pystart@localhost>",
			wantSource: "fallback", fallback: true,
		},
		{
			name:       "include and author.name",
			files:      files{".gitconfig": "[user]\n\tname = Base\n[include]\n\tpath = ~/.gitconfig.local\n", ".gitconfig.local": "[user]\n\temail = inc@example.com\n[author]\n\tname = Author Only\n"},
			wantAuthor: "Author Only <inc@example.com>", wantComm: "Base <inc@example.com>",
			wantSource: "git config (HOME/.gitconfig.local) and git config (HOME/.gitconfig)",
		},
		{
			name:       "GIT_CONFIG_GLOBAL replaces home",
			env:        map[string]string{"GIT_CONFIG_GLOBAL": "HOME/other"},
			files:      files{".gitconfig": "[user]\n\tname = Home\n\temail = home@example.com\n", "other": "[user]\n\tname = Other\n\temail = other@example.com\n"},
			wantAuthor: "Other <other@example.com>", wantComm: "Other <other@example.com>",
			wantSource: "git config (HOME/other)",
		},
		{
			name:       "GIT_CONFIG_COUNT",
			env:        map[string]string{"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.email", "GIT_CONFIG_VALUE_0": "count@example.com"},
			files:      files{".gitconfig": "[user]\n\tname = Home\n\temail = home@example.com\n"},
			wantAuthor: "Home <count@example.com>", wantComm: "Home <count@example.com>",
			wantSource: "git config (HOME/.gitconfig) and environment",
		},
		{
			name:       "fallback",
			wantAuthor: "pystart <pystart@localhost>", wantComm: "pystart <pystart@localhost>",
			wantSource: "fallback", fallback: true,
		},
		{
			name:       "name only, email from EMAIL",
			env:        map[string]string{"EMAIL": "mail@example.com"},
			files:      files{".gitconfig": "[user]\n\tname = Name Only\n"},
			wantAuthor: "Name Only <mail@example.com>", wantComm: "Name Only <mail@example.com>",
			wantSource: "git config (HOME/.gitconfig) and environment",
		},
		{
			name:       "name only, email falls back",
			files:      files{".gitconfig": "[user]\n\tname = Name Only\n"},
			wantAuthor: "Name Only <pystart@localhost>", wantComm: "Name Only <pystart@localhost>",
			wantSource: "git config (HOME/.gitconfig) and fallback", fallback: true,
		},
		{
			name:       "crud cleaned",
			env:        map[string]string{"GIT_AUTHOR_NAME": " <Evil>\nName. ", "GIT_AUTHOR_EMAIL": "<e@example.com>", "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.com"},
			wantAuthor: "EvilName <e@example.com>", wantComm: "C <c@example.com>",
			wantSource: "environment",
		},
		{
			name:       "GIT_AUTHOR_DATE",
			env:        map[string]string{"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.com", "GIT_AUTHOR_DATE": "@1700000000 +0100"},
			wantAuthor: "A <a@example.com>", wantComm: "C <c@example.com>",
			wantSource: "environment", wantWhen: "2023-11-14T23:13:20+01:00",
		},
		{
			name:    "bad date",
			env:     map[string]string{"GIT_AUTHOR_DATE": "yesterday"},
			wantErr: "GIT_AUTHOR_DATE",
		},
		{
			name:    "broken config",
			files:   files{".gitconfig": "[user\n\tname = x\n"},
			wantErr: ".gitconfig cannot be read",
		},
	}
	oldSystem := SystemConfigPath
	t.Cleanup(func() { SystemConfigPath = oldSystem })
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			fix := func(s string) string { return strings.ReplaceAll(s, "HOME", home) }
			for p, content := range tc.files {
				full := filepath.Join(home, filepath.FromSlash(p))
				os.MkdirAll(filepath.Dir(full), 0o755)
				if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			SystemConfigPath = filepath.Join(home, "system-gitconfig")
			if tc.system != "" {
				os.WriteFile(SystemConfigPath, []byte(tc.system), 0o644)
			}
			env := map[string]string{"HOME": home}
			for k, v := range tc.env {
				env[k] = fix(v)
			}
			getenv := func(k string) string { return env[k] }

			id, err := ResolveIdentity(getenv, now)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sig := func(s Signature) string { return s.Name + " <" + s.Email + ">" }
			if got := sig(id.Author); got != tc.wantAuthor {
				t.Errorf("author %q, want %q", got, tc.wantAuthor)
			}
			if got := sig(id.Committer); got != tc.wantComm {
				t.Errorf("committer %q, want %q", got, tc.wantComm)
			}
			if want := filepath.FromSlash(fix(tc.wantSource)); id.Source != want {
				t.Errorf("source %q, want %q", id.Source, want)
			}
			if id.Fallback != tc.fallback {
				t.Errorf("fallback %v, want %v", id.Fallback, tc.fallback)
			}
			wantWhen := now.Format(time.RFC3339)
			if tc.wantWhen != "" {
				wantWhen = tc.wantWhen
			}
			if got := id.Author.When.Format(time.RFC3339); got != wantWhen {
				t.Errorf("author time %s, want %s", got, wantWhen)
			}
		})
	}
}

func TestRepoConfig(t *testing.T) {
	for _, goos := range []string{"linux", "darwin", "windows", runtime.GOOS} {
		c := repoConfig(goos)
		if !strings.Contains(c, "\tbare = false\n") || !strings.Contains(c, "repositoryformatversion = 0") {
			t.Errorf("%s: %s", goos, c)
		}
	}
}

// benchFiles is a project of n small files in a few folders, with a .gitignore and a .env.
func benchFiles(n int) []File {
	files := []File{
		{Path: ".gitignore", Data: []byte(".env\n__pycache__/\n")},
		{Path: ".env", Data: []byte("SECRET=x\n")},
		{Path: "manage.py", Data: []byte("#!/usr/bin/env python\n"), Executable: true},
	}
	for i := len(files); i < n; i++ {
		dir := []string{"app", "app/views", "app/models", "tests", "docs", "config/settings"}[i%6]
		files = append(files, File{
			Path: fmt.Sprintf("%s/file%03d.py", dir, i),
			Data: []byte(fmt.Sprintf("# file %d\n\ndef f%d():\n    return %d\n%s", i, i, i, strings.Repeat("x = 1\n", i%40))),
		})
	}
	return files
}

func BenchmarkInit(b *testing.B) {
	files := benchFiles(150)
	root := b.TempDir()
	id := testIdentity()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(root, fmt.Sprint(i))
		writeFiles(b, dir, files)
		b.StartTimer()
		if _, err := Init(context.Background(), dir, files, CommitOptions{Message: "bench\n", Identity: id}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorktreeAddCommit is the plain go-git way, for comparison: PlainInit, Worktree.Add,
// Commit, where each blob becomes a loose object file. AddAll stages everything with one
// AddOptions{All: true} (go-git applies the .gitignore itself); AddEach calls Worktree.Add once
// per file Init would commit, and each call rewrites the index.
func BenchmarkWorktreeAddCommit(b *testing.B) {
	files := benchFiles(150)
	tracked, err := selectTracked(files)
	if err != nil {
		b.Fatal(err)
	}
	id := testIdentity()
	author, committer := object.Signature(id.Author), object.Signature(id.Committer)
	for _, mode := range []string{"AddAll", "AddEach"} {
		b.Run(mode, func(b *testing.B) {
			root := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := filepath.Join(root, fmt.Sprint(i))
				writeFiles(b, dir, files)
				b.StartTimer()
				repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
					InitOptions: git.InitOptions{DefaultBranch: "refs/heads/main"},
				})
				if err != nil {
					b.Fatal(err)
				}
				wt, err := repo.Worktree()
				if err != nil {
					b.Fatal(err)
				}
				if mode == "AddAll" {
					err = wt.AddWithOptions(&git.AddOptions{All: true})
				} else {
					for _, f := range tracked {
						if _, err = wt.Add(f.Path); err != nil {
							break
						}
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				if _, err := wt.Commit("bench\n", &git.CommitOptions{Author: &author, Committer: &committer}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildPack is the packfile and its .idx alone, built in memory for the objects of 150
// files: the part of NewCommit that is CPU (hashing aside) rather than file creation.
func BenchmarkBuildPack(b *testing.B) {
	files := benchFiles(150)
	objs := newObjectSet(len(files))
	for _, f := range files {
		objs.add(plumbing.BlobObject, f.Data)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := new(Commit).buildPack(objs); err != nil {
			b.Fatal(err)
		}
	}
}
