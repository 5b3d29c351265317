package generator

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

func renderWith(t *testing.T, fsys fstest.MapFS, a Answers) ([]File, error) {
	t.Helper()
	c := mustLoad(t, fsys)
	p, err := Resolve(c, a)
	if err != nil {
		t.Fatal(err)
	}
	return Render(p, RenderOptions{Secrets: map[string]string{"SECRET_KEY": "s3cret-value-for-tests-only-0123456789ab"}, Version: "v1.0.0"})
}

func fileMap(files []File) map[string]File {
	m := map[string]File{}
	for _, f := range files {
		m[f.Path] = f
	}
	return m
}

func TestRender(t *testing.T) {
	files, err := renderWith(t, testFS(), Answers{Name: "my-shop", Framework: "web", Extensions: []string{"login", "orm-b"}})
	if err != nil {
		t.Fatal(err)
	}
	got := fileMap(files)
	want := map[string]string{
		".env":                "SECRET_KEY=s3cret-value-for-tests-only-0123456789ab\nDEBUG=1\n",
		".gitignore":          ".env\n",
		"NOTES.md":            "web notes replace common ones\n",
		"raw.html":            "{{ not rendered }} {% block %}\n",
		"my_shop/__init__.py": "# My Shop\nlogin.init(my_shop)\n",
		"my_shop/b.py":        "b\n",
		"optional.txt":        "login is on\n",
		"login.py":            "# login\n",
		"run.sh":              "#!/bin/sh\n",
	}
	for path, content := range want {
		f, ok := got[path]
		if !ok {
			t.Errorf("missing %s", path)
			continue
		}
		if string(f.Data) != content {
			t.Errorf("%s = %q, want %q", path, f.Data, content)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rendered %d files, want %d: %v", len(got), len(want), paths(files))
	}
	if got["run.sh"].Mode != 0o755 || got["NOTES.md"].Mode != 0o644 {
		t.Errorf("modes: run.sh %v, NOTES.md %v", got["run.sh"].Mode, got["NOTES.md"].Mode)
	}
	for i := 1; i < len(files); i++ {
		if files[i-1].Path >= files[i].Path {
			t.Fatalf("files not sorted: %s before %s", files[i-1].Path, files[i].Path)
		}
	}
}

func TestRenderSkipsWhitespaceOnlyTemplates(t *testing.T) {
	files, err := renderWith(t, testFS(), Answers{Name: "shop", Framework: "web"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fileMap(files)["optional.txt"]; ok {
		t.Fatal("optional.txt rendered to whitespace but was emitted")
	}
}

// TestRenderSkipsWhitespaceOnlyContributions: a slot entry that renders to nothing (one for
// some projects only) is left out, as a file would be, instead of leaving an empty entry.
func TestRenderSkipsWhitespaceOnlyContributions(t *testing.T) {
	fsys := testFS()
	fsys["web/extensions/hash/extension.yaml"] = &fstest.MapFile{Data: []byte("id: hash\ntitle: Hash\nsummary: hashing\ndimension: security\ncontributes:\n  init:\n    - \"{{ if .Has \\\"orm-a\\\" }}hash.cheap(){{ end }}\"\n    - \"hash.init()\"\n")}
	for _, tt := range []struct {
		orm, want string
	}{
		{"orm-a", "# Shop\nhash.cheap()\nhash.init()\nlogin.init(shop)\n"},
		{"orm-b", "# Shop\nhash.init()\nlogin.init(shop)\n"},
	} {
		files, err := renderWith(t, fsys, Answers{Name: "shop", Framework: "web", Extensions: []string{"login", tt.orm}})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(fileMap(files)["shop/__init__.py"].Data); got != tt.want {
			t.Errorf("with %s: __init__.py = %q, want %q", tt.orm, got, tt.want)
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a := Answers{Name: "shop", Framework: "web", Extensions: []string{"login", "orm-a"}}
	first, err := renderWith(t, testFS(), a)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := renderWith(t, testFS(), a)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatal("file count changed between renders")
		}
		for i := range first {
			if first[i].Path != again[i].Path || !bytes.Equal(first[i].Data, again[i].Data) {
				t.Fatalf("%s differs between renders", first[i].Path)
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		text string
		want string
	}{
		{"missing key names file line and column", "web/files/app.py.tmpl", "ok\n{{ .Nope }}\n",
			`blueprints/web/files/app.py.tmpl:2:3: can't evaluate field Nope in type *generator.Data (at <.Nope>)`},
		{"parse error names file and line", "web/files/app.py.tmpl", "ok\n{{ if }}\n",
			`blueprints/web/files/app.py.tmpl:2: missing value for if`},
		{"env is not available", "web/files/app.py.tmpl", `{{ env "HOME" }}`,
			`blueprints/web/files/app.py.tmpl:1: function "env" not defined`},
		{"expandenv is not available", "web/files/app.py.tmpl", `{{ expandenv "$HOME" }}`,
			`blueprints/web/files/app.py.tmpl:1: function "expandenv" not defined`},
		{"undeclared slot", "web/files/app.py.tmpl", `{{ range .Slot "urls" }}{{ end }}`,
			`blueprints/web/files/app.py.tmpl:1:9: no slot "urls" in web/blueprint.yaml (at <.Slot>)`},
		{"missing secret", "web/files/app.py.tmpl", `{{ .Secret "NOPE" }}`,
			`blueprints/web/files/app.py.tmpl:1:3: no secret "NOPE": declare it in an env entry with secret: N (at <.Secret>)`},
		{"templated path escaping the project", "web/files/{{ \"..\" }}/evil.txt", "x",
			`blueprints/web/files/{{ ".." }}/evil.txt: output path "../evil.txt" must stay inside the project`},
		{"absolute templated path", "web/files/{{ \"/etc\" }}/evil.txt", "x",
			`output path "/etc/evil.txt" must be relative to the project`},
		{"path into .git", "web/files/.git/config", "x",
			`blueprints/web/files/.git/config: output path ".git/config" is inside .git`},
		{"extension replacing a base file", "web/extensions/login/files/NOTES.md", "x",
			`blueprints/web/extensions/login/files/NOTES.md: blueprints/web/files/NOTES.md already provides NOTES.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS()
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			_, err := renderWith(t, fsys, Answers{Name: "shop", Framework: "web", Extensions: []string{"login", "orm-a"}})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error\n got: %s\nwant: %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("not one line: %q", err)
			}
		})
	}
}

func TestRenderRefusesSymlinks(t *testing.T) {
	fsys := testFS()
	fsys["web/files/link"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: 0o777 | 1<<27}
	_, err := renderWith(t, fsys, Answers{Name: "shop", Framework: "web"})
	if err == nil || !strings.Contains(err.Error(), "blueprints/web/files/link: is a symlink") {
		t.Fatalf("error = %v, want a symlink refusal", err)
	}
}

func paths(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}
