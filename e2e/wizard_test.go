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

// TestWizardInRealTerminal runs the built binary in tmux and answers the wizard with key presses
// as a person would. "generate" checks the screen, then installs and checks the project it made;
// its .pystart.yaml is replayed with --answers into a second tree that must be identical but for
// secrets, and is checked too. The ctrl-c subtests press Ctrl-C halfway, on the full-screen
// wizard and on the line-by-line one (ACCESSIBLE=1).
func TestWizardInRealTerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
	t.Parallel()
	t.Run("generate", wizardGenerates)
	t.Run("ctrl-c", func(t *testing.T) { t.Parallel(); wizardCtrlC(t, "ctrlc", "") })
	t.Run("ctrl-c accessible", func(t *testing.T) { t.Parallel(); wizardCtrlC(t, "ctrlc-accessible", "ACCESSIBLE=1") })
}

func wizardGenerates(t *testing.T) {
	t.Parallel()
	start := time.Now()
	root := filepath.Join(workRoot, "wizard")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	pane := startPane(t, "pystart-e2e-wizard", root, gitIdentity...)

	pane.waitFor("Project name")
	pane.keys("e2e-wizard", "Enter")
	pane.waitFor("What are you building?")
	cms := slices.IndexFunc(recommend.UseCases(), func(u recommend.UseCase) bool { return u.ID == "cms" })
	for range cms + 1 { // option 0 is "Not sure"
		pane.keys("Down")
	}
	pane.keys("Enter")
	pane.waitFor("Team size")
	pane.keys("Down", "Down", "Enter") // a large team
	pane.keys("x", "Enter")            // needs an admin panel
	pane.keys("Enter", "Enter")        // no priority, no side services
	pane.waitFor("django (scores: flask 0, django 9, hybrid 0; runner-up flask)")
	pane.waitFor("Django (recommended)")
	pane.keys("Enter") // accept the recommendation
	pane.waitFor("Database")
	pane.keys("Enter", "Down", "Enter") // extensions as suggested, PostgreSQL
	pane.waitFor("Generate it?")
	pane.waitFor("e2e-wizard: Django with postgres")
	pane.keys("Enter") // Generate is the default
	pane.waitFor("PYSTART-EXIT=0")
	if s := pane.screen(); !strings.Contains(s, "Equivalent command: pystart new e2e-wizard --framework django --use-case cms --team large --admin") {
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

// wizardCtrlC answers the name and the use case, presses Ctrl-C at the team size, and expects
// what pystart promises: exit 130, the cancelled line, and nothing written. On the full-screen
// wizard Ctrl-C is a key; on the line-by-line one the terminal turns it into SIGINT.
func wizardCtrlC(t *testing.T, name, env string) {
	root := filepath.Join(workRoot, "wizard-"+name)
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	vars := slices.Clone(gitIdentity)
	if env != "" {
		vars = append(vars, env)
	}
	pane := startPane(t, "pystart-e2e-wizard-"+name, root, vars...)
	pane.waitFor("Project name")
	pane.keys("e2e-ctrlc", "Enter")
	pane.waitFor("What are you building?")
	if env == "" {
		pane.keys("Down", "Enter") // a microservice
	} else {
		pane.keys("2", "Enter") // the same, by its number
	}
	pane.waitFor("Team size")
	pane.keys("C-c")
	pane.waitFor("PYSTART-EXIT=")
	s := pane.screen()
	if !strings.Contains(s, "PYSTART-EXIT=130") || !strings.Contains(s, "pystart: cancelled, nothing was written") {
		t.Fatalf("after Ctrl-C: want exit 130 and the cancelled line:\n%s", s)
	}
	// On the line-by-line wizard the questions stop where Ctrl-C was pressed.
	if env != "" && strings.Contains(s, "It needs") {
		t.Fatalf("questions went on after Ctrl-C:\n%s", s)
	}
	entries, err := os.ReadDir(root)
	if err != nil || len(entries) != 0 {
		t.Fatalf("Ctrl-C left %v in %s (%v)", entries, root, err)
	}
}

// pane is a tmux session running `pystart new` in a folder, then printing its exit status.
type pane struct {
	t       *testing.T
	session string
}

// startPane starts pystart new in dir under tmux, with env (NAME=value) set for it.
func startPane(t *testing.T, session, dir string, env ...string) *pane {
	t.Helper()
	exec.Command("tmux", "kill-session", "-t", session).Run()
	var quoted []string
	for _, kv := range env {
		quoted = append(quoted, shellQuote(kv))
	}
	script := "cd " + shellQuote(dir) + " && env " + strings.Join(quoted, " ") + " " + pystart + " new; echo PYSTART-EXIT=$?; sleep 600"
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "45", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", session).Run() })
	return &pane{t: t, session: session}
}

func (p *pane) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", p.session).Output()
	return string(out)
}

// waitFor polls the screen until it shows text, for up to 15 s.
func (p *pane) waitFor(text string) {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(p.screen(), text) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("screen never showed %q; it shows:\n%s", text, p.screen())
}

// keys types each key (a tmux key name or text) with a pause after it, as a person would.
func (p *pane) keys(k ...string) {
	p.t.Helper()
	for _, key := range k {
		if err := exec.Command("tmux", "send-keys", "-t", p.session, key).Run(); err != nil {
			p.t.Fatal(err)
		}
		time.Sleep(80 * time.Millisecond)
	}
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
