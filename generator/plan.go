package generator

import (
	"fmt"
	"slices"
	"strings"
)

// Answers is everything a user decides about a project, however it was asked: flags, an answers
// file or the wizard. It is what .pystart.yaml records, so it never holds secrets.
type Answers struct {
	Name       string   `yaml:"name"`
	Framework  string   `yaml:"framework"`
	Extensions []string `yaml:"extensions"`
	// Without names implied extensions the user turned off (login implies bcrypt unless told not to).
	Without  []string `yaml:"without,omitempty"`
	Database string   `yaml:"database"`
	Python   string   `yaml:"python"`
	// License is one of Licenses, or empty for no LICENSE file; Author is its copyright holder
	// (and the project's author in pyproject.toml).
	License string `yaml:"license,omitempty"`
	Author  string `yaml:"author,omitempty"`

	// What the recommender was told; recorded so a replay explains itself. Empty when the
	// framework was chosen directly.
	UseCase          string   `yaml:"use_case,omitempty"`
	Team             string   `yaml:"team,omitempty"`
	Admin            bool     `yaml:"admin,omitempty"`
	SecurityCritical bool     `yaml:"security_critical,omitempty"`
	Priority         string   `yaml:"priority,omitempty"`
	Async            bool     `yaml:"async,omitempty"`
	Services         []string `yaml:"services,omitempty"`

	// Blueprints is the --blueprints folder the project was made from, as it was given; empty
	// for pystart's own. A replay of such a project needs that folder again.
	Blueprints string `yaml:"blueprints,omitempty"`
}

// PythonVersions are the minimum versions a project may declare: Django 5.2 LTS and Flask 3.1
// support all of them, and the oldest is what the testing machine runs.
var PythonVersions = []string{"3.11", "3.12", "3.13", "3.14"}

// Licenses a project can start with: SPDX ids, and "proprietary" (all rights reserved).
var Licenses = []string{"MIT", "Apache-2.0", "BSD-3-Clause", "proprietary"}

// Defaults used when a flag or answer is left empty.
const (
	DefaultDatabase = "sqlite"
	DefaultPython   = "3.11"
)

// Plan is a validated, complete set of answers resolved against the catalog: the blueprint and
// every extension that will be rendered, in order.
type Plan struct {
	Answers    Answers
	Project    Project
	Blueprint  *Blueprint
	Extensions []*Extension // sorted by ID, implied ones included
	// Starter is the use case's starter when the blueprint has one for Answers.UseCase.
	Starter *Extension
	// Implied maps an extension added by another's "implies" (or the starter's) to the one
	// that added it.
	Implied map[string]string
	// Overlays are layers a composition puts on top (the hybrid's token checks on a Flask
	// service): rendered after the starter, they may replace or omit base files.
	Overlays []*Extension
	// Parts are the projects a composed blueprint (the hybrid) is made of; its own files go
	// around them. Empty for a single application.
	Parts []Part
	// Service and Route name the part a plan renders inside a composition ("web", "webhooks";
	// "/hooks/"); empty for a project of its own.
	Service, Route string
	// Parent is the composition's project a part belongs to (its name prefixes the token
	// issuer and audience); zero for a project of its own.
	Parent  Project
	catalog *Catalog
}

// AnswerError is a problem with one answer. Field is the answers-file key it came from, so a
// replayed .pystart.yaml can point at the line.
type AnswerError struct {
	Field string
	Err   error
}

func (e *AnswerError) Error() string { return e.Err.Error() }
func (e *AnswerError) Unwrap() error { return e.Err }

// Resolve checks answers against the catalog and applies its rules: implied extensions are
// added (unless listed in Without), then requires and conflicts are enforced. A broken rule is an
// error naming the rule and a way out, never a silent fix.
func Resolve(c *Catalog, a Answers) (*Plan, error) {
	project, err := NewProject(a.Name)
	if err != nil {
		return nil, &AnswerError{Field: "name", Err: err}
	}
	b := c.Blueprint(a.Framework)
	if b == nil {
		return nil, &AnswerError{Field: "framework", Err: fmt.Errorf("unknown framework %q: choose %s", a.Framework, orList(c.IDs()))}
	}
	if a.Database == "" {
		a.Database = b.DefaultDatabase
	}
	if _, ok := b.Databases[a.Database]; !ok {
		return nil, &AnswerError{Field: "database", Err: fmt.Errorf("unknown database %q for %s: choose %s", a.Database, b.ID, orList(sortedKeys(b.Databases)))}
	}
	if a.Python == "" {
		a.Python = DefaultPython
	}
	if !slices.Contains(PythonVersions, a.Python) {
		return nil, &AnswerError{Field: "python", Err: fmt.Errorf("python %q: a project can declare %s as its minimum", a.Python, orList(PythonVersions))}
	}
	if a.License != "" && !slices.Contains(Licenses, a.License) {
		return nil, &AnswerError{Field: "license", Err: fmt.Errorf("license %q: choose %s", a.License, orList(Licenses))}
	}
	if strings.ContainsAny(a.Author, "\n\r") {
		return nil, &AnswerError{Field: "author", Err: fmt.Errorf("author: one line, e.g. \"Ada Lovelace\"")}
	}

	if b.Hybrid != nil {
		return resolveHybrid(c, b, a, project)
	}

	selected := map[string]bool{}
	for _, id := range append(slices.Clone(a.Extensions), a.Without...) {
		if b.Extension(id) == nil {
			if len(b.Extensions) == 0 {
				return nil, &AnswerError{Field: "extensions", Err: fmt.Errorf("unknown extension %q: %s has no extensions yet", id, b.ID)}
			}
			return nil, &AnswerError{Field: "extensions", Err: fmt.Errorf("unknown extension %q for %s: choose from %s (see pystart extensions --framework %s)", id, b.ID, strings.Join(b.ExtensionIDs(), ", "), b.ID)}
		}
	}
	for _, id := range a.Without {
		if slices.Contains(a.Extensions, id) {
			return nil, &AnswerError{Field: "without", Err: fmt.Errorf("extension %q is both requested and excluded: keep one of --ext %s and --without %s", id, id, id)}
		}
	}
	for _, id := range a.Extensions {
		selected[id] = true
	}
	implied := map[string]string{}
	// A use case's starter turns on the extensions its domain code is written for, the same way
	// an extension implies another: --without turns one off, unless the starter requires it.
	starter := b.Starter(a.UseCase)
	// Implications are followed to a fixed point, visiting in id order so the result is stable.
	if starter != nil {
		for _, id := range starter.Implies {
			if !selected[id] && !slices.Contains(a.Without, id) {
				selected[id], implied[id] = true, "use case "+starter.ID
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range b.Extensions {
			if !selected[e.ID] {
				continue
			}
			for _, id := range e.Implies {
				if !selected[id] && !slices.Contains(a.Without, id) && !otherAlternative(e, id, selected) {
					selected[id], implied[id], changed = true, e.ID, true
				}
			}
		}
	}
	p := &Plan{Project: project, Blueprint: b, Starter: starter, Implied: implied, catalog: c}
	for _, e := range b.Extensions {
		if selected[e.ID] {
			p.Extensions = append(p.Extensions, e)
		}
	}
	if err := p.checkRules(selected, a.Without); err != nil {
		return nil, &AnswerError{Field: "extensions", Err: err}
	}
	if err := p.checkShadowing(); err != nil {
		return nil, err
	}
	a.Extensions = p.ExtensionIDs()
	a.Without = slices.Clone(a.Without)
	slices.Sort(a.Without)
	p.Answers = a
	return p, nil
}

// otherAlternative reports whether e requires id only as one of alternatives ("id|other") and
// another of them is selected: then e does not imply id. jwt implies sqlalchemy for a plain
// project, but jwt with peewee must not pull in sqlalchemy, which conflicts with peewee.
func otherAlternative(e *Extension, id string, selected map[string]bool) bool {
	return slices.ContainsFunc(e.Requires, func(req string) bool {
		names, met := metWithout(req, id, func(a string) bool { return selected[a] })
		return names && met
	})
}

// metWithout reports whether requirement req ("a|b") names id, and whether another of its
// alternatives that has is met.
func metWithout(req, id string, has func(string) bool) (names, met bool) {
	alts := strings.Split(req, "|")
	return slices.Contains(alts, id), slices.ContainsFunc(alts, func(a string) bool { return a != id && has(a) })
}

// checkRules enforces every layer's requires and conflicts. The rules of what the user asked for
// are checked before those of what was implied, and an implied extension is named with what
// brought it in: "bcrypt requires sqlalchemy" means nothing to someone who asked for login.
// A way out is offered only when it would work: adding a required extension that conflicts
// with a selected one would only trade one error for another, and "add --ext wtf" answers
// --without wtf with the opposite of what was typed (a requirement is not an implication
// --without can turn off: the way out is to drop the --without).
func (p *Plan) checkRules(selected map[string]bool, without []string) error {
	layers := slices.Clone(p.layers())
	slices.SortStableFunc(layers, func(a, b *Extension) int {
		return cmpBool(p.Implied[a.ID] != "" && !a.starter, p.Implied[b.ID] != "" && !b.starter)
	})
	conflicting := func(id string) string {
		for _, e := range layers {
			if slices.Contains(e.Conflicts, id) {
				return e.ID
			}
		}
		if e := p.Blueprint.Extension(id); e != nil {
			for _, other := range e.Conflicts {
				if selected[other] {
					return other
				}
			}
		}
		return ""
	}
	for _, e := range layers {
		what := p.describe(e)
		// A requirement that conflicts with the selection is named first: "admin requires
		// sqlalchemy, which conflicts with peewee" says more than "add --ext login" would.
		requires := slices.Clone(e.Requires)
		slices.SortStableFunc(requires, func(a, b string) int {
			return cmpBool(conflicting(b) != "", conflicting(a) != "")
		})
		for _, req := range requires {
			alts := strings.Split(req, "|")
			if slices.ContainsFunc(alts, func(id string) bool { return selected[id] }) {
				continue
			}
			if len(alts) > 1 {
				add := slices.IndexFunc(alts, func(id string) bool { return !slices.Contains(without, id) })
				if add < 0 {
					return fmt.Errorf("%s requires one of %s, which --without leaves out: drop --without %s", what, orList(alts), alts[0])
				}
				return fmt.Errorf("%s requires one of %s: add --ext %s", what, orList(alts), alts[add])
			}
			if other := conflicting(req); other != "" {
				return fmt.Errorf("%s requires %q, which conflicts with %s: %s", what, req, p.describe(p.Blueprint.Extension(other)), p.keepOne(e.ID, other))
			}
			if slices.Contains(without, req) {
				return fmt.Errorf("%s requires %q (%s), which --without %s leaves out: drop --without %s", what, req, p.Blueprint.Extension(req).Title, req, req)
			}
			return fmt.Errorf("%s requires %q: add --ext %s", what, req, req)
		}
		for _, other := range e.Conflicts {
			if !selected[other] {
				continue
			}
			if e.starter {
				return fmt.Errorf("%s does not work with %s: drop %s", what, p.describe(p.Blueprint.Extension(other)), p.flag(p.root(other)))
			}
			// An implied extension that its implier requires cannot be left out with --without:
			// the rule to name is the requirement.
			if by := p.Implied[other]; by != "" && !strings.HasPrefix(by, "use case ") && p.RequiredBy(other) == by {
				return fmt.Errorf("%s requires %q, which conflicts with %s: %s", p.describe(p.Blueprint.Extension(by)), other, what, p.keepOne(by, e.ID))
			}
			if p.Implied[e.ID] == "" && p.Implied[other] == "" {
				return fmt.Errorf("extensions %q and %q conflict: %s", e.ID, other, p.keepOne(e.ID, other))
			}
			return fmt.Errorf("%s and %s conflict: %s", what, p.describe(p.Blueprint.Extension(other)), p.keepOne(e.ID, other))
		}
	}
	return nil
}

// checkShadowing refuses a project whose package has the name of a module the plan imports
// (manifests' imports): the project's folder comes first on sys.path, so `import jwt` inside
// Flask-JWT-Extended would import a project called jwt instead of PyJWT. Only the chosen layers
// count, so jwt is a fine name for a project without tokens. Names are compared ignoring case:
// installed into one site-packages, pil/ and Pillow's PIL/ are one folder on macOS and Windows.
func (p *Plan) checkShadowing() error {
	for _, src := range p.importSources() {
		for _, name := range src.imports {
			if strings.EqualFold(name, p.Project.Package) {
				return &AnswerError{Field: "name", Err: fmt.Errorf("project name %q would shadow the %s package that %s uses: choose another name, e.g. my-%s", p.Project.Name, name, src.what, p.Project.Name)}
			}
		}
	}
	return nil
}

// describe names a layer for an error: where an extension came from when the user did not ask
// for it.
func (p *Plan) describe(e *Extension) string {
	if e.starter {
		return fmt.Sprintf("the %s starter (use case %s)", p.Blueprint.ID, e.ID)
	}
	if why := p.Why(e.ID); why != "" {
		return fmt.Sprintf("extension %q (added %s)", e.ID, why)
	}
	return fmt.Sprintf("extension %q", e.ID)
}

// Why says what added an implied extension, "because login implies it" or "for the ecommerce
// starter", or returns "" for one the user asked for.
func (p *Plan) Why(id string) string {
	by := p.Implied[id]
	if by == "" {
		return ""
	}
	if useCase, ok := strings.CutPrefix(by, "use case "); ok {
		return "for the " + useCase + " starter"
	}
	return "because " + by + " implies it"
}

// root follows implications back to what the user asked for: the extension given with --ext, or
// "use case X" for the starter's.
func (p *Plan) root(id string) string {
	for seen := 0; seen < len(p.Implied); seen++ {
		by, ok := p.Implied[id]
		if !ok || strings.HasPrefix(by, "use case ") {
			if ok {
				return by
			}
			return id
		}
		id = by
	}
	return id
}

// flag is how the user asked for root: --ext ID or --use-case X.
func (p *Plan) flag(root string) string {
	if useCase, ok := strings.CutPrefix(root, "use case "); ok {
		return "--use-case " + useCase
	}
	return "--ext " + root
}

// keepOne is the way out of a conflict between what brought in a and what brought in b.
func (p *Plan) keepOne(a, b string) string {
	ra, rb := p.flag(p.root(a)), p.flag(p.root(b))
	if ra == rb {
		return "drop " + ra
	}
	return "keep one of " + ra + " and " + rb
}

// RequiredBy names what in the plan cannot do without extension id (a requires entry with no
// other alternative in the plan), or returns "" when --without id would leave it out.
func (p *Plan) RequiredBy(id string) string {
	for _, e := range p.layers() {
		for _, req := range e.Requires {
			if names, met := metWithout(req, id, p.Has); names && !met {
				if e.starter {
					return "the " + e.ID + " starter"
				}
				return e.ID
			}
		}
	}
	return ""
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// importSource is a manifest's imports and how a message names it ("the jwt extension").
type importSource struct {
	what    string
	imports []string
}

// importSources are the blueprint and every layer the plan renders, a composition's parts included.
func (p *Plan) importSources() []importSource {
	srcs := []importSource{{"the " + p.Blueprint.ID + " blueprint", p.Blueprint.Imports}}
	for _, e := range p.layers() {
		srcs = append(srcs, importSource{"the " + e.ID + " " + strings.TrimSuffix(e.file, ".yaml"), e.Imports})
	}
	for _, part := range p.Parts {
		srcs = append(srcs, part.Plan.importSources()...)
	}
	return srcs
}

// ExtensionIDs lists the plan's extensions, implied ones included, sorted; for a composition,
// its main application's.
func (p *Plan) ExtensionIDs() []string {
	if len(p.Parts) > 0 {
		return p.Parts[0].Plan.ExtensionIDs()
	}
	ids := make([]string, len(p.Extensions))
	for i, e := range p.Extensions {
		ids[i] = e.ID
	}
	return ids
}

// layers are the plan's extensions and then its starter: everything that adds packages,
// environment variables, slot lines, files and next steps on top of the blueprint.
func (p *Plan) layers() []*Extension {
	if p.Starter == nil && len(p.Overlays) == 0 {
		return p.Extensions
	}
	layers := slices.Clone(p.Extensions)
	if p.Starter != nil {
		layers = append(layers, p.Starter)
	}
	return append(layers, p.Overlays...)
}

// Has reports whether the plan includes an extension.
func (p *Plan) Has(id string) bool {
	if len(p.Parts) > 0 {
		return p.Parts[0].Plan.Has(id)
	}
	return slices.ContainsFunc(p.Extensions, func(e *Extension) bool { return e.ID == id })
}

// Packages is every runtime requirement: blueprint, database, extensions; sorted, without repeats.
func (p *Plan) Packages() []string {
	pkgs := slices.Concat(p.Blueprint.Packages, p.Blueprint.Databases[p.Answers.Database].Packages)
	for _, e := range p.layers() {
		pkgs = append(pkgs, e.Packages...)
	}
	return sortedUnique(pkgs)
}

// DevPackages is every development requirement, sorted, without repeats.
func (p *Plan) DevPackages() []string {
	pkgs := slices.Clone(p.Blueprint.DevPackages)
	for _, e := range p.layers() {
		pkgs = append(pkgs, e.DevPackages...)
	}
	return sortedUnique(pkgs)
}

// Env is every environment variable the project reads, in blueprint, database, extension,
// starter order.
// A later declaration of the same name replaces the earlier one in place.
func (p *Plan) Env() []EnvVar {
	vars := slices.Concat(p.Blueprint.Env, p.Blueprint.Databases[p.Answers.Database].Env)
	for _, e := range p.layers() {
		vars = append(vars, e.Env...)
	}
	var out []EnvVar
	for _, v := range vars {
		if i := slices.IndexFunc(out, func(o EnvVar) bool { return o.Name == v.Name }); i >= 0 {
			out[i] = v
		} else {
			out = append(out, v)
		}
	}
	return out
}

// StepPhases order the next steps whatever layer they come from: a step may start with its
// phase ("prepare: uv run flask db upgrade"); one without a phase is a prepare step. Open
// steps are what to do once the app runs: URLs, and commands that need it (see NextSteps).
var StepPhases = []string{"install", "prepare", "test", "run", "open"}

// splitStep returns a step's phase and its text.
func splitStep(step string) (phase, text string) {
	if head, rest, ok := strings.Cut(step, ": "); ok && slices.Contains(StepPhases, head) {
		return head, rest
	}
	return "prepare", step
}

// nextSteps are the lines a user should read after generating, from the blueprint, each
// extension and the starter, ordered by phase (stable within one).
func (p *Plan) nextSteps() []string {
	steps := slices.Clone(p.Blueprint.NextSteps)
	for _, e := range p.layers() {
		steps = append(steps, e.NextSteps...)
	}
	slices.SortStableFunc(steps, func(a, b string) int {
		pa, _ := splitStep(a)
		pb, _ := splitStep(b)
		return slices.Index(StepPhases, pa) - slices.Index(StepPhases, pb)
	})
	return slices.Compact(steps)
}

func sortedUnique(items []string) []string {
	out := slices.Clone(items)
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return slices.Compact(out)
}

// orList is "a, b or c": a choice. andList is "a, b and c": all of them.
func orList(items []string) string { return joinList(items, " or ") }

func andList(items []string) string { return joinList(items, " and ") }

func joinList(items []string, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
