//go:build e2e

package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pystart/pystart/generator/recommend"
)

// TestWizardInRealTerminal runs the built binary in tmux, answers the wizard with key presses
// as a person would, checks the screen, then installs and checks the project it made. Its
// .pystart.yaml is replayed with --answers into a second tree that must be identical but for
// secrets, and is checked too.
func TestWizardInRealTerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
	t.Parallel()
	start := time.Now()
	root := filepath.Join(workRoot, "wizard")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	session := "pystart-e2e-wizard"
	exec.Command("tmux", "kill-session", "-t", session).Run()
	var env []string
	for _, kv := range gitIdentity {
		env = append(env, "'"+kv+"'")
	}
	script := "cd " + root + " && env " + strings.Join(env, " ") + " " + pystart + " new; echo PYSTART-EXIT=$?; sleep 600"
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "45", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", session).Run() })

	screen := func() string {
		out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", session).Output()
		return string(out)
	}
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(screen(), text) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("screen never showed %q; it shows:\n%s", text, screen())
	}
	keys := func(k ...string) {
		t.Helper()
		for _, key := range k {
			if err := exec.Command("tmux", "send-keys", "-t", session, key).Run(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(80 * time.Millisecond)
		}
	}

	waitFor("Project name")
	keys("e2e-wizard", "Enter")
	waitFor("What are you building?")
	cms := slices.IndexFunc(recommend.UseCases(), func(u recommend.UseCase) bool { return u.ID == "cms" })
	for range cms + 1 { // option 0 is "Not sure"
		keys("Down")
	}
	keys("Enter")
	waitFor("Team size")
	keys("Down", "Down", "Enter") // a large team
	keys("x", "Enter")            // needs an admin panel
	keys("Enter", "Enter")        // no priority, no side services
	waitFor("django (scores: flask 0, django 9, hybrid 0; runner-up flask)")
	waitFor("Django (recommended)")
	keys("Enter") // accept the recommendation
	waitFor("Database")
	keys("Enter", "Down", "Enter") // extensions as suggested, PostgreSQL
	waitFor("Generate it?")
	waitFor("e2e-wizard: Django with postgres")
	keys("Enter") // Generate is the default
	waitFor("PYSTART-EXIT=0")
	if s := screen(); !strings.Contains(s, "Equivalent command: pystart new e2e-wizard --framework django --use-case cms --team large --admin") {
		t.Fatalf("no equivalent command on screen:\n%s", s)
	}

	dir := filepath.Join(root, "e2e-wizard")
	wizardRow := row{Name: "wizard", Framework: "django", Grep: map[string]string{".pystart.yaml": "(?m)^use_case: cms$", "pyproject.toml": `psycopg\[binary\]`}}
	tests := checkProject(t, wizardRow, dir, "e2e-wizard")
	record(t, "wizard (tmux)", tests, start)

	// Replay the answers file into a second tree: identical apart from .env's secrets.
	start = time.Now()
	replay := filepath.Join(root, "replay")
	p := &project{t: t, dir: root, env: gitIdentity}
	p.run(pystart, "new", "e2e-wizard", "--answers", filepath.Join(dir, ".pystart.yaml"), "--dir", replay)
	compareTrees(t, dir, replay)
	tests = checkProject(t, row{Name: "replay", Framework: "django"}, replay, "e2e-wizard")
	record(t, "wizard replayed (--answers)", tests, start)
}

// compareTrees fails unless a and b hold the same files with the same bytes, ignoring .env,
// .git and what installing and testing left behind.
func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() && slices.Contains([]string{".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache"}, d.Name()) {
				return filepath.SkipDir
			}
			if d.IsDir() || rel == ".env" || rel == "uv.lock" || strings.HasSuffix(rel, ".sqlite3") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[rel] = data
			return nil
		})
		return files
	}
	fa, fb := read(a), read(b)
	for name, data := range fa {
		if other, ok := fb[name]; !ok {
			t.Errorf("replay lacks %s", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("replay differs in %s", name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			t.Errorf("replay has extra %s", name)
		}
	}
}

// TestNoColorInRealTerminal: the wizard is coloured on a terminal, and not at all with NO_COLOR
// or --no-color (tmux capture-pane -e keeps the escape sequences).
func TestNoColorInRealTerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])[;m]`)
	for _, tc := range []struct {
		name, prefix string
		wantColour   bool
	}{
		{"colour", "", true},
		{"NO_COLOR", "NO_COLOR=1 ", false},
		{"--no-color", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			session := "pystart-e2e-colour-" + strings.ReplaceAll(tc.name, "-", "")
			exec.Command("tmux", "kill-session", "-t", session).Run()
			flag := ""
			if tc.name == "--no-color" {
				flag = " --no-color"
			}
			// The pane starts from an empty environment: the runner's own variables reach it through
			// the tmux server, and CI systems set several that switch colour off (NO_COLOR, CLICOLOR,
			// and CI itself, which termenv takes to mean "not a terminal"). Only the case under test
			// may set them.
			script := "cd " + t.TempDir() + " && env -i PATH=" + shellQuote(os.Getenv("PATH")) + " HOME=" + shellQuote(t.TempDir()) +
				" TERM=xterm-256color COLORTERM=truecolor " + tc.prefix + pystart + flag + " new; sleep 60"
			if out, err := exec.Command("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", script).CombinedOutput(); err != nil {
				t.Fatalf("tmux: %v\n%s", err, out)
			}
			t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", session).Run() })
			var screen string
			for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				out, _ := exec.Command("tmux", "capture-pane", "-e", "-p", "-t", session).Output()
				if screen = string(out); strings.Contains(screen, "Project name") {
					break
				}
			}
			if !strings.Contains(screen, "Project name") {
				t.Fatalf("the wizard did not start:\n%s", screen)
			}
			if got := colour.MatchString(screen); got != tc.wantColour {
				t.Fatalf("colour on screen = %v, want %v:\n%q", got, tc.wantColour, screen)
			}
		})
	}
}

// shellQuote quotes s for the sh -c that tmux runs a session's command with.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
