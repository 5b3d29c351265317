//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNewInstall: `pystart new --install` really installs from PyPI and runs the project's tests,
// for Django (uv) and Flask (uv absent: python3 -m venv and pip).
func TestNewInstall(t *testing.T) {
	t.Run("django-uv", func(t *testing.T) {
		t.Parallel()
		out := newInstall(t, "inst-django", os.Getenv("PATH"), "--framework", "django")
		if !regexp.MustCompile(`(?m)^  ok      uv sync`).MatchString(out) {
			t.Errorf("uv was not used:\n%s", out)
		}
	})
	t.Run("hybrid-uv", func(t *testing.T) {
		t.Parallel()
		out := newInstall(t, "inst-hybrid", os.Getenv("PATH"), "--framework", "hybrid", "--service", "webhooks")
		for _, step := range []string{`\(cd services/web && uv sync\)`, `\(cd services/webhooks && uv run pytest -q\)`, `services/web/\.venv/bin/python -m pytest -q tests`} {
			if !regexp.MustCompile(`(?m)^  ok      ` + step).MatchString(out) {
				t.Errorf("no step %s:\n%s", step, out)
			}
		}
		if n := len(regexp.MustCompile(`(?m)^  tests:  \d+ passed`).FindAllString(out, -1)); n != 3 {
			t.Errorf("%d test summaries, want 3 (web, webhooks, cross-service):\n%s", n, out)
		}
	})
	t.Run("flask-pip", func(t *testing.T) {
		t.Parallel()
		// A PATH with python3 (3.11) and nothing named uv.
		bin := t.TempDir()
		// The interpreter itself, not a pyenv shim, which needs pyenv on PATH.
		py, err := exec.Command("python3.11", "-c", "import sys; print(sys.executable)").Output()
		if err != nil {
			t.Fatalf("python3.11: %v", err)
		}
		if err := os.Symlink(strings.TrimSpace(string(py)), filepath.Join(bin, "python3")); err != nil {
			t.Fatal(err)
		}
		out := newInstall(t, "inst-flask", bin, "--framework", "flask")
		if !regexp.MustCompile(`(?m)^  ok      python3 -m venv \.venv`).MatchString(out) {
			t.Errorf("venv + pip was not used:\n%s", out)
		}
	})
}

func newInstall(t *testing.T, name, path string, args ...string) string {
	dir := filepath.Join(workRoot, name)
	cmd := dieWithTest(exec.Command(pystart, append([]string{"new", name, "--yes", "--install", "--dir", dir}, args...)...))
	cmd.Dir = workRoot
	cmd.Env = append(os.Environ(), gitIdentity...)
	cmd.Env = append(cmd.Env, "PATH="+path, "UV_CACHE_DIR="+uvCache, "UV_PYTHON=python3.11", "UV_PYTHON_DOWNLOADS=never", "UV_NO_PROGRESS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pystart new --install: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^  tests:  \d+ passed`).Match(out) {
		t.Fatalf("no passing test run reported:\n%s", out)
	}
	t.Logf("%s", out)
	return string(out)
}
