//go:build e2e

// Package e2e generates every combination in matrix/*.yaml with the real pystart binary, installs
// each project from PyPI into a fresh virtual environment, and runs the project's own checks.
// Run it with `make e2e` (go test -tags e2e ./e2e -parallel 2).
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

type row struct {
	Name      string            `yaml:"name"`
	Args      []string          `yaml:"args"`
	Installer string            `yaml:"installer"`
	Static    bool              `yaml:"static"`
	Grep      map[string]string `yaml:"grep"`
	Services  []string          `yaml:"services"` // postgres, redis: see services_test.go
	Celery    bool              `yaml:"celery"`   // a real worker runs the example task (needs redis)
	// FreshClone (a hybrid) also clones the generated repository, which has no .env, and sets
	// the clone up as its README says: make env, make install, make test-cross.
	FreshClone bool   `yaml:"fresh_clone"`
	Framework  string `yaml:"-"` // read from the project's .pystart.yaml
}

var (
	pystart  string // the built binary
	uvCache  string // one uv cache shared by every row
	workRoot string
	summary  = struct {
		sync.Mutex
		rows []result
	}{}
)

// result is one row's line in the summary printed after the matrix.
type result struct {
	name, status, tests string
	seconds             float64
}

func TestMain(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		os.Exit(1)
	}
	code = m.Run()
	printSummary()
	os.Exit(code)
}

func setup() (int, error) {
	var err error
	if workRoot, err = os.MkdirTemp("", "pystart-e2e-"); err != nil {
		return 0, err
	}
	uvCache = os.Getenv("UV_CACHE_DIR")
	if uvCache == "" {
		uvCache = filepath.Join(os.TempDir(), "pystart-e2e-uv-cache")
	}
	pystart = filepath.Join(workRoot, "pystart")
	build := exec.Command("go", "build", "-o", pystart, "./cmd/pystart")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("go build: %v\n%s", err, out)
	}
	// actionlint from the Go module proxy, outside go.mod: a tool of the tests, not of pystart.
	install := exec.Command("go", "install", actionlintModule)
	install.Env = append(os.Environ(), "GOBIN="+filepath.Join(workRoot, "bin"))
	if out, err := install.CombinedOutput(); err != nil {
		actionlintErr = fmt.Errorf("go install %s: %v\n%s", actionlintModule, err, out)
	} else {
		actionlint = filepath.Join(workRoot, "bin", "actionlint")
	}
	return 0, nil
}

const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

var (
	actionlint    string // the built actionlint, or "" with actionlintErr saying why
	actionlintErr error
)

// checkWorkflows lints the generated GitHub Actions workflows with actionlint: the workflow
// syntax, expressions, action inputs, and each run: script with shellcheck when it is installed
// (e2e/with-services installs it). GitHub's runners are not here; this is what can be checked.
func checkWorkflows(t *testing.T, dir string) {
	t.Helper()
	workflows, _ := filepath.Glob(filepath.Join(dir, ".github", "workflows", "*.yml"))
	if len(workflows) == 0 {
		t.Fatal("no GitHub Actions workflow in .github/workflows")
	}
	required := os.Getenv("PYSTART_E2E_REQUIRE_SERVICES") == "1"
	if actionlint == "" {
		if required {
			t.Fatal(actionlintErr)
		}
		t.Logf("workflows not linted: %v", actionlintErr)
		return
	}
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil && required {
		t.Fatal("shellcheck is not installed: e2e/with-services installs it")
	}
	args := append([]string{"-no-color", "-shellcheck=" + shellcheck}, workflows...)
	cmd := exec.Command(actionlint, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("actionlint: %v\n%s", err, out)
	}
}

// loadMatrix reads every file in matrix/ (one per topic, so rows for different issues can be
// added side by side), strictly: an unknown key or a repeated row name is an error.
func loadMatrix(t *testing.T) []row {
	files, err := filepath.Glob(filepath.Join("matrix", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no matrix/*.yaml files (%v)", err)
	}
	var rows []row
	seen := map[string]string{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Rows []row `yaml:"rows"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, r := range m.Rows {
			if prev, ok := seen[r.Name]; ok {
				t.Fatalf("%s: row %q is already in %s", file, r.Name, prev)
			}
			seen[r.Name] = file
		}
		rows = append(rows, m.Rows...)
	}
	return rows
}

func TestMatrix(t *testing.T) {
	for _, r := range loadMatrix(t) {
		t.Run(r.Name, func(t *testing.T) {
			t.Parallel()
			start, tests := time.Now(), "-"
			// Deferred: a row that fails (t.Fatal) or is skipped is in the summary too.
			defer func() { record(t, r.Name, tests, start) }()
			requireServices(t, r)
			tests = checkRow(t, r)
		})
	}
}

func record(t *testing.T, name, tests string, start time.Time) {
	status := "ok"
	switch {
	case t.Failed():
		status = "FAILED"
	case t.Skipped():
		status = "skipped"
	}
	summary.Lock()
	defer summary.Unlock()
	summary.rows = append(summary.rows, result{name, status, tests, time.Since(start).Seconds()})
}

func printSummary() {
	summary.Lock()
	defer summary.Unlock()
	width := 0
	for _, r := range summary.rows {
		width = max(width, len(r.name))
	}
	fmt.Println("\ne2e summary (row, status, tests, seconds):")
	for _, r := range summary.rows {
		fmt.Printf("  %-*s %-7s %4s %6.1fs\n", width, r.name, r.status, r.tests, r.seconds)
	}
}

// project is one generated project and the environment its commands run in.
type project struct {
	t    *testing.T
	dir  string
	env  []string
	venv string // once set, commands are looked up in its bin/ first
}

func (p *project) run(name string, args ...string) string {
	p.t.Helper()
	return p.runEnv(nil, name, args...)
}

func (p *project) runEnv(extra []string, name string, args ...string) string {
	p.t.Helper()
	// exec.Command searches the test process's PATH, not cmd.Env's: resolve venv tools
	// explicitly, or a global pytest or ruff would be tested instead of the project's.
	if p.venv != "" && !strings.Contains(name, "/") {
		if bin := filepath.Join(p.venv, "bin", name); fileExists(bin) {
			name = bin
		}
	}
	cmd := dieWithTest(exec.Command(name, args...))
	cmd.Dir = p.dir
	cmd.Env = append(append(os.Environ(), p.env...), extra...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("%s %s (in %s, %.1fs): %v\n%s", name, strings.Join(args, " "), p.dir, time.Since(start).Seconds(), err, out)
	}
	p.t.Logf("%s %s: ok (%.1fs)", name, strings.Join(args, " "), time.Since(start).Seconds())
	return string(out)
}

var gitIdentity = []string{
	"GIT_AUTHOR_NAME=pystart e2e", "GIT_AUTHOR_EMAIL=e2e@example.com",
	"GIT_COMMITTER_NAME=pystart e2e", "GIT_COMMITTER_EMAIL=e2e@example.com",
}

func checkRow(t *testing.T, r row) (tests string) {
	dir := filepath.Join(workRoot, r.Name)
	name := "e2e-" + strings.ReplaceAll(r.Name, "_", "-")
	p := &project{t: t, dir: workRoot, env: gitIdentity}
	p.run(pystart, append([]string{"new", name, "--yes", "--dir", dir}, r.Args...)...)
	return checkProject(t, r, dir, name)
}

// checkProject checks a generated project: git state, greps, then (unless static) a fresh
// install and the project's own checks. It returns the number of tests pytest passed.
func checkProject(t *testing.T, r row, dir, name string) (tests string) {
	p := &project{t: t, dir: dir, env: gitIdentity}
	r.Framework = recordedFramework(t, dir)
	checkNoTemplateLeftovers(t, dir)
	if status := p.run("git", "status", "--porcelain"); status != "" {
		t.Fatalf("git status not clean after generation:\n%s", status)
	}
	if tracked := p.run("git", "ls-files"); regexp.MustCompile(`(?m)^\.env$`).MatchString(tracked) {
		t.Fatal(".env is in the first commit")
	}
	checkWorkflows(t, dir)
	for file, pattern := range r.Grep {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("grep %s: %v", file, err)
		}
		if !regexp.MustCompile(pattern).Match(data) {
			t.Fatalf("%s does not match %q", file, pattern)
		}
	}
	if r.Static {
		return "-"
	}
	if r.framework() == "hybrid" {
		return checkHybrid(t, r, dir, name)
	}
	return checkPython(t, r, dir, strings.ReplaceAll(name, "-", "_"))
}

// checkPython installs one Python project (a whole project, or one service of a hybrid) into a
// fresh .venv and runs its own checks. It returns the number of tests pytest passed.
func checkPython(t *testing.T, r row, dir, pkg string) (tests string) {
	p := &project{t: t, dir: dir, env: gitIdentity}
	venv := filepath.Join(dir, ".venv")
	p.env = append(p.env, "UV_CACHE_DIR="+uvCache, "UV_PYTHON=python3.11", "UV_PYTHON_DOWNLOADS=never",
		"UV_NO_PROGRESS=1", "VIRTUAL_ENV="+venv, "PATH="+filepath.Join(venv, "bin")+":"+os.Getenv("PATH"))
	switch r.Installer {
	case "", "uv":
		p.run("uv", "sync", "--quiet")
	case "pip":
		p.run("python3.11", "-m", "venv", venv)
		p.venv = venv
		p.run("python", "-m", "pip", "install", "--quiet", "pip>=25.1")
		p.run("python", "-m", "pip", "install", "--quiet", "-e", ".", "--group", "dev")
	default:
		t.Fatalf("installer %q: use uv or pip", r.Installer)
	}

	p.venv = venv
	for _, tool := range []string{"python", "pytest", "ruff"} {
		if !fileExists(filepath.Join(venv, "bin", tool)) {
			t.Fatalf("%s is not installed in the project's virtual environment", tool)
		}
	}
	svc := startServices(t, p, r, pkg)
	out := p.run("pytest", "-q", "-p", "no:cacheprovider", "-o", "filterwarnings="+ownDeprecationsAreErrors(t, dir))
	tests = passedCount(out)
	svc.verify()
	if r.Celery {
		celeryRoundTrip(t, p, pkg)
	}
	p.run("ruff", "check", "--no-cache", ".")
	p.run("ruff", "format", "--check", "--no-cache", ".")

	switch r.framework() {
	case "django":
		p.run("python", "manage.py", "check")
		p.run("python", "manage.py", "makemigrations", "--check", "--dry-run")
		deploy := p.runEnv([]string{
			"DJANGO_SETTINGS_MODULE=config.settings.prod",
			"DJANGO_SECRET_KEY=" + dotenv(t, dir, "DJANGO_SECRET_KEY"),
			"DJANGO_ALLOWED_HOSTS=example.com",
		}, "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING")
		if !strings.Contains(deploy, "System check identified no issues") {
			t.Fatalf("check --deploy:\n%s", deploy)
		}
	case "flask":
		app := pkg
		if fileExists(filepath.Join(dir, "app.py")) {
			app = "app" // a single-file starter (prototype, learning)
		}
		routes := p.run("flask", "--app", app, "routes")
		if !strings.Contains(routes, "/health") {
			t.Fatalf("flask routes has no /health:\n%s", routes)
		}
	}
	return tests
}

func (r row) framework() string { return r.Framework }

// ownDeprecationsAreErrors is a pytest filterwarnings entry that fails a test on any
// DeprecationWarning attributed to the project's own code: its top-level packages and modules
// (the package, tests, Django's config, a single-file app.py), whatever is below them. A warning
// raised inside a third-party library is attributed to the library and stays a warning.
//
// It goes in through -o filterwarnings=, not -W: pytest (like python -W) escapes a -W module
// and anchors it with \Z, so -W error::DeprecationWarning:shop matches the module shop only,
// never shop.admin, while a filterwarnings module is a regular expression matched at the start
// of the module's name. -o replaces the project's own filterwarnings, so a project that has
// one is refused here rather than silently tested without it.
func ownDeprecationsAreErrors(t *testing.T, dir string) string {
	t.Helper()
	if data, err := os.ReadFile(filepath.Join(dir, "pyproject.toml")); err != nil {
		t.Fatal(err)
	} else if bytes.Contains(data, []byte("filterwarnings")) {
		t.Fatal("pyproject.toml sets filterwarnings, which the e2e harness's -o filterwarnings= would replace: merge them in ownDeprecationsAreErrors")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var modules []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir() && fileExists(filepath.Join(dir, name, "__init__.py")):
			modules = append(modules, name)
		case !e.IsDir() && strings.HasSuffix(name, ".py") && !strings.Contains(strings.TrimSuffix(name, ".py"), "."):
			modules = append(modules, strings.TrimSuffix(name, ".py")) // not gunicorn.conf.py
		}
	}
	if len(modules) == 0 {
		t.Fatalf("%s has no Python package or module at its top", dir)
	}
	return `error::DeprecationWarning:(` + strings.Join(modules, "|") + `)(\.|\Z)`
}

// recordedFramework is the framework pystart chose, from the project's .pystart.yaml: a row may
// leave the choice to the recommender (--use-case cms).
func recordedFramework(t *testing.T, dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, ".pystart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Framework string `yaml:"framework"`
	}
	if err := yaml.Unmarshal(data, &a); err != nil || a.Framework == "" {
		t.Fatalf(".pystart.yaml: no framework (%v)", err)
	}
	return a.Framework
}

var passed = regexp.MustCompile(`(\d+) passed`)

func passedCount(pytestOutput string) string {
	if m := passed.FindStringSubmatch(pytestOutput); m != nil {
		return m[1]
	}
	return "?"
}

// dotenv reads one variable from the generated .env: the checks use the secret pystart made.
func dotenv(t *testing.T, dir, name string) string {
	values, err := envFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	v, ok := values[name]
	if !ok {
		t.Fatalf(".env has no %s", name)
	}
	return v
}

// envFile reads the NAME=value lines of a .env file as written (no unquoting); comments are skipped.
func envFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if name, value, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			values[name] = value
		}
	}
	return values, nil
}

// checkNoTemplateLeftovers fails on a Go template action ({{ .Name }}, {{ end }}, {{- if ...)
// left in any generated file except where braces are real syntax: Jinja and Django templates
// (templates/ folders) and GitHub expressions ${{ }}. Python's nested dict literals ("}}") are fine.
func checkNoTemplateLeftovers(t *testing.T, dir string) {
	gh := regexp.MustCompile(`\$\{\{[^}]*\}\}`)
	action := regexp.MustCompile(`\{\{-?\s*(\.|\$|end\b|if\b|else\b|range\b|with\b|template\b|define\b|block\b|include\b|/\*)`)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() || strings.Contains("/"+filepath.ToSlash(rel), "/templates/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Error(err)
			return nil
		}
		data = gh.ReplaceAll(data, nil)
		if m := action.Find(data); m != nil {
			t.Errorf("%s: template action %q left after rendering", rel, m)
		}
		return nil
	})
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
