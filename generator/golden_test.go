package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/pystart/pystart/blueprints"
	"github.com/pystart/pystart/generator"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current blueprints")

type goldenCase struct {
	name    string
	answers generator.Answers
	// top keeps only the files outside services/: a hybrid's services are the Flask and Django
	// trees the other cases cover, and its own files (compose, proxy, Makefile) are what is new.
	top bool
}

// goldenCases are rendered from the built-in blueprints and compared byte for byte with
// testdata/golden/NAME.txtar, so every change to a blueprint shows up as a reviewable diff.
var goldenCases = []goldenCase{
	{"flask", generator.Answers{Name: "demo", Framework: "flask"}, false},
	{"flask-postgres", generator.Answers{Name: "demo", Framework: "flask", Database: "postgres"}, false},
	{"django", generator.Answers{Name: "demo", Framework: "django"}, false},
	{"django-postgres", generator.Answers{Name: "demo", Framework: "django", Database: "postgres"}, false},
	{"hybrid-top", generator.Answers{Name: "demo", Framework: "hybrid", Services: []string{"image-processing", "ml-inference", "webhooks"}}, true},
}

// fixedSecrets stands in for crypto/rand so the golden .env is stable.
type fixedSecrets struct{}

func (fixedSecrets) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(i)
	}
	return len(p), nil
}

func loadBuiltin(t testing.TB) *generator.Catalog {
	t.Helper()
	c, err := generator.LoadCatalog(blueprints.FS(), "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// renderCase resolves and renders a golden case with the fixed secrets, as a golden file has it.
func renderCase(t *testing.T, c *generator.Catalog, tc goldenCase) (*generator.Plan, []generator.File) {
	t.Helper()
	plan, err := generator.Resolve(c, tc.answers)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Build(generator.Request{Plan: plan, Version: "v0.0.0-golden", Rand: fixedSecrets{}})
	if err != nil {
		t.Fatal(err)
	}
	return plan, files
}

func TestGolden(t *testing.T) {
	c := loadBuiltin(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			_, files := renderCase(t, c, tc)
			ar := &txtar.Archive{Comment: []byte("pystart new " + tc.name + ": rendered by TestGolden; regenerate with go test ./generator -run TestGolden -update\n")}
			for _, f := range files {
				if tc.top && strings.HasPrefix(f.Path, "services/") {
					continue
				}
				ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: f.Data})
			}
			got := txtar.Format(ar)
			path := filepath.Join("testdata", "golden", tc.name+".txtar")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale (run go test ./generator -run TestGolden -update and review the diff):\n%s", path, firstDiff(want, got))
			}
		})
	}
}

// TestLoadCatalogForBuiltin: `pystart new --framework X` reads only X's blueprint; each one's
// largest starter comes out the same as from the whole catalog.
func TestLoadCatalogForBuiltin(t *testing.T) {
	whole := loadBuiltin(t)
	for _, id := range whole.IDs() {
		one, err := generator.LoadCatalogFor(blueprints.FS(), "blueprints", id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one.IDs(), whole.IDs()) {
			t.Errorf("%s: IDs = %v, want %v", id, one.IDs(), whole.IDs())
		}
		var builds [2][]generator.File
		for i, c := range []*generator.Catalog{whole, one} {
			a, err := everyCompatible(c, generator.Answers{Name: "demo", Framework: id})
			if err != nil {
				t.Fatal(err)
			}
			p, err := generator.Resolve(c, a)
			if err != nil {
				t.Fatal(err)
			}
			if builds[i], err = generator.Build(generator.Request{Plan: p, Version: "v0.0.0-golden", Rand: fixedSecrets{}}); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.EqualFunc(builds[0], builds[1], func(a, b generator.File) bool {
			return a.Path == b.Path && a.Mode == b.Mode && bytes.Equal(a.Data, b.Data)
		}) {
			t.Errorf("%s: the files differ from those the whole catalog gives", id)
		}
	}
}

// TestSecretsOnlyInDotEnv renders every golden case with a recognisable secret and checks it
// appears in .env and nowhere else: secrets must never reach a committed file.
func TestSecretsOnlyInDotEnv(t *testing.T) {
	c := loadBuiltin(t)
	for _, tc := range goldenCases {
		plan, files := renderCase(t, c, tc)
		secrets, _ := generator.NewSecrets(plan.Env(), fixedSecrets{})
		if len(secrets) == 0 {
			t.Fatalf("%s declares no secret variable", tc.name)
		}
		for name, value := range secrets {
			found := false
			for _, f := range files {
				in := bytes.Contains(f.Data, []byte(value))
				// A hybrid keeps a .env per service (services/web/.env), none at the top.
				dotenv := f.Path == ".env" || strings.HasSuffix(f.Path, "/.env")
				found = found || (dotenv && in)
				if !dotenv && in {
					t.Errorf("%s: secret %s leaked into %s", tc.name, name, f.Path)
				}
			}
			if !found {
				t.Errorf("%s: no .env has %s", tc.name, name)
			}
		}
	}
}

// firstDiff shows the first differing line with a little context, enough to find the change.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return "(same lines, different bytes)"
}
