package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Dimensions are the axes of the Flask-vs-Django comparison pystart is built on. Every blueprint
// and extension says which one it serves, so listings and the recommender speak the same terms.
var Dimensions = []string{
	"admin panel", "ORM", "authentication", "security", "REST APIs",
	"performance", "learning curve", "scalability", "flexibility", "team structure",
}

// Catalog is every blueprint found in a blueprint tree, with its extensions, validated.
type Catalog struct {
	// Origin prefixes file names in messages ("blueprints" for the built-in tree, or a directory).
	Origin     string
	fsys       fs.FS
	Blueprints []*Blueprint // sorted by ID; only one when loaded with LoadCatalogFor
	ids        []string     // every blueprint's, loaded or not
	// parsed holds each template file's parse trees (file name -> map[string]*parse.Tree), so a
	// process that renders the same blueprint several times (the hybrid's side services) parses
	// each file once. Trees are read-only once parsed, so renders share them.
	parsed sync.Map
}

// Blueprint is a framework's base starter: blueprints/<id>/blueprint.yaml plus its files/ tree.
type Blueprint struct {
	ID          string              `yaml:"id"`
	Title       string              `yaml:"title"`
	Summary     string              `yaml:"summary"`
	Dimensions  []string            `yaml:"dimensions"`
	Include     []string            `yaml:"include"` // shared layers rendered first (e.g. "common")
	Packages    []string            `yaml:"packages"`
	DevPackages []string            `yaml:"dev_packages"`
	Databases   map[string]Database `yaml:"databases"`
	// DefaultDatabase is the one a project gets when none is asked for (sqlite when unset).
	DefaultDatabase string            `yaml:"default_database"`
	Slots           map[string]string `yaml:"slots"` // slot name -> what contributions to it mean
	Env             []EnvVar          `yaml:"env"`
	Executable      []string          `yaml:"executable"` // output paths that get mode 0755
	NextSteps       []string          `yaml:"next_steps"`
	// Imports are the top-level Python modules the blueprint's code and packages bring in (see
	// Extension.Imports).
	Imports []string `yaml:"imports"`
	// Omit drops files of the included layers this blueprint does without, by path prefix in
	// their files/ (the hybrid keeps its .env files in each service).
	Omit []string `yaml:"omit"`
	// Hybrid makes this blueprint a composition of others: a main application and side services,
	// each rendered from its own blueprint into a folder of the project (see hybrid.go).
	Hybrid *HybridSpec `yaml:"hybrid"`

	Extensions []*Extension `yaml:"-"` // sorted by ID
	// Starters are the use-case starters (starters/<use-case>/starter.yaml): the domain code a
	// use case begins with, layered over the base and its extensions. Sorted by ID.
	Starters []*Extension `yaml:"-"`
	dir      string
}

// Database is one --db choice of a blueprint.
type Database struct {
	Title    string   `yaml:"title"`
	Packages []string `yaml:"packages"`
	Env      []EnvVar `yaml:"env"`
}

// EnvVar is a variable the generated project reads. Secret variables get a fresh random value
// of Secret characters in the untracked .env and a placeholder in the committed .env.example.
type EnvVar struct {
	Name    string `yaml:"name"`
	Example string `yaml:"example"`
	Comment string `yaml:"comment"`
	Secret  int    `yaml:"secret"`
	// Key is "private" or "public": the two halves of one ES256 (P-256) key pair drawn per project,
	// written as PEM in a double-quoted value with \n escapes (python-dotenv and compose read it).
	Key string `yaml:"key"`
}

// Extension is an overlay on a blueprint: blueprints/<blueprint>/extensions/<id>/extension.yaml,
// its own files/ tree, and lines it contributes to the blueprint's slots.
type Extension struct {
	ID          string              `yaml:"id"`
	Title       string              `yaml:"title"`
	Summary     string              `yaml:"summary"`
	Dimension   string              `yaml:"dimension"`
	Requires    []string            `yaml:"requires"` // "a|b" means either
	Conflicts   []string            `yaml:"conflicts"`
	Implies     []string            `yaml:"implies"`
	Packages    []string            `yaml:"packages"`
	DevPackages []string            `yaml:"dev_packages"`
	Env         []EnvVar            `yaml:"env"`
	Contributes map[string][]string `yaml:"contributes"`
	NextSteps   []string            `yaml:"next_steps"`
	// Imports are the top-level Python modules the layer brings in: what its code imports and
	// what its packages import in turn (PyJWT's jwt under flask-jwt-extended). A project whose
	// package has one of these names would be imported in its place, so Resolve refuses it.
	Imports []string `yaml:"imports"`
	// Omit (starters only) drops base files whose path in files/ starts with one of these
	// prefixes: a single-file prototype has no package folder.
	Omit []string `yaml:"omit"`
	// Extends (starters only) names another starter of the blueprint whose files, omissions and
	// conflicts this one builds on: learning is the prototype plus a tour.
	Extends string `yaml:"extends"`

	starter bool
	parent  *Extension // the starter named by Extends
	dir     string
	file    string // the manifest's name: extension.yaml, starter.yaml, overlay.yaml or service.yaml
}

// Blueprint returns the blueprint with the given id, or nil.
func (c *Catalog) Blueprint(id string) *Blueprint {
	for _, b := range c.Blueprints {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// IDs lists the blueprint ids, for messages and completion: every blueprint's, also those
// LoadCatalogFor left unread (an id is its folder's name).
func (c *Catalog) IDs() []string {
	return slices.Clone(c.ids)
}

// Extension returns the extension with the given id, or nil.
func (b *Blueprint) Extension(id string) *Extension {
	i, ok := slices.BinarySearchFunc(b.Extensions, id, func(e *Extension, id string) int { return strings.Compare(e.ID, id) })
	if !ok {
		return nil
	}
	return b.Extensions[i]
}

// Starter returns the use-case starter with the given id, or nil (not every use case has one
// for every framework: a cms built on Flask starts from the plain base).
func (b *Blueprint) Starter(id string) *Extension {
	for _, s := range b.Starters {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// StarterIDs lists the use cases that have a starter in this blueprint, in order.
func (b *Blueprint) StarterIDs() []string {
	ids := make([]string, len(b.Starters))
	for i, s := range b.Starters {
		ids[i] = s.ID
	}
	return ids
}

// ExtensionIDs lists the extension ids of a blueprint in order.
func (b *Blueprint) ExtensionIDs() []string {
	ids := make([]string, len(b.Extensions))
	for i, e := range b.Extensions {
		ids[i] = e.ID
	}
	return ids
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// LoadCatalog reads every blueprint under fsys. A folder at the top is a blueprint when it has a
// blueprint.yaml; others (common/) are layers that blueprints include. Manifests are decoded
// strictly, so a misspelt key fails here with its file and line rather than being ignored.
func LoadCatalog(fsys fs.FS, origin string) (*Catalog, error) {
	return loadCatalog(fsys, origin, "")
}

// LoadCatalogFor reads only the blueprint id, as LoadCatalog reads each one, for a run that has
// chosen its framework: decoding the other blueprints' manifests was half the time of loading
// the catalog. IDs still lists every blueprint, so an id that is none of them fails in Resolve
// as with the whole catalog. A mistake in another blueprint goes unnoticed: use it on a tree
// that is checked whole elsewhere, as the tests check the built-in blueprints.
func LoadCatalogFor(fsys fs.FS, origin, id string) (*Catalog, error) {
	return loadCatalog(fsys, origin, id)
}

// loadCatalog reads the blueprint only, or every blueprint when only is "".
func loadCatalog(fsys fs.FS, origin, only string) (*Catalog, error) {
	c := &Catalog{Origin: origin, fsys: fsys}
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", origin, err)
	}
	var dirs []string
	for _, d := range top {
		if !d.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(d.Name(), "blueprint.yaml")); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		dirs = append(dirs, d.Name())
	}
	c.ids = dirs
	if only != "" {
		dirs = slices.DeleteFunc(slices.Clone(dirs), func(dir string) bool { return dir != only })
	}
	// Decoding the manifests is most of the time `pystart new` spends before rendering, and they
	// are independent: blueprints load side by side. The first error in folder order is reported,
	// as when they loaded one after another.
	c.Blueprints = make([]*Blueprint, len(dirs))
	errs := make([]error, len(dirs))
	var wg sync.WaitGroup
	for i, dir := range dirs {
		wg.Go(func() { c.Blueprints[i], errs[i] = c.loadBlueprint(dir) })
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	if len(c.ids) == 0 {
		return nil, fmt.Errorf("%s: no blueprint found (a blueprint is a folder with a blueprint.yaml)", origin)
	}
	// A hybrid names other blueprints: a load of the hybrid alone reads those too, and the
	// hybrid is completed once they are all loaded.
	for _, b := range slices.Clone(c.Blueprints) {
		if b.Hybrid == nil {
			continue
		}
		for _, id := range []string{b.Hybrid.Main.Blueprint, b.Hybrid.Services.Blueprint} {
			if c.Blueprint(id) == nil && slices.Contains(c.ids, id) {
				dep, err := c.loadBlueprint(id)
				if err != nil {
					return nil, err
				}
				c.Blueprints = append(c.Blueprints, dep)
			}
		}
	}
	slices.SortFunc(c.Blueprints, func(a, b *Blueprint) int { return strings.Compare(a.ID, b.ID) })
	for _, b := range c.Blueprints {
		if b.Hybrid != nil {
			if err := c.loadHybrid(b); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

func (c *Catalog) name(p string) string { return path.Join(c.Origin, p) }

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalog) loadBlueprint(dir string) (*Blueprint, error) {
	file := path.Join(dir, "blueprint.yaml")
	b := &Blueprint{dir: dir}
	if err := c.decode(file, b); err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", c.name(file), fmt.Sprintf(format, args...))
	}
	if b.ID != dir {
		return nil, fail("id %q must match its folder %q", b.ID, dir)
	}
	if b.Title == "" || b.Summary == "" {
		return nil, fail("title and summary are required")
	}
	for _, d := range b.Dimensions {
		if !slices.Contains(Dimensions, d) {
			return nil, fail("unknown dimension %q (one of: %s)", d, strings.Join(Dimensions, ", "))
		}
	}
	if len(b.Databases) == 0 {
		return nil, fail("databases: at least one is required")
	}
	if b.DefaultDatabase == "" {
		b.DefaultDatabase = DefaultDatabase
	}
	if _, ok := b.Databases[b.DefaultDatabase]; !ok {
		return nil, fail("default_database %q: not one of its databases", b.DefaultDatabase)
	}
	for _, layer := range b.Include {
		if _, err := fs.Stat(c.fsys, path.Join(layer, "files")); err != nil {
			return nil, fail("include %q: no folder %s", layer, c.name(path.Join(layer, "files")))
		}
	}
	if _, err := fs.Stat(c.fsys, path.Join(dir, "files")); err != nil {
		return nil, fail("missing its files/ folder")
	}
	if err := checkEnv(b.Env); err != nil {
		return nil, fail("%v", err)
	}
	if err := checkImports(b.Imports); err != nil {
		return nil, fail("%v", err)
	}
	for id, db := range b.Databases {
		if err := checkEnv(db.Env); err != nil {
			return nil, fail("databases.%s: %v", id, err)
		}
	}

	extDir := path.Join(dir, "extensions")
	entries, err := fs.ReadDir(c.fsys, extDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", c.name(extDir), err)
	}
	var extDirs []string
	for _, d := range entries {
		if !d.IsDir() {
			return nil, fmt.Errorf("%s: only extension folders belong here", c.name(path.Join(extDir, d.Name())))
		}
		extDirs = append(extDirs, path.Join(extDir, d.Name()))
	}
	startDir := path.Join(dir, "starters")
	entries, err = fs.ReadDir(c.fsys, startDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", c.name(startDir), err)
	}
	var startDirs []string
	for _, d := range entries {
		if !d.IsDir() {
			return nil, fmt.Errorf("%s: only starter folders belong here", c.name(path.Join(startDir, d.Name())))
		}
		startDirs = append(startDirs, path.Join(startDir, d.Name()))
	}
	// Extensions and starters are decoded side by side (see LoadCatalog); the first error in
	// folder order, extensions before starters, is the one reported.
	layers := make([]*Extension, len(extDirs)+len(startDirs))
	errs := make([]error, len(layers))
	var wg sync.WaitGroup
	for i, d := range slices.Concat(extDirs, startDirs) {
		manifest := "extension.yaml"
		if i >= len(extDirs) {
			manifest = "starter.yaml"
		}
		wg.Go(func() { layers[i], errs[i] = c.loadLayer(b, d, manifest) })
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	b.Extensions = layers[:len(extDirs)]
	sort.Slice(b.Extensions, func(i, j int) bool { return b.Extensions[i].ID < b.Extensions[j].ID })
	for _, s := range layers[len(extDirs):] {
		s.starter = true
		b.Starters = append(b.Starters, s)
	}
	for _, s := range b.Starters {
		if s.Extends == "" {
			continue
		}
		file := c.name(path.Join(s.dir, "starter.yaml"))
		if s.parent = b.Starter(s.Extends); s.parent == nil || s.parent == s {
			return nil, fmt.Errorf("%s: extends %q: no other starter of that name in %s (have: %s)", file, s.Extends, b.ID, strings.Join(b.StarterIDs(), ", "))
		}
		if s.parent.Extends != "" {
			return nil, fmt.Errorf("%s: extends %q, which extends another starter: extend the first one", file, s.Extends)
		}
		s.Omit = sortedUnique(slices.Concat(s.parent.Omit, s.Omit))
		s.Conflicts = sortedUnique(slices.Concat(s.parent.Conflicts, s.Conflicts))
	}

	// References are checked once every extension is known, so their order on disk does not matter.
	for _, e := range slices.Concat(b.Extensions, b.Starters) {
		file := c.name(path.Join(e.dir, e.manifest()))
		refs := map[string][]string{"requires": e.Requires, "conflicts": e.Conflicts, "implies": e.Implies}
		for _, key := range []string{"requires", "conflicts", "implies"} {
			for _, ref := range refs[key] {
				for _, id := range strings.Split(ref, "|") {
					if b.Extension(id) == nil {
						return nil, fmt.Errorf("%s: %s %q: no such extension in %s (have: %s)", file, key, id, b.ID, strings.Join(b.ExtensionIDs(), ", "))
					}
					if id == e.ID {
						return nil, fmt.Errorf("%s: %s names the extension itself", file, key)
					}
				}
			}
		}
	}
	for _, p := range b.Executable {
		if !c.hasOutput(b, p) {
			return nil, fail("executable %q: no such file in %s", p, c.name(path.Join(dir, "files")))
		}
	}
	return b, nil
}

// manifest is the file name of the layer's manifest.
func (e *Extension) manifest() string { return e.file }

// loadLayer reads an extension or a starter: the same manifest, in extensions/<id>/extension.yaml
// or starters/<use-case>/starter.yaml (and a hybrid's overlays, overlays/<id>/overlay.yaml).
func (c *Catalog) loadLayer(b *Blueprint, dir, manifest string) (*Extension, error) {
	file := path.Join(dir, manifest)
	if _, err := fs.Stat(c.fsys, file); err != nil {
		return nil, fmt.Errorf("%s: missing %s", c.name(dir), manifest)
	}
	e := &Extension{dir: dir, file: manifest}
	if err := c.decode(file, e); err != nil {
		return nil, err
	}
	if err := c.checkLayer(b, e); err != nil {
		return nil, err
	}
	return e, nil
}

// checkLayer validates a decoded layer manifest against the blueprint it applies to.
func (c *Catalog) checkLayer(b *Blueprint, e *Extension) error {
	dir, manifest := e.dir, e.file
	file := path.Join(dir, manifest)
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", c.name(file), fmt.Sprintf(format, args...))
	}
	if e.ID != path.Base(dir) {
		return fail("id %q must match its folder %q", e.ID, path.Base(dir))
	}
	if !idPattern.MatchString(e.ID) {
		return fail("id %q: use lower-case letters, digits and dashes", e.ID)
	}
	if e.Title == "" || e.Summary == "" {
		return fail("title and summary are required")
	}
	if !slices.Contains(Dimensions, e.Dimension) {
		return fail("dimension %q: one of %s", e.Dimension, strings.Join(Dimensions, ", "))
	}
	for slot := range e.Contributes {
		if _, ok := b.Slots[slot]; !ok {
			return fail("contributes to %q, which %s does not have (slots: %s)", slot, b.ID, strings.Join(sortedKeys(b.Slots), ", "))
		}
	}
	if err := checkEnv(e.Env); err != nil {
		return fail("%v", err)
	}
	if err := checkImports(e.Imports); err != nil {
		return fail("%v", err)
	}
	if len(e.Omit) > 0 && manifest == "extension.yaml" {
		return fail("omit: only a starter or an overlay may drop base files")
	}
	if e.Extends != "" && manifest != "starter.yaml" {
		return fail("extends: only a starter may extend another")
	}
	return nil
}

var envName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

func checkEnv(vars []EnvVar) error {
	for _, v := range vars {
		if !envName.MatchString(v.Name) {
			return fmt.Errorf("env %q: names are upper-case letters, digits and underscores", v.Name)
		}
		if v.Secret < 0 || (v.Secret > 0 && v.Secret < 32) {
			return fmt.Errorf("env %s: secret length %d: use 0 (not secret) or at least 32", v.Name, v.Secret)
		}
		if v.Key != "" && (v.Key != "private" && v.Key != "public" || v.Secret != 0) {
			return fmt.Errorf("env %s: key %q: \"private\" or \"public\", without secret", v.Name, v.Key)
		}
	}
	return nil
}

// importName is a top-level Python module: an identifier, no dots (jwt, not jwt.algorithms).
var importName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// checkImports refuses an imports entry that could never equal a package name, so a typo
// ("flask-jwt-extended", the distribution's name) fails at load instead of never matching.
func checkImports(names []string) error {
	for _, n := range names {
		if !importName.MatchString(n) {
			return fmt.Errorf("imports %q: a top-level module name (letters, digits and underscores, e.g. flask_jwt_extended)", n)
		}
	}
	return nil
}

// hasOutput reports whether a blueprint's own tree (or an included layer) produces path p.
func (c *Catalog) hasOutput(b *Blueprint, p string) bool {
	for _, layer := range append(slices.Clone(b.Include), b.dir) {
		for _, name := range []string{p, p + ".tmpl"} {
			if _, err := fs.Stat(c.fsys, path.Join(layer, "files", name)); err == nil {
				return true
			}
		}
	}
	return false
}

// decode reads one manifest strictly: unknown keys and type mismatches are errors that name the
// file and line, turned into one line for the terminal.
func (c *Catalog) decode(file string, v any) error {
	data, err := fs.ReadFile(c.fsys, file)
	if err != nil {
		return fmt.Errorf("read %s: %w", c.name(file), err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %s", c.name(file), yamlMessage(err, v))
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
