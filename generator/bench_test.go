package generator_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pystart/pystart/blueprints"
	"github.com/pystart/pystart/generator"
	"github.com/pystart/pystart/generator/gitrepo"
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
	// The hybrid with every side service and its main application with every extension.
	{name: "hybrid-every", answers: generator.Answers{Name: "demo", Framework: "hybrid"}, every: true},
}

// benchAnswers resolves a case's answers against the catalog (adding every extension if asked).
func benchAnswers(tb testing.TB, c *generator.Catalog, i int) generator.Answers {
	tb.Helper()
	tc := benchCases[i]
	a := tc.answers
	if tc.every {
		var err error
		if a, err = everyCompatible(c, a); err != nil {
			tb.Fatal(err)
		}
	}
	return a
}

// everyCompatible adds to a every extension of its framework that can go together: passes in id
// order add each extension with which the answers still resolve, until a pass adds nothing. So an
// extension that conflicts with an earlier one (in id order) is left out, the same one every
// time, and one that requires an extension later in the order gets in on the next pass. bench/run
// picks the largest starter the same way, through pystart new --dry-run.
func everyCompatible(c *generator.Catalog, a generator.Answers) (generator.Answers, error) {
	b := c.Blueprint(a.Framework)
	if b == nil {
		return a, fmt.Errorf("no blueprint %q", a.Framework)
	}
	if h := b.Hybrid; h != nil && len(a.Services) == 0 {
		a.Services = h.ServiceIDs() // the largest hybrid has every side service
	}
	if _, err := generator.Resolve(c, a); err != nil {
		return a, err
	}
	a.Extensions = slices.Clone(a.Extensions)
	for added := true; added; {
		added = false
		for _, id := range b.MainBlueprint().ExtensionIDs() {
			if slices.Contains(a.Extensions, id) {
				continue
			}
			try := a
			try.Extensions = append(slices.Clone(a.Extensions), id)
			if _, err := generator.Resolve(c, try); err == nil {
				a, added = try, true
			}
		}
	}
	return a, nil
}

// TestEveryCompatible: the largest starter resolves, and holds every extension of its framework
// except those that conflict with one in it.
func TestEveryCompatible(t *testing.T) {
	c := loadBuiltin(t)
	for _, b := range c.Blueprints {
		a, err := everyCompatible(c, generator.Answers{Name: "demo", Framework: b.ID})
		if err != nil {
			t.Fatal(err)
		}
		p, err := generator.Resolve(c, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range b.MainBlueprint().Extensions {
			if p.Has(e.ID) {
				continue
			}
			main := p
			if len(p.Parts) > 0 {
				main = p.Parts[0].Plan
			}
			if !slices.ContainsFunc(main.Extensions, func(in *generator.Extension) bool {
				return slices.Contains(in.Conflicts, e.ID) || slices.Contains(e.Conflicts, in.ID)
			}) {
				t.Errorf("%s: extension %s is left out of the largest starter but conflicts with none in it", b.ID, e.ID)
			}
		}
	}
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

// BenchmarkLoadCatalog is the whole catalog (all), as `pystart extensions` and the wizard load
// it, and each blueprint alone, as `pystart new --framework` loads it.
func BenchmarkLoadCatalog(b *testing.B) {
	fsys := blueprints.FS()
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := generator.LoadCatalog(fsys, "blueprints"); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, id := range loadBuiltin(b).IDs() {
		b.Run(id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.LoadCatalogFor(fsys, "blueprints", id); err != nil {
					b.Fatal(err)
				}
			}
		})
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
				// A process parses each template once (the hybrid's services share the trees).
				c.ForgetParsed()
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

// BenchmarkGit is the git step alone: the first commit of files already written (with the timer
// stopped) into a fresh folder, as Generate makes it in the staging folder.
func BenchmarkGit(b *testing.B) {
	c := loadBuiltin(b)
	id, err := gitrepo.ResolveIdentity(benchGetenv, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	for i, tc := range benchCases {
		b.Run(tc.name, func(b *testing.B) {
			p := benchPlan(b, c, i)
			files, err := generator.Build(generator.Request{Plan: p, Version: "v0.0.0-bench"})
			if err != nil {
				b.Fatal(err)
			}
			gfiles := make([]gitrepo.File, len(files))
			for i, f := range files {
				gfiles[i] = gitrepo.File{Path: f.Path, Data: f.Data, Executable: f.Mode&0o111 != 0}
			}
			opts := gitrepo.CommitOptions{Branch: "main", Message: generator.CommitMessage(p, "v0.0.0-bench"), Identity: id}
			ctx := context.Background()
			next := newTargets(b, b.Name())
			b.ReportAllocs()
			for b.Loop() {
				dir := next() // before StopTimer: next restarts the timer when it makes a folder
				b.StopTimer()
				if err := generator.Write(ctx, dir, files, nil); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := gitrepo.Init(ctx, dir, gfiles, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGenerate is what one `pystart new --framework ... --git` does after flag parsing:
// load the framework's blueprint, resolve, render, write, make the first commit, rename into
// place.
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
				cat, err := generator.LoadCatalogFor(fsys, "blueprints", a.Framework)
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
