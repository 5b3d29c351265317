//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Rows with `services: [postgres, redis]` run against real servers: PostgreSQL started by
// e2e/with-services (one throwaway cluster, a fresh database per row) and a redis-server per row,
// so a row can tell from the server's own counters that its project really used Redis.

// requireServices skips (or, with PYSTART_E2E_REQUIRE_SERVICES=1, fails) a row whose servers
// are not available, before anything is generated.
func requireServices(t *testing.T, r row) {
	var missing []string
	for _, s := range r.Services {
		switch s {
		case "postgres":
			if os.Getenv("PYSTART_E2E_POSTGRES_URL") == "" {
				missing = append(missing, "PostgreSQL (PYSTART_E2E_POSTGRES_URL)")
			}
		case "redis":
			if os.Getenv("PYSTART_E2E_REDIS_SERVER") == "" {
				missing = append(missing, "Redis (PYSTART_E2E_REDIS_SERVER)")
			}
		default:
			t.Fatalf("services: unknown %q: use postgres or redis", s)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("needs %s: run the matrix through e2e/with-services (make e2e does)", strings.Join(missing, " and "))
	if os.Getenv("PYSTART_E2E_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// services is what a row's servers need checked after the project's tests ran.
type services struct {
	t         *testing.T
	redisAddr string
	redisBase int // commands the server had processed before the tests
}

// startServices gives the installed project its databases and Redis through the environment
// and prepares them the way a user would (migrate, flask db upgrade), checking each step
// reached the real server.
func startServices(t *testing.T, p *project, r row, pkg string) *services {
	s := &services{t: t}
	if slices.Contains(r.Services, "redis") {
		s.redisAddr = startRedis(t)
		url := "redis://" + s.redisAddr + "/0"
		// Every name a generated project reads Redis from; the tests' own *_TEST_* names
		// included, since tests never use the server a developer works with by default.
		p.env = append(p.env, "REDIS_URL="+url, "CACHE_REDIS_URL="+url, "TEST_CACHE_REDIS_URL="+url,
			"CELERY_BROKER_URL="+url, "CELERY_RESULT_BACKEND="+url)
	}
	if slices.Contains(r.Services, "postgres") {
		db := "e2e_" + strings.ReplaceAll(r.Name, "-", "_")
		base := os.Getenv("PYSTART_E2E_POSTGRES_URL")
		switch r.framework() {
		case "django":
			// pytest-django makes its own test_<name> database beside this one.
			createDatabase(t, db)
			p.env = append(p.env, "DATABASE_URL="+base+"/"+db)
			p.run("python", "manage.py", "migrate", "--noinput")
			if n := psql(t, db, "SELECT count(*) FROM django_migrations"); n == "0" {
				t.Fatal("migrate applied nothing to PostgreSQL")
			}
			vendor := p.runEnv([]string{"DJANGO_SETTINGS_MODULE=config.settings.test"}, "python", "-c",
				"import django; django.setup(); from django.db import connection; print(connection.vendor)")
			if strings.TrimSpace(vendor) != "postgresql" {
				t.Fatalf("the test settings use %q, not PostgreSQL", strings.TrimSpace(vendor))
			}
		case "flask":
			createDatabase(t, db)
			createDatabase(t, db+"_test")
			p.env = append(p.env, "DATABASE_URL="+base+"/"+db, "TEST_DATABASE_URL="+base+"/"+db+"_test")
			if fileExists(filepath.Join(p.dir, "migrations", "env.py")) {
				p.run("flask", "--app", pkg, "db", "upgrade")
				if v := psql(t, db, "SELECT version_num FROM alembic_version"); v == "" {
					t.Fatal("flask db upgrade left no alembic_version in PostgreSQL")
				}
			}
			dialect := p.run("python", "-c", fmt.Sprintf(
				"from %[1]s import create_app\nfrom %[1]s.extensions import db\napp = create_app('testing')\nwith app.app_context(): print(db.engine.dialect.name)", pkg))
			if strings.TrimSpace(dialect) != "postgresql" {
				t.Fatalf("the testing config uses %q, not PostgreSQL", strings.TrimSpace(dialect))
			}
		default:
			t.Fatalf("services: postgres needs a flask or django row")
		}
	}
	if s.redisAddr != "" {
		s.redisBase = redisCommands(t, s.redisAddr)
	}
	return s
}

// verify checks, after the project's tests, that they talked to Redis: the server counts every
// command it processed, and reading that count is one command itself.
func (s *services) verify() {
	if s.redisAddr == "" {
		return
	}
	defer s.verifyCount()
}

func (s *services) verifyCount() {
	if n := redisCommands(s.t, s.redisAddr) - s.redisBase - 1; n < 1 {
		s.t.Fatal("the tests sent no command to Redis: the project did not use it")
	} else {
		s.t.Logf("redis: the tests sent %d commands", n)
	}
}

// celeryRoundTrip starts a real Celery worker on the row's Redis, sends the example task with
// .delay() from `manage.py shell` (not eagerly) and waits for its result; then stops the worker
// with SIGTERM, as a deployment would, and requires a clean exit.
func celeryRoundTrip(t *testing.T, p *project, pkg string) {
	t.Helper()
	p.run("python", "manage.py", "migrate", "--noinput")
	env := append(append(os.Environ(), p.env...), "DJANGO_SETTINGS_MODULE=config.settings.dev")
	var log bytes.Buffer
	worker := dieWithTest(exec.Command(filepath.Join(p.venv, "bin", "celery"), "-A", "config", "worker",
		"--pool", "solo", "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"))
	worker.Dir, worker.Env, worker.Stdout, worker.Stderr = p.dir, env, &log, &log
	if err := worker.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			worker.Process.Kill()
			worker.Wait()
		}
	})
	script := fmt.Sprintf(`from django.contrib.auth import get_user_model
from %s.core.tasks import send_welcome_email
user = get_user_model().objects.create_user("worker-check", "worker@example.com", "x" * 16)
result = send_welcome_email.delay(user.pk)
print(type(result).__name__, result.get(timeout=60))`, pkg)
	shell := strings.TrimSpace(p.runEnv([]string{"DJANGO_SETTINGS_MODULE=config.settings.dev"}, "python", "manage.py", "shell", "-c", script))
	out := shell[strings.LastIndex(shell, "\n")+1:] // the shell may say first what it imported
	if out != "AsyncResult worker@example.com" {
		t.Fatalf("the task did not come back from a worker (want AsyncResult, not an eager result):\n%s\nworker:\n%s", shell, log.String())
	}
	worker.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- worker.Wait() }()
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			t.Fatalf("the worker did not stop cleanly on SIGTERM: %v\n%s", err, log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the worker did not stop within 30s of SIGTERM:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "succeeded") {
		t.Fatalf("the worker log has no succeeded task:\n%s", log.String())
	}
	t.Logf("celery: %s, from a real worker that then stopped cleanly", out)
}

func createDatabase(t *testing.T, name string) {
	t.Helper()
	psql(t, "postgres", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	psql(t, "postgres", "CREATE DATABASE "+name)
}

// psql runs one statement as the superuser and returns its single value.
func psql(t *testing.T, db, sql string) string {
	t.Helper()
	cmd := exec.Command(os.Getenv("PYSTART_E2E_PSQL"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
		"-d", os.Getenv("PYSTART_E2E_POSTGRES_URL")+"/"+db, "-c", sql)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("psql %s: %v\n%s", sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// startRedis runs a redis-server of the row's own on a free loopback port, stopped with the row.
func startRedis(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := dieWithTest(exec.Command(os.Getenv("PYSTART_E2E_REDIS_SERVER"), "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--save", "", "--appendonly", "no", "--dir", t.TempDir()))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server on %s did not start", addr)
		}
	}
}

var totalCommands = regexp.MustCompile(`(?m)^total_commands_processed:(\d+)`)

// redisCommands asks the server how many commands it has processed (INFO stats, in RESP).
func redisCommands(t *testing.T, addr string) int {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "INFO stats\r\n"); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(c)
	header, err := rd.ReadString('\n')
	if err != nil || !strings.HasPrefix(header, "$") {
		t.Fatalf("redis INFO: %q %v", header, err)
	}
	size, _ := strconv.Atoi(strings.TrimSpace(header[1:]))
	body := make([]byte, size)
	if _, err := io.ReadFull(rd, body); err != nil {
		t.Fatal(err)
	}
	m := totalCommands.FindSubmatch(body)
	if m == nil {
		t.Fatalf("redis INFO has no total_commands_processed:\n%s", body)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
