package generator

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pystart/pystart/blueprints"
)

// importScope is what one built-in blueprint can render: the manifests that may declare imports
// and the folders whose files/ (and contributions) import modules.
type importScope struct {
	declared map[string]bool // every imports entry of the blueprint and its layers
	local    map[string]bool // top-level modules the generated projects have of their own
	sources  []codeFolder
}

// codeFolder is one manifest with its files/ folder (dir "" for none).
type codeFolder struct {
	name        string // for messages: blueprints/flask/extensions/jwt
	dir         string
	contributes map[string][]string
}

// TestImportsDeclared keeps every manifest's imports list true to its code: each top-level
// module a built-in blueprint's Python files (or slot contributions) import must be declared by
// the blueprint or one of its layers, unless it is the standard library, relative, or a module
// of the generated project itself. Otherwise a project named after it would be accepted and
// import itself instead (pystart new jwt --ext jwt).
func TestImportsDeclared(t *testing.T) {
	fsys := blueprints.FS()
	c, err := LoadCatalog(fsys, "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	stdlib := strings.Fields(stdlibModules)
	for _, b := range c.Blueprints {
		scope := newImportScope(t, fsys, c, b)
		for _, src := range scope.sources {
			for name, where := range moduleImports(t, fsys, src) {
				if slices.Contains(stdlib, name) || name == "__future__" || scope.local[name] || scope.declared[name] {
					continue
				}
				t.Errorf("%s: %s imports %s, which no layer of %s declares: add it to the imports of the manifest that brings it in", src.name, where, name, b.ID)
			}
		}
	}
}

// newImportScope collects a blueprint's layers; a composition includes its parts' blueprints.
func newImportScope(t *testing.T, fsys fs.FS, c *Catalog, b *Blueprint) *importScope {
	t.Helper()
	s := &importScope{declared: map[string]bool{}, local: map[string]bool{}}
	s.addBlueprint(t, fsys, c, b)
	if h := b.Hybrid; h != nil {
		// The parts' blueprints declare what the overlays and services build on; their own
		// files are checked with their blueprints.
		for _, part := range []*Blueprint{h.main, h.services} {
			sub := newImportScope(t, fsys, c, part)
			maps.Copy(s.declared, sub.declared)
			maps.Copy(s.local, sub.local)
		}
		for _, e := range []*Extension{h.web, h.common} {
			s.addLayer(t, fsys, c, e)
		}
		for _, svc := range h.Catalog {
			s.addLayer(t, fsys, c, &svc.Extension)
			s.local[strings.ReplaceAll(svc.ID, "-", "_")] = true // the service's package
		}
	}
	return s
}

func (s *importScope) addBlueprint(t *testing.T, fsys fs.FS, c *Catalog, b *Blueprint) {
	for _, n := range b.Imports {
		s.declared[n] = true
	}
	for _, layer := range b.Include {
		s.addSource(t, fsys, codeFolder{name: c.name(layer), dir: layer})
	}
	s.addSource(t, fsys, codeFolder{name: c.name(b.dir), dir: b.dir})
	for _, e := range slices.Concat(b.Extensions, b.Starters) {
		s.addLayer(t, fsys, c, e)
	}
}

func (s *importScope) addLayer(t *testing.T, fsys fs.FS, c *Catalog, e *Extension) {
	for _, n := range e.Imports {
		s.declared[n] = true
	}
	s.addSource(t, fsys, codeFolder{name: c.name(e.dir), dir: e.dir, contributes: e.Contributes})
}

// addSource records a folder and the top-level names its files/ tree gives a project: a file
// app.py or a folder config/ is the project's own module, not a dependency.
func (s *importScope) addSource(t *testing.T, fsys fs.FS, src codeFolder) {
	t.Helper()
	s.sources = append(s.sources, src)
	entries, err := fs.ReadDir(fsys, path.Join(src.dir, "files"))
	if err != nil {
		return // a layer without files
	}
	for _, e := range entries {
		name := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".tmpl"), ".py")
		s.local[name] = true
	}
}

var (
	templateAction = regexp.MustCompile(`\{\{.*?\}\}`)
	// fromImport and plainImport match a statement at any indentation (imports inside a
	// function count too); quotedImport finds one written as a string in a template action
	// ((list "import os")).
	fromImport   = regexp.MustCompile(`^\s*from\s+([A-Za-z_][A-Za-z0-9_]*)[A-Za-z0-9_.]*\s+import\b`)
	plainImport  = regexp.MustCompile(`^\s*import\s+([A-Za-z_][A-Za-z0-9_.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][A-Za-z0-9_.]*(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$`)
	quotedImport = regexp.MustCompile(`"(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)`)
)

// moduleImports maps each top-level module a source imports to one place that imports it.
func moduleImports(t *testing.T, fsys fs.FS, src codeFolder) map[string]string {
	t.Helper()
	found := map[string]string{}
	scan := func(where, text string, numbered bool) {
		for i, line := range strings.Split(text, "\n") {
			at := where
			if numbered {
				at += ":" + strconv.Itoa(i+1)
			}
			for _, name := range lineImports(line) {
				if _, ok := found[name]; !ok {
					found[name] = at
				}
			}
		}
	}
	root := path.Join(src.dir, "files")
	fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".py.tmpl")) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			t.Fatal(err)
		}
		scan(strings.TrimPrefix(p, src.dir+"/"), string(data), true)
		return nil
	})
	for _, slot := range sortedKeys(src.contributes) {
		if slot == "readme" {
			continue // Markdown: its code blocks are examples ("import httpx  # or any HTTP client")
		}
		for _, entry := range src.contributes[slot] {
			scan("its contribution to "+slot, entry, false)
		}
	}
	return found
}

// lineImports returns the top-level modules one line of Python (or of a template) imports.
func lineImports(line string) []string {
	var names []string
	for _, action := range templateAction.FindAllString(line, -1) {
		for _, m := range quotedImport.FindAllStringSubmatch(action, -1) {
			names = append(names, m[1])
		}
	}
	line = templateAction.ReplaceAllString(line, "")
	if m := fromImport.FindStringSubmatch(line); m != nil {
		return append(names, m[1])
	}
	if m := plainImport.FindStringSubmatch(line); m != nil {
		for _, part := range strings.Split(m[1], ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(part), " ")
			top, _, _ := strings.Cut(name, ".")
			names = append(names, top)
		}
	}
	sort.Strings(names)
	return names
}
