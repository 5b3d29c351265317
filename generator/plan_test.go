package generator

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pystart/pystart/blueprints"
)

func TestResolve(t *testing.T) {
	c := mustLoad(t, testFS())
	tests := []struct {
		name    string
		answers Answers
		want    string // extension ids, comma-separated
		wantErr string
	}{
		{"base only", Answers{Name: "shop", Framework: "web"}, "", ""},
		{"implied extension added", Answers{Name: "shop", Framework: "web", Extensions: []string{"login", "orm-a"}}, "hash,login,orm-a", ""},
		{"without drops an implied one", Answers{Name: "shop", Framework: "web", Extensions: []string{"login", "orm-b"}, Without: []string{"hash"}}, "login,orm-b", ""},
		{"duplicates collapse", Answers{Name: "shop", Framework: "web", Extensions: []string{"hash", "hash"}}, "hash", ""},
		{"missing alternative requirement", Answers{Name: "shop", Framework: "web", Extensions: []string{"login"}},
			"", `extension "login" requires one of orm-a or orm-b: add --ext orm-a`},
		{"conflict", Answers{Name: "shop", Framework: "web", Extensions: []string{"orm-a", "orm-b"}},
			"", `extensions "orm-a" and "orm-b" conflict: keep one of --ext orm-a and --ext orm-b`},
		{"unknown extension", Answers{Name: "shop", Framework: "web", Extensions: []string{"jwt"}},
			"", `unknown extension "jwt" for web: choose from hash, login, orm-a, orm-b (see pystart extensions --framework web)`},
		{"requested and excluded", Answers{Name: "shop", Framework: "web", Extensions: []string{"hash"}, Without: []string{"hash"}},
			"", `extension "hash" is both requested and excluded`},
		{"unknown framework", Answers{Name: "shop", Framework: "rails"}, "", `unknown framework "rails": choose web`},
		{"unknown database", Answers{Name: "shop", Framework: "web", Database: "mysql"}, "", `unknown database "mysql" for web: choose postgres or sqlite`},
		{"old python", Answers{Name: "shop", Framework: "web", Python: "3.9"}, "", `python "3.9": a project can declare 3.11, 3.12, 3.13 or 3.14 as its minimum`},
		{"bad name first", Answers{Name: "import", Framework: "rails"}, "", `project name "import" is a Python keyword`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Resolve(c, tt.answers)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.ExtensionIDs(), ","); got != tt.want {
				t.Fatalf("extensions = %q, want %q", got, tt.want)
			}
			if got := strings.Join(p.Answers.Extensions, ","); got != tt.want {
				t.Fatalf("recorded answers = %q, want the resolved list %q", got, tt.want)
			}
			if p.Answers.Database != DefaultDatabase || p.Answers.Python != DefaultPython {
				t.Fatalf("defaults not filled in: %+v", p.Answers)
			}
		})
	}
}

// TestResolveSkipsAnImpliedAlternative: an extension that requires "orm-a|orm-b" and implies
// orm-a (for a project that has neither) does not bring in orm-a when orm-b is chosen, which
// would conflict with it; without orm-b it still does. The same rule lets jwt, which implies
// sqlalchemy, work with peewee. A requirement that conflicts is named before a missing one.
func TestResolveSkipsAnImpliedAlternative(t *testing.T) {
	fsys := testFS()
	fsys["web/extensions/tokens/extension.yaml"] = &fstest.MapFile{Data: []byte("id: tokens\ntitle: Tokens\nsummary: API tokens\ndimension: authentication\nrequires: [orm-a|orm-b]\nimplies: [orm-a]\n")}
	fsys["web/extensions/panel/extension.yaml"] = &fstest.MapFile{Data: []byte("id: panel\ntitle: Panel\nsummary: an admin panel\ndimension: admin panel\nrequires: [login, orm-a]\n")}
	c := mustLoad(t, fsys)
	tests := []struct {
		name       string
		extensions []string
		want       string
		implied    string // what brought in orm-a, or ""
		wantErr    string
	}{
		{"plain: the implied alternative is added", []string{"tokens"}, "orm-a,tokens", "tokens", ""},
		{"another alternative chosen: nothing added", []string{"orm-b", "tokens"}, "orm-b,tokens", "", ""},
		{"the implied alternative chosen anyway", []string{"orm-a", "tokens"}, "orm-a,tokens", "", ""},
		{"with an implied extension too", []string{"tokens", "orm-b", "login"}, "hash,login,orm-b,tokens", "", ""},
		{"a conflicting requirement is named first", []string{"orm-b", "panel"}, "",
			"", `extension "panel" requires "orm-a", which conflicts with extension "orm-b": keep one of --ext panel and --ext orm-b`},
		{"then a missing one", []string{"orm-a", "panel"}, "", "", `extension "panel" requires "login": add --ext login`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := resolveAs(t, c, Answers{Name: "shop", Framework: "web", Extensions: tt.extensions}, tt.want, tt.wantErr)
			if p == nil {
				return
			}
			if got := p.Implied["orm-a"]; got != tt.implied {
				t.Fatalf("orm-a implied by %q, want %q", got, tt.implied)
			}
		})
	}
}

// TestResolveWithoutARequirement: --without turns off what an extension implies, never what it
// requires. A requirement left out with --without is named with its title and the way out is
// to drop that --without; "add --ext" would answer the user with the opposite of what they typed.
func TestResolveWithoutARequirement(t *testing.T) {
	fsys := testFS()
	fsys["web/extensions/tokens/extension.yaml"] = &fstest.MapFile{Data: []byte("id: tokens\ntitle: Tokens\nsummary: API tokens\ndimension: authentication\nrequires: [orm-a|orm-b]\nimplies: [orm-a]\n")}
	fsys["web/extensions/panel/extension.yaml"] = &fstest.MapFile{Data: []byte("id: panel\ntitle: Panel\nsummary: an admin panel\ndimension: admin panel\nrequires: [login, orm-a]\n")}
	fsys["web/extensions/forms/extension.yaml"] = &fstest.MapFile{Data: []byte("id: forms\ntitle: Web Forms\nsummary: forms\ndimension: security\n")}
	fsys["web/extensions/signin/extension.yaml"] = &fstest.MapFile{Data: []byte("id: signin\ntitle: Sign-in\nsummary: sign-in pages\ndimension: authentication\nrequires: [orm-a|orm-b, forms]\nimplies: [hash, forms]\n")}
	c := mustLoad(t, fsys)
	tests := []struct {
		name       string
		extensions []string
		without    []string
		want       string
		wantErr    string
	}{
		{"an implication is turned off", []string{"signin", "orm-a"}, []string{"hash"}, "forms,orm-a,signin", ""},
		{"a requirement is not", []string{"signin", "orm-a"}, []string{"forms"}, "",
			`extension "signin" requires "forms" (Web Forms), which --without forms leaves out: drop --without forms`},
		{"nor one it does not imply", []string{"panel", "orm-a"}, []string{"login"}, "",
			`extension "panel" requires "login" (Login), which --without login leaves out: drop --without login`},
		{"another alternative is offered", []string{"tokens"}, []string{"orm-a"}, "",
			`extension "tokens" requires one of orm-a or orm-b: add --ext orm-b`},
		{"every alternative left out", []string{"tokens"}, []string{"orm-a", "orm-b"}, "",
			`extension "tokens" requires one of orm-a or orm-b, which --without leaves out: drop --without orm-a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resolveAs(t, c, Answers{Name: "shop", Framework: "web", Extensions: tt.extensions, Without: tt.without}, tt.want, tt.wantErr)
		})
	}
}

// resolveAs resolves a and checks the outcome: exactly the error wantErr, or (when wantErr is
// "") the extension ids want, comma-separated. It returns the plan, or nil after an error.
func resolveAs(t *testing.T, c *Catalog, a Answers, want, wantErr string) *Plan {
	t.Helper()
	p, err := Resolve(c, a)
	if wantErr != "" {
		if err == nil || err.Error() != wantErr {
			t.Fatalf("error = %v, want %q", err, wantErr)
		}
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.ExtensionIDs(), ","); got != want {
		t.Fatalf("extensions = %q, want %q", got, want)
	}
	return p
}

func TestNewProject(t *testing.T) {
	tests := []struct {
		name, pkg, title, wantErr string
	}{
		{name: "shop", pkg: "shop", title: "Shop"},
		{name: "my-shop", pkg: "my_shop", title: "My Shop"},
		{name: "Blog_2", pkg: "blog_2", title: "Blog 2"},
		{name: "", wantErr: "project name is empty: use a letter followed by"},
		{name: "../shop", wantErr: `project name "../shop" is a path: give a name (e.g. my-shop) and choose the folder with --dir`},
		{name: "a/b", wantErr: "is a path"},
		{name: "2fast", wantErr: `project name "2fast" is not usable as a Python package`},
		{name: "my shop", wantErr: "is not usable as a Python package"},
		{name: "class", wantErr: `project name "class" is a Python keyword: choose another, e.g. class-app`},
		{name: "django", wantErr: `project name "django" would shadow the Python module "django": choose another, e.g. my-django`},
		{name: "Flask", wantErr: `would shadow the Python module "flask"`},
		{name: "test", wantErr: `would shadow the Python module "test"`},
		{name: "site", wantErr: `would shadow the Python module "site"`},
		{name: "json", wantErr: `would shadow the Python module "json"`},
		{name: "config", wantErr: `would shadow the Python module "config"`},
		{name: "CON", wantErr: `project name "CON" is a device name on Windows, where its folder could not be made: choose another, e.g. CON-app`},
		{name: "lpt1", wantErr: "is a device name on Windows"},
		{name: "console", pkg: "console", title: "Console"},
		{name: strings.Repeat("a", 49), wantErr: "is 49 characters: use at most 48"},
		{name: strings.Repeat("a", 48), pkg: strings.Repeat("a", 48), title: "A" + strings.Repeat("a", 47)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewProject(tt.name)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Package != tt.pkg || p.Title != tt.title {
				t.Fatalf("got %+v, want package %q title %q", p, tt.pkg, tt.title)
			}
		})
	}
}

// TestResolveRefusesShadowingNames: a package named after a module the chosen layers import
// would be imported in its place; the same name is fine when nothing chosen imports it.
func TestResolveRefusesShadowingNames(t *testing.T) {
	c, err := LoadCatalog(blueprints.FS(), "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		answers Answers
		wantErr string // "" for accepted
	}{
		{"jwt with the jwt extension", Answers{Name: "jwt", Framework: "flask", Extensions: []string{"jwt"}},
			`project name "jwt" would shadow the jwt package that the jwt extension uses: choose another name, e.g. my-jwt`},
		{"jwt without it", Answers{Name: "jwt", Framework: "flask"}, ""},
		{"jwt in django with simple jwt", Answers{Name: "jwt", Framework: "django", Extensions: []string{"drf", "jwt"}},
			`project name "jwt" would shadow the jwt package that the jwt extension uses`},
		{"a module the starter imports", Answers{Name: "marshmallow", Framework: "flask", UseCase: "simple-api"},
			`project name "marshmallow" would shadow the marshmallow package that the smorest extension uses`},
		{"a transitive module", Answers{Name: "sklearn", Framework: "flask", UseCase: "ml-serving"},
			`project name "sklearn" would shadow the sklearn package that the ml-serving starter uses`},
		{"the same name without that starter", Answers{Name: "sklearn", Framework: "flask"}, ""},
		{"case does not matter", Answers{Name: "PIL", Framework: "hybrid", Services: []string{"image-processing"}},
			`project name "PIL" would shadow the PIL package that the image-processing service uses`},
		{"the hybrid's own files", Answers{Name: "cryptography", Framework: "hybrid", Services: []string{"webhooks"}},
			`project name "cryptography" would shadow the cryptography package that the hybrid blueprint uses`},
		{"a blueprint's own import", Answers{Name: "dj-database-url", Framework: "django"},
			`project name "dj-database-url" would shadow the dj_database_url package that the django blueprint uses`},
		{"a django import in a flask project", Answers{Name: "dj-database-url", Framework: "flask"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Resolve(c, tt.answers)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
			}
			var ae *AnswerError
			if err != nil && (!errors.As(err, &ae) || ae.Field != "name") {
				t.Fatalf("error %v is not about the name answer", err)
			}
		})
	}
}
