package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pystart/pystart/generator"
)

// offlineEnv points every proxy and package index a generator could reach for at a closed port
// (port 9, discard, has no listener), and forbids the Go module proxy.
var offlineEnv = map[string]string{
	"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "socks5://127.0.0.1:9",
	"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "all_proxy": "socks5://127.0.0.1:9",
	"NO_PROXY": "", "no_proxy": "",
	"GOPROXY": "off", "GOFLAGS": "-mod=mod",
	"PIP_INDEX_URL": "http://127.0.0.1:9", "UV_OFFLINE": "1",
}

// TestGenerateOffline: generation needs no network. In process, with every proxy and index
// pointing at a closed port; then, stronger, the real binary in a network namespace that has no
// network at all (unshare -rn), when this machine allows one.
func TestGenerateOffline(t *testing.T) {
	// Built before the variables are set: building may need the module proxy, generating may not.
	bin, skip := "", "-short: the binary is not built"
	if !testing.Short() {
		bin, skip = buildPystart(t)
	}
	for k, v := range offlineEnv {
		t.Setenv(k, v)
	}

	t.Run("in-process", func(t *testing.T) {
		c := loadBuiltin(t)
		plan, err := generator.Resolve(c, generator.Answers{Name: "demo", Framework: "django"})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "demo")
		res, err := generator.Generate(context.Background(), generator.Request{
			Plan: plan, Dir: dir, Git: generator.GitForce, Version: "v0.0.0-offline", Getenv: os.Getenv,
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Commit == "" {
			t.Fatal("no commit was made")
		}
		for _, name := range []string{"manage.py", "pyproject.toml", ".git/HEAD"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Error(err)
			}
		}
	})

	t.Run("no-network-namespace", func(t *testing.T) {
		if bin == "" {
			t.Skip(skip)
		}
		if runtime.GOOS != "linux" {
			t.Skip("unshare is Linux only")
		}
		if out, err := exec.Command("unshare", "-rn", "true").CombinedOutput(); err != nil {
			t.Skipf("no network namespace on this machine (unshare -rn true: %v %s)", err, out)
		}
		// The minimal Flask starter, and the largest one: Django with every compatible extension.
		largest, err := everyCompatible(loadBuiltin(t), generator.Answers{Name: "demo", Framework: "django"})
		if err != nil {
			t.Fatal(err)
		}
		djangoArgs := []string{"--framework", "django"}
		for _, id := range largest.Extensions {
			djangoArgs = append(djangoArgs, "--ext", id)
		}
		for _, tc := range []struct {
			name, marker string
			args         []string
		}{
			{"flask", "pyproject.toml", []string{"--framework", "flask"}},
			{"django-every-ext", "manage.py", djangoArgs},
		} {
			dir := filepath.Join(t.TempDir(), "demo")
			args := append([]string{"-rn", bin, "new", "demo", "--no-config", "--yes", "--git", "--dir", dir}, tc.args...)
			out, err := exec.Command("unshare", args...).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: pystart new without a network: %v\n%s", tc.name, err, out)
			}
			for _, name := range []string{tc.marker, ".pystart.yaml", ".git/HEAD"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					t.Errorf("%s: %v\n%s", tc.name, err, out)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, ".git", "refs", "heads", "main")); err != nil {
				t.Errorf("%s: no commit on main: %v\n%s", tc.name, err, out)
			}
		}
	})
}

// buildPystart builds cmd/pystart into a temporary folder with the go command on PATH (go test
// puts its own first). It returns the binary, or why there is none.
func buildPystart(t *testing.T) (bin, skip string) {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", "no go command to build pystart with"
	}
	bin = filepath.Join(t.TempDir(), "pystart")
	if out, err := exec.Command(goCmd, "build", "-o", bin, "github.com/pystart/pystart/cmd/pystart").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin, ""
}
