package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/Masterminds/sprig/v3"
)

// File is one rendered file, in memory, at a slash-separated path relative to the project.
type File struct {
	Path string
	Data []byte
	Mode fs.FileMode
}

// Data is what templates see. Fields are stable names blueprint authors rely on.
type Data struct {
	Project
	Framework   string
	Database    string
	Python      string // minimum version, "3.11"
	Extensions  []string
	Packages    []string
	DevPackages []string
	Env         []EnvVar
	Version     string // pystart's own version, recorded in .pystart.yaml
	Answers     Answers
	// Starter is the use case whose starter is rendered ("cms"), or "" for the plain base.
	Starter string
	Year    int // the copyright year
	// Service and Route name the part being rendered inside a composition ("webhooks",
	// "/hooks/"; the main application is "web" with no route); empty for a project of its own.
	Service, Route string
	// Parent is the composition's project when rendering one of its parts ({{ .Parent.Name }}).
	Parent Project
	// Parts are a composition's projects, for the files around them (compose.yaml, the proxy
	// configuration, the Makefile); empty otherwise.
	Parts []PartData

	plan  *Plan
	slots map[string][]string
	// secrets maps secret variable names to fresh values, reached only through Secret.
	secrets map[string]string
}

// PartData is what a composition's own templates know of one of its projects.
type PartData struct {
	Project
	ID         string // "web" for the main application, else the service id
	Dir        string // "services/web"
	Framework  string
	Title      string // the service's title ("ML inference"), or the blueprint's
	Route      string // "/ml/"; "/" for the main application
	Port       int    // the loopback port `make dev` serves it on
	Starter    string
	Extensions []string
	// Env is the part's own environment variables, as in its .env.example (make env draws the
	// secret and key ones for a fresh clone).
	Env []EnvVar
}

// Has reports whether an extension is part of the project: {{ if .Has "login" }}. In a
// composition it asks about the main application.
func (d *Data) Has(id string) bool { return d.plan.Has(id) }

// HasService reports whether a composition includes a side service: {{ if .HasService "webhooks" }}.
func (d *Data) HasService(id string) bool { return slices.Contains(d.plan.ServiceIDs(), id) }

// Slot returns what the extensions contributed to a slot, in extension order. Naming a slot the
// blueprint does not declare is an error, so a typo in a template cannot silently drop lines.
func (d *Data) Slot(name string) ([]string, error) {
	if _, ok := d.plan.Blueprint.Slots[name]; !ok {
		return nil, fmt.Errorf("no slot %q in %s/blueprint.yaml", name, d.plan.Blueprint.ID)
	}
	return d.slots[name], nil
}

// Secret returns a secret variable's fresh value. Unlike index on .Secrets, a name without a
// value is an error, so a .env can never silently get an empty key.
func (d *Data) Secret(name string) (string, error) {
	v, ok := d.secrets[name]
	if !ok {
		return "", fmt.Errorf("no secret %q: declare it in an env entry with secret: N", name)
	}
	return v, nil
}

// funcMap is sprig's text functions without the two that read the environment: a blueprint must
// render the same bytes on every machine. It is built once per process (sprig builds a fresh
// map of some 200 functions on every call) and never modified: Funcs copies it into each
// template.
var funcMap = sync.OnceValue(func() template.FuncMap {
	m := sprig.TxtFuncMap()
	delete(m, "env")
	delete(m, "expandenv")
	for name, f := range regexFuncs {
		m[name] = f
	}
	return m
})

// regexFuncs replace sprig's regex functions, which compile their pattern on every call: the
// partials that tidy slot lines call them once per line, so a project compiled the same few
// patterns hundreds of times (a tenth of Render). These compile each pattern once per process
// and otherwise behave as sprig's do: a bad pattern panics (a template error naming the line),
// except in regexMatch, which reports false, and in the must* forms, which return the error.
var regexFuncs = template.FuncMap{
	"regexMatch": func(re, s string) bool {
		r, err := compileRegexp(re)
		return err == nil && r.MatchString(s)
	},
	"mustRegexMatch": func(re, s string) (bool, error) {
		r, err := compileRegexp(re)
		return err == nil && r.MatchString(s), err
	},
	"regexFindAll": func(re, s string, n int) []string { return mustRegexp(re).FindAllString(s, n) },
	"mustRegexFindAll": func(re, s string, n int) ([]string, error) {
		r, err := compileRegexp(re)
		if err != nil {
			return []string{}, err
		}
		return r.FindAllString(s, n), nil
	},
	"regexFind": func(re, s string) string { return mustRegexp(re).FindString(s) },
	"mustRegexFind": func(re, s string) (string, error) {
		r, err := compileRegexp(re)
		if err != nil {
			return "", err
		}
		return r.FindString(s), nil
	},
	"regexReplaceAll": func(re, s, repl string) string { return mustRegexp(re).ReplaceAllString(s, repl) },
	"mustRegexReplaceAll": func(re, s, repl string) (string, error) {
		r, err := compileRegexp(re)
		if err != nil {
			return "", err
		}
		return r.ReplaceAllString(s, repl), nil
	},
	"regexReplaceAllLiteral": func(re, s, repl string) string {
		return mustRegexp(re).ReplaceAllLiteralString(s, repl)
	},
	"mustRegexReplaceAllLiteral": func(re, s, repl string) (string, error) {
		r, err := compileRegexp(re)
		if err != nil {
			return "", err
		}
		return r.ReplaceAllLiteralString(s, repl), nil
	},
	"regexSplit": func(re, s string, n int) []string { return mustRegexp(re).Split(s, n) },
	"mustRegexSplit": func(re, s string, n int) ([]string, error) {
		r, err := compileRegexp(re)
		if err != nil {
			return []string{}, err
		}
		return r.Split(s, n), nil
	},
}

var regexps sync.Map // pattern -> *regexp.Regexp

func compileRegexp(re string) (*regexp.Regexp, error) {
	if r, ok := regexps.Load(re); ok {
		return r.(*regexp.Regexp), nil
	}
	r, err := regexp.Compile(re)
	if err != nil {
		return nil, err
	}
	regexps.Store(re, r)
	return r, nil
}

// mustRegexp is regexp.MustCompile, cached: it panics with the same message.
func mustRegexp(re string) *regexp.Regexp {
	r, err := compileRegexp(re)
	if err != nil {
		return regexp.MustCompile(re)
	}
	return r
}

// source is one file of a blueprint layer before rendering.
type source struct {
	name string // fs path, e.g. flask/files/app/__init__.py.tmpl
	out  string // output path, possibly templated, .tmpl dropped
	tmpl bool
}

// RenderOptions carries what does not come from the plan.
type RenderOptions struct {
	Secrets map[string]string
	Version string
	Year    int // for the LICENSE; 0 means the current year
}

// Render turns a plan into files in memory, sorted by path. Only .tmpl files are templates; every
// other file is copied byte for byte, so {{ }} in Jinja, Django and GitHub Actions files is safe.
// A .tmpl file that renders to nothing but whitespace is not emitted (that is how a base file is
// made conditional). Render reads nothing but the catalog's fs.FS and writes nothing.
func Render(p *Plan, opts RenderOptions) ([]File, error) {
	c := p.catalog
	b := p.Blueprint
	if opts.Year == 0 {
		opts.Year = time.Now().Year()
	}
	sources, err := p.sources()
	if err != nil {
		return nil, err
	}

	root := template.New("pystart").Funcs(funcMap()).Option("missingkey=error")
	for _, layer := range append(slices.Clone(b.Include), b.dir) {
		partials, err := fs.Glob(c.fsys, path.Join(layer, "partials", "*.tmpl"))
		if err != nil {
			return nil, err
		}
		for _, name := range partials {
			if err := c.parse(root, name); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range sources {
		if s.tmpl {
			if err := c.parse(root, s.name); err != nil {
				return nil, err
			}
		}
	}

	data := &Data{
		Project: p.Project, Framework: b.ID, Database: p.Answers.Database, Python: p.Answers.Python,
		Extensions: p.ExtensionIDs(), Packages: p.Packages(), DevPackages: p.DevPackages(), Env: p.Env(),
		Version: opts.Version, Answers: p.Answers, Starter: p.starterID(), Year: opts.Year, plan: p,
		slots: map[string][]string{}, secrets: opts.Secrets, Service: p.Service, Route: p.Route, Parent: p.Parent,
		Parts: p.partData(),
	}
	// Slot contributions are templates too (an import line may name the project's package).
	for _, e := range p.layers() {
		for _, slot := range sortedKeys(e.Contributes) {
			for i, text := range e.Contributes[slot] {
				name := fmt.Sprintf("%s#contributes.%s[%d]", c.name(path.Join(e.dir, e.manifest())), slot, i)
				out, err := execute(root, name, text, data)
				if err != nil {
					return nil, err
				}
				if strings.TrimSpace(out) == "" {
					continue // an entry for some projects only ({{ if not (.Has "bcrypt") }}...), like a file
				}
				data.slots[slot] = append(data.slots[slot], out)
			}
		}
	}

	// Templated output paths are parsed into root too, so they come first: a parsed template
	// may be executed in parallel, and the files are then rendered side by side, on every core.
	// Each source keeps its own error, and the first in source order is the one reported, as
	// when they were rendered one after another.
	outs := make([]string, len(sources))
	errs := make([]error, len(sources))
	for i, s := range sources {
		if outs[i] = s.out; !strings.Contains(s.out, "{{") {
			continue
		}
		if outs[i], errs[i] = execute(root, c.name(s.name)+" (path)", s.out, data); errs[i] == nil {
			if err := checkPath(outs[i]); err != nil {
				errs[i] = fmt.Errorf("%s: %w", c.name(s.name), err)
			}
		}
	}
	contents := make([][]byte, len(sources))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sources)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(sources); i = int(next.Add(1) - 1) {
				if errs[i] == nil {
					contents[i], errs[i] = renderSource(root, c, sources[i], data)
				}
			}
		})
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	files := make([]File, 0, len(sources))
	for i, s := range sources {
		if s.tmpl && len(bytes.TrimSpace(contents[i])) == 0 {
			continue
		}
		mode := fs.FileMode(0o644)
		if slices.Contains(b.Executable, outs[i]) {
			mode = 0o755
		}
		files = append(files, File{Path: outs[i], Data: contents[i], Mode: mode})
	}
	if dup := sortByPath(files); dup != "" {
		return nil, fmt.Errorf("two blueprint files render to %s: give one of them another name", dup)
	}
	return files, nil
}

// Step is one next-step line: its phase (see StepPhases) and what to show, "uv run pytest" or
// "open URL what for".
type Step struct{ Phase, Text string }

// NextSteps renders the next-step lines of the blueprint, extensions and starter for the
// finished project, in phase order; an open step that is a URL reads "open URL ...", one that
// is a command (done while the app runs: promote the account just registered) is printed as it
// is, in its place among them. Two open steps for one URL are one: the later layer's (a
// starter's "the tasks API" over its extension's "the API"), in the earlier's place.
func NextSteps(p *Plan) ([]Step, error) {
	root := template.New("pystart").Funcs(funcMap()).Option("missingkey=error")
	data := &Data{Project: p.Project, Framework: p.Blueprint.ID, Database: p.Answers.Database, Starter: p.starterID(), plan: p, Parts: p.partData()}
	var out []Step
	opened := map[string]int{}
	for i, step := range p.nextSteps() {
		phase, text := splitStep(step)
		s, err := execute(root, fmt.Sprintf("next_steps[%d]", i), text, data)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(s) == "" {
			continue // a step for some projects only ({{ if eq .Database "postgres" }}...)
		}
		if url, _, _ := strings.Cut(s, " "); phase == "open" && strings.Contains(url, "://") {
			s = "open " + s
			if at, ok := opened[url]; ok {
				out[at].Text = s
				continue
			}
			opened[url] = len(out)
		}
		out = append(out, Step{Phase: phase, Text: s})
	}
	return out, nil
}

func (p *Plan) starterID() string {
	if p.Starter == nil {
		return ""
	}
	return p.Starter.ID
}

// sources lists every file of the plan's layers: included layers, then the blueprint, then each
// extension, then the starter. The blueprint may replace a file of an included layer; extensions
// add files only. A starter is the project's domain code, so it may also replace a file (the
// home page of a blog is its post list) or omit base files (a single-file prototype).
func (p *Plan) sources() ([]source, error) {
	c := p.catalog
	b := p.Blueprint
	byOut := map[string]int{}
	var sources []source
	add := func(layerDir string, replace bool) error {
		root := path.Join(layerDir, "files")
		if _, err := fs.Stat(c.fsys, root); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fs.WalkDir(c.fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 {
				return fmt.Errorf("%s: is a symlink: blueprints may only contain files and folders", c.name(name))
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				return fmt.Errorf("%s: is not a regular file", c.name(name))
			}
			rel := strings.TrimPrefix(name, root+"/")
			// A blueprint's .gitignore is stored as _gitignore: under its real name it would
			// make git ignore the blueprint's own .env templates in any repository holding them.
			if path.Base(rel) == "_gitignore" {
				rel = path.Join(path.Dir(rel), ".gitignore")
			}
			s := source{name: name, out: rel}
			if strings.HasSuffix(rel, ".tmpl") {
				s.out, s.tmpl = strings.TrimSuffix(rel, ".tmpl"), true
			}
			if !strings.Contains(s.out, "{{") {
				if err := checkPath(s.out); err != nil {
					return fmt.Errorf("%s: %w", c.name(name), err)
				}
			}
			if i, ok := byOut[s.out]; ok {
				if !replace {
					return fmt.Errorf("%s: %s already provides %s: contribute to a slot instead of replacing the file", c.name(name), c.name(sources[i].name), s.out)
				}
				sources[i] = s
				return nil
			}
			byOut[s.out] = len(sources)
			sources = append(sources, s)
			return nil
		})
	}
	for _, layer := range b.Include {
		if err := add(layer, false); err != nil {
			return nil, err
		}
	}
	if err := add(b.dir, true); err != nil {
		return nil, err
	}
	// Omissions apply to the base: the blueprint's own files and its included layers'. The
	// blueprint omits from what it includes; a starter or an overlay from either.
	omit := map[string][]string{}
	for _, layer := range b.Include {
		omit[layer] = slices.Clone(b.Omit)
	}
	for _, e := range p.layers() {
		for _, layer := range append(slices.Clone(b.Include), b.dir) {
			omit[layer] = append(omit[layer], e.Omit...)
		}
	}
	if slices.ContainsFunc(slices.Collect(maps.Values(omit)), func(o []string) bool { return len(o) > 0 }) {
		kept := sources[:0]
		for _, src := range sources {
			layer, rel, _ := strings.Cut(src.name, "/files/")
			if !slices.ContainsFunc(omit[layer], func(prefix string) bool { return strings.HasPrefix(rel, prefix) }) {
				kept = append(kept, src)
			}
		}
		sources = kept
		clear(byOut)
		for i, src := range sources {
			byOut[src.out] = i
		}
	}
	for _, e := range p.Extensions {
		if err := add(e.dir, false); err != nil {
			return nil, err
		}
	}
	if s := p.Starter; s != nil {
		if s.parent != nil {
			if err := add(s.parent.dir, true); err != nil {
				return nil, err
			}
		}
		if err := add(s.dir, true); err != nil {
			return nil, err
		}
	}
	for _, o := range p.Overlays {
		if err := add(o.dir, true); err != nil {
			return nil, err
		}
	}
	return sources, nil
}

// renderSource is one file's content: its template executed, or its bytes as they are.
func renderSource(root *template.Template, c *Catalog, s source, data *Data) ([]byte, error) {
	if !s.tmpl {
		content, err := fs.ReadFile(c.fsys, s.name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", c.name(s.name), err)
		}
		return content, nil
	}
	var buf bytes.Buffer
	if err := root.ExecuteTemplate(&buf, c.name(s.name), data); err != nil {
		return nil, cleanTemplateError(err)
	}
	return buf.Bytes(), nil
}

func (c *Catalog) parse(root *template.Template, name string) error {
	cached, ok := c.parsed.Load(name)
	if !ok {
		text, err := fs.ReadFile(c.fsys, name)
		if err != nil {
			return fmt.Errorf("read %s: %w", c.name(name), err)
		}
		// What template.Parse does, without a template of its own to hold the result: the
		// trees (the file and what it defines) can then join any root.
		trees, err := parse.Parse(c.name(name), string(text), "", "", parseFuncs())
		if err != nil {
			return cleanTemplateError(err)
		}
		cached, _ = c.parsed.LoadOrStore(name, trees)
	}
	for name, tree := range cached.(map[string]*parse.Tree) {
		if _, err := root.AddParseTree(name, tree); err != nil {
			return err
		}
	}
	return nil
}

// parseFuncs are the function names a template may call, for the parser, which checks only that
// a name exists: funcMap's and text/template's builtins. The root template's own maps supply the
// functions when it executes.
var parseFuncs = sync.OnceValue(func() map[string]any {
	names := map[string]any{}
	for name, f := range funcMap() {
		names[name] = f
	}
	for _, name := range strings.Fields("and call html index slice js len not or print printf println urlquery eq ge gt le lt ne") {
		names[name] = fmt.Sprint // any non-nil value: the parser looks only at the name
	}
	return names
})

// execute renders a small inline template (a path, a slot line) with the blueprint's partials.
// Text without "{{" has no action, so it renders as itself: most slot lines are plain (a package
// name, a settings line), and parsing each as a template of its own was a fifth of Render.
func execute(root *template.Template, name, text string, data any) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	t, err := root.New(name).Parse(text)
	if err != nil {
		return "", cleanTemplateError(err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", cleanTemplateError(err)
	}
	return buf.String(), nil
}

var execError = regexp.MustCompile(`^template: (.+?): executing "[^"]*" at (<.*?>): (.*)$`)

// cleanTemplateError turns text/template's message into one line that starts with file:line:col,
// the form editors and terminals make clickable.
func cleanTemplateError(err error) error {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if m := execError.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s: %s (at %s)", m[1], m[3], m[2])
		// A method's error reads "error calling Slot: ..."; the method name is noise to authors.
		msg = regexp.MustCompile(`error calling \w+: `).ReplaceAllString(msg, "")
		return errors.New(msg)
	}
	return errors.New(strings.TrimPrefix(msg, "template: "))
}

// checkPath refuses an output path that could land outside the project: absolute, with "..",
// empty segments, or a backslash that Windows would read as a separator.
func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || strings.Contains(p, `\`) || strings.HasPrefix(p, "/") ||
		(len(p) > 1 && p[1] == ':') {
		return fmt.Errorf("output path %q must be relative to the project", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("output path %q must stay inside the project (no empty, . or .. segments)", p)
		}
	}
	if p == ".git" || strings.HasPrefix(p, ".git/") {
		return fmt.Errorf("output path %q is inside .git, which pystart creates itself", p)
	}
	return nil
}
