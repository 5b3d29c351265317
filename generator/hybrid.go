package generator

import (
	"crypto/ecdh"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// HybridSpec is the hybrid section of a blueprint.yaml: the blueprint is then a composition of
// a main application and side services, each a complete project of another blueprint rendered
// into its own folder, plus the blueprint's own files around them (compose, proxy, Makefile).
type HybridSpec struct {
	Main struct {
		Blueprint  string   `yaml:"blueprint"`  // "django"
		Dir        string   `yaml:"dir"`        // "services/web"
		Extensions []string `yaml:"extensions"` // always on: the main app issues the tokens
		Overlay    string   `yaml:"overlay"`    // folder of an overlay.yaml layered on it
	} `yaml:"main"`
	Services struct {
		Blueprint string `yaml:"blueprint"` // "flask"
		Dir       string `yaml:"dir"`       // "services": each service goes to services/<id>
		Overlay   string `yaml:"overlay"`   // the layer every service gets (token checks)
	} `yaml:"services"`

	main     *Blueprint
	services *Blueprint
	web      *Extension // Main.Overlay, loaded
	common   *Extension // Services.Overlay, loaded
	// Catalog lists the side services a project may have: <blueprint>/services/<id>/service.yaml.
	Catalog []*Service
}

// Service is a side service of a hybrid: a layer over the services' blueprint (its files and
// slot contributions), the extensions and starter it builds on, and where the proxy routes it.
type Service struct {
	Extension `yaml:",inline"`
	// Route is the path prefix the reverse proxy sends to this service ("/ml/"); the service
	// itself serves from "/".
	Route string `yaml:"route"`
	// Starter is a use-case starter of the services' blueprint the service builds on.
	Starter string `yaml:"starter"`
	// With are the extensions of the services' blueprint it needs.
	With []string `yaml:"with"`
	// Port is where `make dev` serves it on loopback (the main application has 8000).
	Port int `yaml:"port"`
}

// Part is one project inside a composed plan: the main application or a side service.
type Part struct {
	Dir     string   // where its files go: "services/web"
	Service *Service // nil for the main application
	Plan    *Plan
}

// ServiceIDs lists the side services a hybrid can have, in order.
func (h *HybridSpec) ServiceIDs() []string {
	ids := make([]string, len(h.Catalog))
	for i, s := range h.Catalog {
		ids[i] = s.ID
	}
	return ids
}

// Service returns the side service with the given id, or nil.
func (h *HybridSpec) Service(id string) *Service {
	for _, s := range h.Catalog {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// MainBlueprint is the blueprint whose extensions --ext names for this one: itself, or for a
// hybrid its main application's.
func (b *Blueprint) MainBlueprint() *Blueprint {
	if b.Hybrid != nil {
		return b.Hybrid.main
	}
	return b
}

func (c *Catalog) loadHybrid(b *Blueprint) error {
	h := b.Hybrid
	file := c.name(path.Join(b.dir, "blueprint.yaml"))
	if h.main = c.Blueprint(h.Main.Blueprint); h.main == nil || h.main.Hybrid != nil {
		return fmt.Errorf("%s: hybrid.main.blueprint %q: no such single-framework blueprint", file, h.Main.Blueprint)
	}
	if h.services = c.Blueprint(h.Services.Blueprint); h.services == nil || h.services.Hybrid != nil {
		return fmt.Errorf("%s: hybrid.services.blueprint %q: no such single-framework blueprint", file, h.Services.Blueprint)
	}
	for _, id := range h.Main.Extensions {
		if h.main.Extension(id) == nil {
			return fmt.Errorf("%s: hybrid.main.extensions: %s has no extension %q", file, h.main.ID, id)
		}
	}
	for _, dir := range []string{h.Main.Dir, h.Services.Dir} {
		if err := checkPath(dir); err != nil {
			return fmt.Errorf("%s: hybrid: %w", file, err)
		}
	}
	var err error
	if h.web, err = c.loadLayer(h.main, path.Join(b.dir, h.Main.Overlay), "overlay.yaml"); err != nil {
		return err
	}
	if h.common, err = c.loadLayer(h.services, path.Join(b.dir, h.Services.Overlay), "overlay.yaml"); err != nil {
		return err
	}
	dir := path.Join(b.dir, "services")
	entries, err := fs.ReadDir(c.fsys, dir)
	if err != nil {
		return fmt.Errorf("%s: a hybrid needs its side services in %s: %w", file, c.name(dir), err)
	}
	for _, d := range entries {
		if !d.IsDir() {
			return fmt.Errorf("%s: only service folders belong here", c.name(path.Join(dir, d.Name())))
		}
		s := &Service{}
		s.dir, s.file = path.Join(dir, d.Name()), "service.yaml"
		if err := c.decode(path.Join(s.dir, s.file), s); err != nil {
			return err
		}
		if err := c.checkLayer(h.services, &s.Extension); err != nil {
			return err
		}
		sfile := c.name(path.Join(s.dir, s.file))
		if !strings.HasPrefix(s.Route, "/") || !strings.HasSuffix(s.Route, "/") || s.Route == "/" {
			return fmt.Errorf("%s: route %q: a path prefix like /ml/ (the main application has /)", sfile, s.Route)
		}
		if s.Port <= 1024 || s.Port > 65535 || s.Port == mainPort || slices.ContainsFunc(h.Catalog, func(o *Service) bool { return o.Port == s.Port }) {
			return fmt.Errorf("%s: port %d: a free unprivileged port other than %d and the other services'", sfile, s.Port, mainPort)
		}
		if s.Starter != "" && h.services.Starter(s.Starter) == nil {
			return fmt.Errorf("%s: starter %q: %s has no such starter", sfile, s.Starter, h.services.ID)
		}
		for _, id := range s.With {
			if h.services.Extension(id) == nil {
				return fmt.Errorf("%s: with %q: %s has no such extension", sfile, id, h.services.ID)
			}
		}
		h.Catalog = append(h.Catalog, s)
	}
	if len(h.Catalog) == 0 {
		return fmt.Errorf("%s: no side service in %s", file, c.name(dir))
	}
	return nil
}

// resolveHybrid resolves the main application (the user's use case and extensions, plus the
// ones the hybrid always needs) and one plan per requested side service.
func resolveHybrid(c *Catalog, b *Blueprint, a Answers, project Project) (*Plan, error) {
	h := b.Hybrid
	services := slices.Clone(a.Services)
	slices.Sort(services)
	services = slices.Compact(services)
	if len(services) == 0 {
		return nil, &AnswerError{Field: "services", Err: fmt.Errorf("the hybrid needs at least one side service: add --service %s", orList(h.ServiceIDs()))}
	}
	for _, id := range services {
		if h.Service(id) == nil {
			return nil, &AnswerError{Field: "services", Err: fmt.Errorf("unknown service %q: choose %s", id, orList(h.ServiceIDs()))}
		}
	}
	for _, id := range a.Without {
		if slices.Contains(h.Main.Extensions, id) {
			return nil, &AnswerError{Field: "without", Err: fmt.Errorf("the hybrid's main application always has %s (it issues the services' tokens): drop --without %s", andList(h.Main.Extensions), id)}
		}
	}
	wa := a
	wa.Framework = h.main.ID
	wa.Services = nil
	wa.License = "" // one LICENSE, at the top, covers every service
	wa.Extensions = sortedUnique(slices.Concat(h.Main.Extensions, a.Extensions))
	web, err := Resolve(c, wa)
	if err != nil {
		return nil, err
	}
	web.Overlays = []*Extension{h.web}
	web.Service, web.Parent = "web", project
	p := &Plan{Project: project, Blueprint: b, Implied: web.Implied, catalog: c}
	p.Parts = append(p.Parts, Part{Dir: h.Main.Dir, Plan: web})
	for _, id := range services {
		s := h.Service(id)
		sp, err := Resolve(c, Answers{
			Name: id, Framework: h.services.ID, Extensions: s.With, UseCase: s.Starter,
			Database: DefaultDatabase, Python: web.Answers.Python, Author: a.Author,
		})
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", id, err)
		}
		sp.Overlays = []*Extension{h.common, &s.Extension}
		sp.Service, sp.Route, sp.Parent = id, s.Route, project
		// The service's distribution is named after the project; its package after the service,
		// so each service imports as what it is (ml_inference) whatever the project is called.
		sp.Project = Project{Name: project.Name + "-" + id, Package: strings.ReplaceAll(id, "-", "_"), Title: project.Title + " " + s.Title}
		p.Parts = append(p.Parts, Part{Dir: path.Join(h.Services.Dir, id), Service: s, Plan: sp})
	}
	// The main application was checked before its overlay was added; the whole composition is
	// checked here: its own files, the overlays and the side services.
	if err := p.checkShadowing(); err != nil {
		return nil, err
	}
	a.Extensions = web.Answers.Extensions
	a.Without = web.Answers.Without
	a.Database, a.Python = web.Answers.Database, web.Answers.Python
	a.Services = services
	p.Answers = a
	return p, nil
}

// mainPort is where `make dev` serves a hybrid's main application.
const mainPort = 8000

// partData describes a composition's parts to its own templates.
func (p *Plan) partData() []PartData {
	var parts []PartData
	for _, part := range p.Parts {
		sp := part.Plan
		d := PartData{
			Project: sp.Project, ID: sp.Service, Dir: part.Dir, Framework: sp.Blueprint.ID,
			Title: sp.Blueprint.Title, Route: "/", Port: mainPort, Starter: sp.starterID(), Extensions: sp.ExtensionIDs(),
			Env: sp.Env(),
		}
		if s := part.Service; s != nil {
			d.Title, d.Route, d.Port = s.Title, s.Route, s.Port
		}
		parts = append(parts, d)
	}
	return parts
}

// PartDirs lists where a composed plan's parts go, main application first; nil for a single
// application.
func (p *Plan) PartDirs() []string {
	var dirs []string
	for _, part := range p.Parts {
		dirs = append(dirs, part.Dir)
	}
	return dirs
}

// ServiceIDs lists the side services of a composed plan, sorted; nil for a single application.
func (p *Plan) ServiceIDs() []string {
	var ids []string
	for _, part := range p.Parts {
		if part.Service != nil {
			ids = append(ids, part.Service.ID)
		}
	}
	return ids
}

// renderParts renders every part of a composed plan into its folder. Secrets the blueprint
// itself declares (the token key pair, the internal credential) are drawn once and shared by
// every part that declares a variable of the same name; the rest are drawn per part.
func renderParts(p *Plan, opts RenderOptions, r io.Reader) ([]File, error) {
	var files []File
	for _, part := range p.Parts {
		env := part.Plan.Env()
		secrets, err := NewSecrets(env, r)
		if err != nil {
			return nil, err
		}
		for _, v := range env {
			if shared, ok := opts.Secrets[v.Name]; ok {
				secrets[v.Name] = shared
			} else if v.Key != "" {
				return nil, fmt.Errorf("%s: env %s is a key: declare it in %s/blueprint.yaml so every service gets the same pair", part.Dir, v.Name, p.Blueprint.ID)
			}
		}
		popts := opts
		popts.Secrets = secrets
		out, err := Render(part.Plan, popts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", part.Dir, err)
		}
		for _, f := range out {
			f.Path = path.Join(part.Dir, f.Path)
			files = append(files, f)
		}
	}
	return files, nil
}

// newKeyPair draws a P-256 key for ES256 from r (so a seeded reader gives the same pair) and
// returns the private key as PKCS #8 PEM and the public key as SubjectPublicKeyInfo PEM.
func newKeyPair(r io.Reader) (private, public string, err error) {
	var key *ecdh.PrivateKey
	for key == nil {
		scalar := make([]byte, 32)
		if _, err := io.ReadFull(r, scalar); err != nil {
			return "", "", err
		}
		// A scalar of zero or not below the group order (odds 2^-32) is refused; draw again.
		key, _ = ecdh.P256().NewPrivateKey(scalar)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", "", err
	}
	pub, err := x509.MarshalPKIXPublicKey(key.PublicKey())
	if err != nil {
		return "", "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})), nil
}

// envQuote writes a multi-line value as one double-quoted .env line with \n escapes, which
// python-dotenv and docker compose both turn back into newlines.
func envQuote(s string) string {
	return `"` + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", `\n`) + `"`
}

// sharedSecrets draws the values of a blueprint's own secret and key variables.
func sharedSecrets(vars []EnvVar, r io.Reader) (map[string]string, error) {
	secrets, err := NewSecrets(vars, r)
	if err != nil {
		return nil, err
	}
	var private, public string
	for _, v := range vars {
		if v.Key == "" {
			continue
		}
		if private == "" {
			if private, public, err = newKeyPair(r); err != nil {
				return nil, fmt.Errorf("generate %s: %w", v.Name, err)
			}
		}
		secrets[v.Name] = envQuote(map[string]string{"private": private, "public": public}[v.Key])
	}
	return secrets, nil
}
