//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// checkHybrid checks a hybrid project: its deployment files statically (compose.yaml, the nginx
// configuration), then every service as a project of its own (installed into its own .venv,
// its tests, ruff, Django's or Flask's checks), then the cross-service tests, which start the
// services as real processes. It returns the tests passed across all of them.
func checkHybrid(t *testing.T, r row, dir, name string) string {
	services := checkCompose(t, dir)
	checkNginx(t, dir)
	total := 0
	for _, svc := range services {
		sr := r
		sr.Framework = "flask"
		pkg := strings.ReplaceAll(svc, "-", "_")
		if svc == "web" {
			sr.Framework, pkg = "django", strings.ReplaceAll(name, "-", "_")
		} else {
			sr.Services = nil // PostgreSQL and Redis are the main application's
		}
		n, _ := strconv.Atoi(checkPython(t, sr, filepath.Join(dir, "services", svc), pkg))
		total += n
	}
	p := &project{t: t, dir: dir, env: gitIdentity}
	out := p.run("make", "test-cross")
	n, _ := strconv.Atoi(passedCount(out))
	if n == 0 {
		t.Fatalf("make test-cross passed no test:\n%s", out)
	}
	t.Logf("cross-service tests:\n%s", out)
	return strconv.Itoa(total + n)
}

// checkCompose parses compose.yaml: every built service has its folder and Dockerfile, every
// env_file exists, and only the proxy is published; compose.dev.yaml, which publishes the
// databases on loopback for make dev, only names services compose.yaml has. It returns the services
// under services/ that compose builds, which must be all of them.
func checkCompose(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Build   string   `yaml:"build"`
			EnvFile string   `yaml:"env_file"`
			Ports   []string `yaml:"ports"`
			Image   string   `yaml:"image"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	var built []string
	for id, s := range compose.Services {
		if s.Build == "" && s.Image == "" {
			t.Fatalf("compose.yaml: service %s has neither build nor image", id)
		}
		if s.Build != "" {
			if !fileExists(filepath.Join(dir, s.Build, "Dockerfile")) {
				t.Fatalf("compose.yaml: service %s builds %s, which has no Dockerfile", id, s.Build)
			}
			if svc, ok := strings.CutPrefix(s.Build, "services/"); ok && !slices.Contains(built, svc) {
				built = append(built, svc)
			}
		}
		if s.EnvFile != "" && !fileExists(filepath.Join(dir, s.EnvFile)) {
			t.Fatalf("compose.yaml: service %s reads %s, which does not exist", id, s.EnvFile)
		}
		if id != "proxy" && len(s.Ports) > 0 {
			t.Fatalf("compose.yaml: %s publishes %v: only the proxy may (compose.dev.yaml adds the databases for make dev)", id, s.Ports)
		}
	}
	if _, ok := compose.Services["proxy"]; !ok {
		t.Fatal("compose.yaml: no proxy service")
	}
	dev, err := os.ReadFile(filepath.Join(dir, "compose.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var override struct {
		Services map[string]struct {
			Ports []string `yaml:"ports"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(dev, &override); err != nil {
		t.Fatalf("compose.dev.yaml: %v", err)
	}
	for id, s := range override.Services {
		if _, ok := compose.Services[id]; !ok {
			t.Fatalf("compose.dev.yaml: service %s is not in compose.yaml", id)
		}
		for _, port := range s.Ports {
			if !strings.HasPrefix(port, "127.0.0.1:") {
				t.Fatalf("compose.dev.yaml: %s publishes %s beyond loopback", id, port)
			}
		}
	}
	onDisk, _ := filepath.Glob(filepath.Join(dir, "services", "*", "pyproject.toml"))
	if len(onDisk) != len(built) {
		t.Fatalf("compose.yaml builds %v, but services/ has %d projects", built, len(onDisk))
	}
	slices.Sort(built)
	return built
}

// checkNginx runs `nginx -t` on the generated proxy configuration (Debian's nginx; the
// upstreams are resolved at request time, so the test needs no Docker network).
func checkNginx(t *testing.T, dir string) {
	nginx, err := exec.LookPath("nginx")
	if err != nil && fileExists("/usr/sbin/nginx") {
		nginx, err = "/usr/sbin/nginx", nil
	}
	if err != nil {
		if os.Getenv("PYSTART_E2E_REQUIRE_SERVICES") == "1" {
			t.Fatal("nginx is not installed: e2e/with-services installs it")
		}
		t.Log("nginx not installed: proxy/nginx.conf not checked")
		return
	}
	tmp := t.TempDir()
	p := &project{t: t, dir: dir}
	out := p.run(nginx, "-t", "-c", filepath.Join(dir, "proxy", "nginx.conf"), "-p", tmp, "-e", filepath.Join(tmp, "error.log"), "-g", "pid "+filepath.Join(tmp, "nginx.pid")+";")
	if !strings.Contains(out, "test is successful") {
		t.Fatalf("nginx -t:\n%s", out)
	}
}
