package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

func sampleFiles(n int) []File {
	var files []File
	for i := range n {
		files = append(files, File{Path: filepath.ToSlash(filepath.Join("pkg", string(rune('a'+i%26)), "f.py")) + string(rune('a'+i/26)), Data: []byte("x\n"), Mode: 0o644})
	}
	files = append(files, File{Path: "run.sh", Data: []byte("#!/bin/sh\n"), Mode: 0o755})
	return files
}

// listTree returns every path under dir, so a test can assert nothing changed.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestWrite(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "shop")
	if err := Write(context.Background(), target, sampleFiles(30), nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(target, "run.sh"))
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Fatalf("run.sh: %v %v", info, err)
	}
	dir, _ := os.Stat(target)
	if dir.Mode().Perm() != 0o755 {
		t.Fatalf("project folder mode %v, want 0755", dir.Mode().Perm())
	}
	if got := listTree(t, parent); len(got) != 1+1+30+1+26+1 { // ., shop, files, run.sh, dirs, pkg
		t.Fatalf("unexpected tree (staging left behind?): %v", got)
	}
}

func TestWriteIntoEmptyFolder(t *testing.T) {
	target := t.TempDir()
	if err := Write(context.Background(), target, sampleFiles(3), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "run.sh")); err != nil {
		t.Fatal(err)
	}
}

func TestWriteRefusesNonEmptyTarget(t *testing.T) {
	target := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt", "d.txt"} {
		os.WriteFile(filepath.Join(target, name), []byte("mine"), 0o644)
	}
	err := Write(context.Background(), target, sampleFiles(3), nil)
	if err == nil || !strings.Contains(err.Error(), "is not empty (it has a.txt, b.txt, c.txt and more): choose a new or empty folder with --dir") {
		t.Fatalf("error = %v", err)
	}
	if got := listTree(t, target); len(got) != 5 {
		t.Fatalf("target changed: %v", got)
	}
}

func TestWriteRefusesFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "shop")
	os.WriteFile(target, []byte("mine"), 0o644)
	err := Write(context.Background(), target, sampleFiles(3), nil)
	if err == nil || !strings.Contains(err.Error(), "already exists and is not a folder") {
		t.Fatalf("error = %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "mine" {
		t.Fatal("file was changed")
	}
}

// cancelAfter is a context whose Err turns non-nil after n calls: a Ctrl-C arriving mid-write.
type cancelAfter struct {
	context.Context
	n *atomic.Int32
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	tests := []struct {
		name   string
		ctx    context.Context
		finish func(string) error
		files  []File
	}{
		{"cancelled mid-write", &cancelAfter{Context: context.Background(), n: atomicInt(10)}, nil, sampleFiles(30)},
		{"finish step fails", context.Background(), func(string) error { return errors.New("git failed") }, sampleFiles(30)},
		{"bad path mid-list", context.Background(), nil, append(sampleFiles(10), File{Path: "../escape", Data: []byte("x")})},
		{"duplicate path mid-list", context.Background(), nil, append(sampleFiles(10), File{Path: "run.sh", Data: []byte("x")})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			os.WriteFile(filepath.Join(parent, "keep.txt"), []byte("mine"), 0o644)
			before := listTree(t, parent)
			// deeper/still/missing does not exist: the folders Write creates must go too.
			target := filepath.Join(parent, "deeper", "still", "shop")
			if err := Write(tt.ctx, target, tt.files, tt.finish); err == nil {
				t.Fatal("no error")
			}
			if after := listTree(t, parent); strings.Join(after, ",") != strings.Join(before, ",") {
				t.Fatalf("parent changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func atomicInt(n int32) *atomic.Int32 {
	a := new(atomic.Int32)
	a.Store(n)
	return a
}
