//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pystart/pystart/generator"
)

// TestLongestName generates every matrix row under the longest names pystart accepts and runs
// ruff on each project: the name is in imports, URL includes and page titles, and a line it
// pushes past ruff's 100 columns fails the project's own lint (and makes ruff format rewrap
// it). One name sorts before the layout's own packages (config, tests) and one after, for the
// import order. Rendering only: ruff needs the source, not the dependencies.
func TestLongestName(t *testing.T) {
	names := []string{longName("abacus-"), longName("zephyr-")}
	for _, r := range loadMatrix(t) {
		t.Run(r.Name, func(t *testing.T) {
			t.Parallel()
			for _, name := range names {
				dir := filepath.Join(workRoot, "longest", r.Name+"-"+name[:1])
				p := &project{t: t, dir: workRoot, env: gitIdentity}
				p.run(pystart, append([]string{"new", name, "--yes", "--no-git", "--dir", dir}, r.Args...)...)
				ruff := ruffFor(t, dir)
				for _, proj := range pythonProjects(t, dir) {
					q := &project{t: t, dir: proj}
					q.run(ruff, "check", "--no-cache", ".")
					q.run(ruff, "format", "--check", "--no-cache", ".")
				}
			}
		})
	}
}

// longName is prefix padded with words to generator.MaxNameLength, so the package, the title
// and the folder are as long as they can be.
func longName(prefix string) string {
	name := prefix + strings.Repeat("service-", generator.MaxNameLength)
	return name[:generator.MaxNameLength-1] + "x"
}

// pythonProjects is dir, or for the hybrid each of its services: every folder with a
// pyproject.toml of its own.
func pythonProjects(t *testing.T, dir string) []string {
	if fileExists(filepath.Join(dir, "pyproject.toml")) {
		return []string{dir}
	}
	services, _ := filepath.Glob(filepath.Join(dir, "services", "*", "pyproject.toml"))
	if len(services) == 0 {
		t.Fatalf("%s has no pyproject.toml, nor services/*/pyproject.toml", dir)
	}
	for i, s := range services {
		services[i] = filepath.Dir(s)
	}
	return services
}

var ruffBin struct {
	sync.Mutex
	path string
}

// ruffFor installs, once, the ruff the generated projects declare (the requirement in the first
// project's dev group), into a virtual environment of the tests' own.
func ruffFor(t *testing.T, dir string) string {
	t.Helper()
	ruffBin.Lock()
	defer ruffBin.Unlock()
	if ruffBin.path != "" {
		return ruffBin.path
	}
	data, err := os.ReadFile(filepath.Join(pythonProjects(t, dir)[0], "pyproject.toml"))
	if err != nil {
		t.Fatal(err)
	}
	req := regexp.MustCompile(`"(ruff[^"]*)"`).FindSubmatch(data)
	if req == nil {
		t.Fatalf("no ruff requirement in %s/pyproject.toml", dir)
	}
	venv := filepath.Join(workRoot, "ruff-venv")
	p := &project{t: t, dir: workRoot, env: []string{"UV_CACHE_DIR=" + uvCache, "UV_PYTHON=python3.11",
		"UV_PYTHON_DOWNLOADS=never", "UV_NO_PROGRESS=1"}}
	p.run("uv", "venv", "--quiet", venv)
	p.run("uv", "pip", "install", "--quiet", "--python", filepath.Join(venv, "bin", "python"), string(req[1]))
	ruffBin.path = filepath.Join(venv, "bin", "ruff")
	return ruffBin.path
}
