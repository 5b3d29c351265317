//go:build e2e

package e2e

import (
	"fmt"
	"maps"
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
	if r.FreshClone {
		checkFreshClone(t, dir, filepath.Join(workRoot, r.Name+"-clone"), services)
	}
	return strconv.Itoa(total + n)
}

// checkFreshClone clones the generated repository, which has no .env (git ignores them), and sets
// the clone up as its README says. make keys refuses first: there is no .env to rotate a key
// pair in. make env writes every service's .env with fresh secrets, the key pair and the
// internal credential shared as pystart shares them; a second make env changes nothing. Then
// make install (the uv cache is warm) and the cross-service tests, which run every service with
// the .env make env wrote: Django signs tokens with its private key, the services verify them
// with the public key, and the webhooks service forwards with INTERNAL_API_TOKEN.
func checkFreshClone(t *testing.T, dir, clone string, services []string) {
	p := &project{t: t, dir: workRoot, env: gitIdentity}
	p.run("git", "clone", "--quiet", dir, clone)
	c := &project{t: t, dir: clone, env: append(slices.Clone(gitIdentity), "UV_CACHE_DIR="+uvCache,
		"UV_PYTHON=python3.11", "UV_PYTHON_DOWNLOADS=never", "UV_NO_PROGRESS=1")}
	envFiles := func() map[string]map[string]string {
		found := map[string]map[string]string{}
		for _, svc := range services {
			if values, err := envFile(filepath.Join(clone, "services", svc, ".env")); err == nil {
				found[svc] = values
			}
		}
		return found
	}
	if found := envFiles(); len(found) > 0 {
		t.Fatalf("the clone has .env files: %v", found)
	}

	keys := exec.Command("make", "keys")
	keys.Dir = clone
	if out, err := keys.CombinedOutput(); err == nil || !strings.Contains(string(out), "run make env") {
		t.Fatalf("make keys without .env: want a failure that says to run make env, got %v:\n%s", err, out)
	}
	if found := envFiles(); len(found) > 0 {
		t.Fatalf("make keys without .env wrote some: %v", found)
	}

	out := c.run("make", "env")
	written := envFiles()
	original := map[string]map[string]string{}
	for _, svc := range services {
		if !strings.Contains(out, "services/"+svc+"/.env: written from .env.example") {
			t.Fatalf("make env did not write services/%s/.env:\n%s", svc, out)
		}
		values, err := envFile(filepath.Join(dir, "services", svc, ".env"))
		if err != nil {
			t.Fatal(err)
		}
		original[svc] = values
		if fmt.Sprint(keysOf(written[svc])) != fmt.Sprint(keysOf(original[svc])) {
			t.Fatalf("services/%s/.env: make env wrote %v, pystart %v", svc, keysOf(written[svc]), keysOf(original[svc]))
		}
	}
	web := written["web"]
	for _, name := range []string{"DJANGO_SECRET_KEY", "JWT_PRIVATE_KEY", "JWT_PUBLIC_KEY", "INTERNAL_API_TOKEN"} {
		if web[name] == "" || web[name] == original["web"][name] || web[name] == "change-me" {
			t.Fatalf("services/web/.env: %s is %q, not a fresh value", name, web[name])
		}
	}
	for svc, values := range written {
		if values["JWT_PUBLIC_KEY"] != web["JWT_PUBLIC_KEY"] {
			t.Fatalf("services/%s/.env: JWT_PUBLIC_KEY is not the main application's", svc)
		}
		if token, ok := values["INTERNAL_API_TOKEN"]; ok && token != web["INTERNAL_API_TOKEN"] {
			t.Fatalf("services/%s/.env: INTERNAL_API_TOKEN is not the main application's", svc)
		}
		if svc != "web" && values["SECRET_KEY"] == "change-me" {
			t.Fatalf("services/%s/.env: SECRET_KEY is the placeholder", svc)
		}
		if _, ok := values["JWT_PRIVATE_KEY"]; ok && svc != "web" {
			t.Fatalf("services/%s/.env has the private key", svc)
		}
	}
	if secret, ok := written["webhooks"]["WEBHOOK_SECRET"]; ok && len(secret) != 48 {
		t.Fatalf("services/webhooks/.env: WEBHOOK_SECRET is %q", secret)
	}

	out = c.run("make", "env")
	if strings.Count(out, ": exists, left as it is") != len(services) || fmt.Sprint(envFiles()) != fmt.Sprint(written) {
		t.Fatalf("a second make env changed something:\n%s", out)
	}
	if status := c.run("git", "status", "--porcelain"); status != "" {
		t.Fatalf("git status not clean after make env:\n%s", status)
	}

	c.run("make", "install")
	out = c.run("make", "test-cross")
	if passedCount(out) == "" {
		t.Fatalf("make test-cross in the clone passed no test:\n%s", out)
	}
}

func keysOf(m map[string]string) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
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
