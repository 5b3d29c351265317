package generator_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pystart/pystart/blueprints"
	"github.com/pystart/pystart/generator"
)

// Benchmarks for each stage of `pystart new`, on the built-in blueprints:
//
//	go test -run x -bench . -benchmem ./generator/
//
// They measure; they assert nothing about time. bench/run times whole processes against the
// floor (untarring the same tree) and django-admin startproject.

// benchCases are the starters every per-plan stage is measured on, largest last. A new case is
// one line. every adds all of the framework's extensions the catalog has at run time, so the
// largest starter stays the largest as extensions are added, without editing this list.
var benchCases = []struct {
	name    string
	answers generator.Answers
	every   bool
}{
	{name: "flask", answers: generator.Answers{Name: "demo", Framework: "flask"}},
	{name: "django", answers: generator.Answers{Name: "demo", Framework: "django"}},
	{name: "django-every-ext", answers: generator.Answers{Name: "demo", Framework: "django"}, every: true},
}

// benchAnswers resolves a case's answers against the catalog (adding every extension if asked).
func benchAnswers(tb testing.TB, c *generator.Catalog, i int) generator.Answers {
	tb.Helper()
	tc := benchCases[i]
	a := tc.answers
	if tc.every {
		b := c.Blueprint(a.Framework)
		if b == nil {
			tb.Fatalf("no blueprint %q", a.Framework)
		}
		a.Extensions = append(append([]string(nil), a.Extensions...), b.ExtensionIDs()...)
	}
	return a
}

func benchPlan(tb testing.TB, c *generator.Catalog, i int) *generator.Plan {
	tb.Helper()
	p, err := generator.Resolve(c, benchAnswers(tb, c, i))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// benchGetenv gives git a fixed identity, so no git config file is read or can fail.
func benchGetenv(k string) string {
	switch k {
	case "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME":
		return "Bench"
	case "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL":
		return "bench@example.com"
	case "GIT_CONFIG_NOSYSTEM":
		return "1"
	}
	return ""
}

func BenchmarkLoadCatalog(b *testing.B) {
	fsys := blueprints.FS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.LoadCatalog(fsys, "blueprints"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	c := loadBuiltin(b)
	for i, tc := range benchCases {
		b.Run(tc.name, func(b *testing.B) {
			a := benchAnswers(b, c, i)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.Resolve(c, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender is generator.Build: secrets, every template rendered, .pystart.yaml.
func BenchmarkRender(b *testing.B) {
	c := loadBuiltin(b)
	for i, tc := range benchCases {
		b.Run(tc.name, func(b *testing.B) {
			req := generator.Request{Plan: benchPlan(b, c, i), Version: "v0.0.0-bench"}
			files, err := generator.Build(req)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(files)), "files")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.Build(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite is generator.Write without git: staging folder, files, rename into place.
func BenchmarkWrite(b *testing.B) {
	c := loadBuiltin(b)
	for i, tc := range benchCases {
		b.Run(tc.name, func(b *testing.B) {
			files, err := generator.Build(generator.Request{Plan: benchPlan(b, c, i), Version: "v0.0.0-bench"})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			next := newTargets(b, b.Name())
			b.ReportAllocs()
			for b.Loop() {
				if err := generator.Write(ctx, next(), files, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGenerate is what one `pystart new --git` does after flag parsing: load the catalog,
// resolve, render, write, make the first commit, rename into place.
func BenchmarkGenerate(b *testing.B) {
	fsys := blueprints.FS()
	c := loadBuiltin(b)
	for i, tc := range benchCases {
		b.Run(tc.name, func(b *testing.B) {
			a := benchAnswers(b, c, i)
			ctx := context.Background()
			next := newTargets(b, b.Name())
			b.ReportAllocs()
			for b.Loop() {
				cat, err := generator.LoadCatalog(fsys, "blueprints")
				if err != nil {
					b.Fatal(err)
				}
				p, err := generator.Resolve(cat, a)
				if err != nil {
					b.Fatal(err)
				}
				res, err := generator.Generate(ctx, generator.Request{
					Plan: p, Dir: next(), Git: generator.GitForce, Version: "v0.0.0-bench", Getenv: benchGetenv,
				})
				if err != nil {
					b.Fatal(err)
				}
				if res.Commit == "" {
					b.Fatal("no commit")
				}
			}
		})
	}
}

// newTargets returns a function giving a fresh, not yet existing target folder per call, in a
// parent folder that exists (as `pystart new demo` writes into the current folder); parents are
// made with the timer stopped.
//
// Nothing is deleted until the test binary exits (TestMain removes benchRoot). On ext4 without a
// journal, each new inode is allocated by scanning past every inode deleted in the last one to
// six minutes; deleting targets between iterations, or b.TempDir's cleanup between benchmarks,
// made Write 10 to 30 times slower than on a quiet file system. A run of -count 3 leaves roughly
// 1 GB and 200k inodes behind until then.
func newTargets(b *testing.B, name string) func() string {
	const batch = 200
	root := filepath.Join(benchDir(b), strings.ReplaceAll(name, "/", "_"))
	if err := os.Mkdir(root, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		b.Fatal(err)
	}
	parent, err := os.MkdirTemp(root, "run-")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	return func() string {
		if n%batch == 0 {
			b.StopTimer()
			if err := os.Mkdir(filepath.Join(parent, strconv.Itoa(n/batch)), 0o755); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		dir := filepath.Join(parent, strconv.Itoa(n/batch), strconv.Itoa(n%batch))
		n++
		return dir
	}
}

var (
	benchRootOnce sync.Once
	benchRoot     string
	benchRootErr  error
)

// benchDir is one folder for every benchmark of this process, removed by TestMain at exit.
func benchDir(b *testing.B) string {
	benchRootOnce.Do(func() { benchRoot, benchRootErr = os.MkdirTemp("", "pystart-bench-") })
	if benchRootErr != nil {
		b.Fatal(benchRootErr)
	}
	return benchRoot
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}
