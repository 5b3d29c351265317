package generator

import (
	"strings"
	"testing"
	"testing/fstest"
)

// starterFS is testFS with two use-case starters: blog turns on an ORM and adds its domain code
// (replacing a base file and contributing to a slot); tiny drops the package folder.
func starterFS() fstest.MapFS {
	fsys := testFS()
	fsys["web/starters/blog/starter.yaml"] = &fstest.MapFile{Data: []byte(`id: blog
title: Blog
summary: posts and categories
dimension: admin panel
requires: [orm-a|orm-b]
implies: [orm-a, hash]
packages: [markdown-lib]
env:
  - {name: POSTS_PER_PAGE, example: "10"}
contributes:
  init: ["blog.init()"]
next_steps: ["open /blog/"]
`)}
	fsys["web/starters/blog/files/NOTES.md"] = &fstest.MapFile{Data: []byte("blog notes\n")}
	fsys["web/starters/blog/files/{{ .Package }}/blog.py.tmpl"] = &fstest.MapFile{Data: []byte("# {{ .Starter }} for {{ .Name }}\n")}
	fsys["web/starters/tiny/starter.yaml"] = &fstest.MapFile{Data: []byte("id: tiny\ntitle: Tiny\nsummary: one file\ndimension: learning curve\nomit: [\"{{ .Package }}/\", optional.txt]\n")}
	fsys["web/starters/tiny/files/app.py"] = &fstest.MapFile{Data: []byte("app\n")}
	return fsys
}

func TestStarterResolve(t *testing.T) {
	c := mustLoad(t, starterFS())
	if got := strings.Join(c.Blueprint("web").StarterIDs(), ","); got != "blog,tiny" {
		t.Fatalf("starters = %s", got)
	}
	tests := []struct {
		name    string
		answers Answers
		want    string
		wantErr string
	}{
		{"no use case, no starter", Answers{Name: "s", Framework: "web"}, "", ""},
		{"use case without a starter here", Answers{Name: "s", Framework: "web", UseCase: "shop"}, "", ""},
		{"starter turns its extensions on", Answers{Name: "s", Framework: "web", UseCase: "blog"}, "hash,orm-a", ""},
		{"without drops one", Answers{Name: "s", Framework: "web", UseCase: "blog", Without: []string{"hash"}}, "orm-a", ""},
		{"the other alternative satisfies it", Answers{Name: "s", Framework: "web", UseCase: "blog", Extensions: []string{"orm-b"}, Without: []string{"orm-a"}}, "hash,orm-b", ""},
		{"dropping what it requires is refused", Answers{Name: "s", Framework: "web", UseCase: "blog", Without: []string{"orm-a"}},
			"", `the web starter (use case blog) requires one of orm-a or orm-b: add --ext orm-b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resolveAs(t, c, tt.answers, tt.want, tt.wantErr)
		})
	}
}

func TestStarterRender(t *testing.T) {
	c := mustLoad(t, starterFS())
	p, err := Resolve(c, Answers{Name: "my-blog", Framework: "web", UseCase: "blog"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(p, RenderOptions{Secrets: map[string]string{"SECRET_KEY": strings.Repeat("k", 40)}})
	if err != nil {
		t.Fatal(err)
	}
	got := fileMap(files)
	for path, want := range map[string]string{
		"NOTES.md":            "blog notes\n", // the starter replaces the base file
		"my_blog/blog.py":     "# blog for my-blog\n",
		"my_blog/__init__.py": "# My Blog\nblog.init()\n",
		".env":                "SECRET_KEY=" + strings.Repeat("k", 40) + "\nDEBUG=1\nPOSTS_PER_PAGE=10\n",
	} {
		if string(got[path].Data) != want {
			t.Errorf("%s = %q, want %q", path, got[path].Data, want)
		}
	}
	if pkgs := strings.Join(p.Packages(), ","); !strings.Contains(pkgs, "markdown-lib") {
		t.Errorf("packages %s lack the starter's", pkgs)
	}
	steps, err := NextSteps(p)
	if err != nil || steps[len(steps)-1].Text != "open /blog/" {
		t.Errorf("next steps = %q, %v", steps, err)
	}

	p, err = Resolve(c, Answers{Name: "tiny", Framework: "web", UseCase: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	files, err = Render(p, RenderOptions{Secrets: map[string]string{"SECRET_KEY": strings.Repeat("k", 40)}})
	if err != nil {
		t.Fatal(err)
	}
	got = fileMap(files)
	for _, gone := range []string{"tiny/__init__.py", "optional.txt"} {
		if _, ok := got[gone]; ok {
			t.Errorf("%s should be omitted by the tiny starter", gone)
		}
	}
	for _, kept := range []string{"app.py", "run.sh", "NOTES.md", ".gitignore"} {
		if _, ok := got[kept]; !ok {
			t.Errorf("%s missing", kept)
		}
	}
}

func TestOmitIsForStartersOnly(t *testing.T) {
	fsys := testFS()
	fsys["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: hashing\ndimension: security\nomit: [run.sh]\n")}
	_, err := LoadCatalog(fsys, "blueprints")
	if err == nil || !strings.Contains(err.Error(), "extension.yaml: omit: only a starter or an overlay may drop base files") {
		t.Fatalf("error = %v", err)
	}
}

func TestNextStepsFollowPhases(t *testing.T) {
	fsys := starterFS()
	fsys["web/blueprint.yaml"].Data = []byte(strings.Replace(string(fsys["web/blueprint.yaml"].Data),
		`next_steps: ["cd {{ .Name }} && make"]`,
		`next_steps: ["install: make install", "run: make run", "open: http://localhost/", "test: make test"]`, 1))
	fsys["web/extensions/orm-a/extension.yaml"].Data = append(fsys["web/extensions/orm-a/extension.yaml"].Data,
		[]byte("next_steps: [\"prepare: make migrate\", \"open: http://localhost/db/\", \"open: make promote\", \"open: http://localhost/db/admin/\"]\n")...)
	p, err := Resolve(mustLoad(t, fsys), Answers{Name: "shop", Framework: "web", UseCase: "blog"})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := NextSteps(p)
	if err != nil {
		t.Fatal(err)
	}
	// A command in the open phase keeps its place among the URLs, without "open".
	want := "make install|make migrate|open /blog/|make test|make run|open http://localhost/|open http://localhost/db/|make promote|open http://localhost/db/admin/"
	var texts []string
	for _, s := range steps {
		texts = append(texts, s.Text)
	}
	if got := strings.Join(texts, "|"); got != want {
		t.Fatalf("steps = %s\nwant    %s", got, want)
	}
}

func TestStarterExtends(t *testing.T) {
	fsys := starterFS()
	fsys["web/starters/tour/starter.yaml"] = &fstest.MapFile{Data: []byte("id: tour\ntitle: Tour\nsummary: tiny plus a tour\ndimension: learning curve\nextends: tiny\nconflicts: [hash]\n")}
	fsys["web/starters/tour/files/tour.py"] = &fstest.MapFile{Data: []byte("tour\n")}
	fsys["web/starters/tiny/starter.yaml"].Data = append(fsys["web/starters/tiny/starter.yaml"].Data, []byte("conflicts: [orm-a]\n")...)
	c := mustLoad(t, fsys)
	tour := c.Blueprint("web").Starter("tour")
	if got := strings.Join(tour.Omit, ","); got != "optional.txt,{{ .Package }}/" {
		t.Errorf("omit = %s, want the parent's", got)
	}

	p, err := Resolve(c, Answers{Name: "t", Framework: "web", UseCase: "tour"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(p, RenderOptions{Secrets: map[string]string{"SECRET_KEY": strings.Repeat("k", 40)}})
	if err != nil {
		t.Fatal(err)
	}
	got := fileMap(files)
	for _, want := range []string{"app.py", "tour.py"} {
		if _, ok := got[want]; !ok {
			t.Errorf("%s missing: a starter gets its parent's files and its own", want)
		}
	}
	if _, ok := got["t/__init__.py"]; ok {
		t.Error("the parent's omit did not apply")
	}

	_, err = Resolve(c, Answers{Name: "t", Framework: "web", UseCase: "tour", Extensions: []string{"orm-a"}})
	if err == nil || !strings.Contains(err.Error(), `does not work with extension "orm-a"`) {
		t.Errorf("error = %v, want the parent's conflict with orm-a inherited", err)
	}
	_, err = Resolve(c, Answers{Name: "t", Framework: "web", UseCase: "tour", Extensions: []string{"hash"}})
	if err == nil || !strings.Contains(err.Error(), `does not work with extension "hash"`) {
		t.Errorf("error = %v, want the tour's conflict with hash", err)
	}

	fsys["web/starters/tour/starter.yaml"].Data = []byte("id: tour\ntitle: Tour\nsummary: s\ndimension: learning curve\nextends: nope\n")
	if _, err := LoadCatalog(fsys, "blueprints"); err == nil || !strings.Contains(err.Error(), `extends "nope": no other starter`) {
		t.Errorf("error = %v, want an unknown parent refused", err)
	}
}
