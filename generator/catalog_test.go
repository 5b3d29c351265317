package generator

import (
	"strings"
	"testing"
	"testing/fstest"
)

// testFS is a small blueprint tree: one blueprint with a slot, three extensions with rules.
func testFS() fstest.MapFS {
	return fstest.MapFS{
		"common/files/_gitignore":      {Data: []byte(".env\n")},
		"common/files/.env.tmpl":       {Data: []byte("{{ range .Env }}{{ .Name }}={{ if .Secret }}{{ $.Secret .Name }}{{ else }}{{ .Example }}{{ end }}\n{{ end }}")},
		"common/files/NOTES.md":        {Data: []byte("common notes\n")},
		"common/partials/_header.tmpl": {Data: []byte(`{{ define "header" }}# {{ .Title }}{{ end }}`)},
		"web/blueprint.yaml": {Data: []byte(`id: web
title: Web
summary: a test blueprint
dimensions: [flexibility]
include: [common]
packages: ["web-framework>=1"]
dev_packages: ["pytest>=8"]
databases:
  sqlite: {title: SQLite}
  postgres: {title: PostgreSQL, packages: ["psycopg>=3"]}
slots:
  init: lines inside create_app
env:
  - {name: SECRET_KEY, example: change-me, secret: 40}
  - {name: DEBUG, example: "1"}
executable: [run.sh]
next_steps: ["cd {{ .Name }} && make"]
`)},
		"web/files/NOTES.md":                             {Data: []byte("web notes replace common ones\n")},
		"web/files/run.sh":                               {Data: []byte("#!/bin/sh\n")},
		"web/files/raw.html":                             {Data: []byte("{{ not rendered }} {% block %}\n")},
		"web/files/{{ .Package }}/__init__.py.tmpl":      {Data: []byte("{{ template \"header\" . }}\n{{ range .Slot \"init\" }}{{ . }}\n{{ end }}")},
		"web/files/optional.txt.tmpl":                    {Data: []byte("{{ if .Has \"login\" }}login is on{{ end }}\n")},
		"web/extensions/login/extension.yaml":            {Data: []byte("id: login\ntitle: Login\nsummary: log in\ndimension: authentication\nrequires: [orm-a|orm-b]\nimplies: [hash]\npackages: [login-lib]\ncontributes:\n  init: [\"login.init({{ .Package }})\"]\n")},
		"web/extensions/login/files/login.py":            {Data: []byte("# login\n")},
		"web/extensions/hash/extension.yaml":             {Data: []byte("id: hash\ntitle: Hash\nsummary: hashing\ndimension: security\n")},
		"web/extensions/orm-a/extension.yaml":            {Data: []byte("id: orm-a\ntitle: ORM A\nsummary: an ORM\ndimension: ORM\nconflicts: [orm-b]\n")},
		"web/extensions/orm-b/extension.yaml":            {Data: []byte("id: orm-b\ntitle: ORM B\nsummary: another ORM\ndimension: ORM\nconflicts: [orm-a]\n")},
		"web/extensions/orm-b/files/{{ .Package }}/b.py": {Data: []byte("b\n")},
	}
}

func mustLoad(t *testing.T, fsys fstest.MapFS) *Catalog {
	t.Helper()
	c, err := LoadCatalog(fsys, "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadCatalog(t *testing.T) {
	c := mustLoad(t, testFS())
	if got := strings.Join(c.IDs(), ","); got != "web" {
		t.Fatalf("blueprints = %s, want web (common/ has no blueprint.yaml)", got)
	}
	if got := strings.Join(c.Blueprint("web").ExtensionIDs(), ","); got != "hash,login,orm-a,orm-b" {
		t.Fatalf("extensions = %s", got)
	}
}

// TestLoadCatalogFor: only the blueprint asked for is read (a broken one beside it goes unread),
// and IDs still names both, so an unknown framework fails as it does with the whole catalog.
func TestLoadCatalogFor(t *testing.T) {
	fsys := testFS()
	fsys["api/blueprint.yaml"] = &fstest.MapFile{Data: []byte("id: api\nnot_a_key: 1\n")}
	if _, err := LoadCatalog(fsys, "blueprints"); err == nil {
		t.Fatal("LoadCatalog accepted the broken api blueprint")
	}
	for _, id := range []string{"web", "rails"} {
		c, err := LoadCatalogFor(fsys, "blueprints", id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got := strings.Join(c.IDs(), ","); got != "api,web" {
			t.Errorf("%s: IDs = %s, want api,web", id, got)
		}
		_, err = Resolve(c, Answers{Name: "demo", Framework: "rails"})
		if want := `unknown framework "rails": choose api or web`; err == nil || err.Error() != want {
			t.Errorf("%s: Resolve rails: %v, want %s", id, err, want)
		}
	}
	c, err := LoadCatalogFor(fsys, "blueprints", "web")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Blueprints) != 1 || c.Blueprint("web") == nil {
		t.Fatalf("blueprints read: %d, want web alone", len(c.Blueprints))
	}
	if got := strings.Join(c.Blueprint("web").ExtensionIDs(), ","); got != "hash,login,orm-a,orm-b" {
		t.Fatalf("extensions = %s", got)
	}
}

func TestLoadCatalogErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"unknown key names file and line", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nrequire: [login]\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: line 5: unknown key "require" (valid keys: id, title, summary, dimension, requires, `},
		{"dangling requires", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nrequires: [nope]\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: requires "nope": no such extension in web (have: hash, login, orm-a, orm-b)`},
		{"dangling alternative", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nimplies: [orm-a|orm-c]\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: implies "orm-c": no such extension in web`},
		{"id must match folder", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hashing\ntitle: Hash\nsummary: s\ndimension: security\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: id "hashing" must match its folder "hash"`},
		{"missing extension.yaml", func(m fstest.MapFS) {
			m["web/extensions/cache/files/cache.py"] = &fstest.MapFile{Data: []byte("x")}
		}, `blueprints/web/extensions/cache: missing extension.yaml`},
		{"undeclared slot", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\ncontributes:\n  settings: [x]\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: contributes to "settings", which web does not have (slots: init)`},
		{"unknown dimension", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: speed\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: dimension "speed": one of admin panel, ORM`},
		{"missing files folder", func(m fstest.MapFS) {
			for k := range m {
				if strings.HasPrefix(k, "web/files/") {
					delete(m, k)
				}
			}
		}, `blueprints/web/blueprint.yaml: missing its files/ folder`},
		{"executable names a missing file", func(m fstest.MapFS) {
			delete(m, "web/files/run.sh")
		}, `blueprints/web/blueprint.yaml: executable "run.sh": no such file`},
		{"short secret", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nenv: [{name: PEPPER, secret: 8}]\n")}
		}, `env PEPPER: secret length 8: use 0 (not secret) or at least 32`},
		{"imports names a distribution, not a module", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nimports: [flask-bcrypt]\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: imports "flask-bcrypt": a top-level module name (letters, digits and underscores, e.g. flask_jwt_extended)`},
		{"imports names a submodule", func(m fstest.MapFS) {
			m["web/blueprint.yaml"].Data = []byte(strings.Replace(string(m["web/blueprint.yaml"].Data), "dev_packages:", "imports: [web.framework]\ndev_packages:", 1))
		}, `blueprints/web/blueprint.yaml: imports "web.framework": a top-level module name`},
		{"wrong type", func(m fstest.MapFS) {
			m["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: s\ndimension: security\nrequires: login\n")}
		}, `blueprints/web/extensions/hash/extension.yaml: line 5: cannot unmarshal !!str`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS()
			tt.change(fsys)
			_, err := LoadCatalog(fsys, "blueprints")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) && !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error\n got: %s\nwant: %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
		})
	}
}
