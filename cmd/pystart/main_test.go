package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite testscript cmp expectations from actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pystart": func() { os.Exit(int(Main(os.Args[1:], SystemStreams(), os.Getenv))) },
	})
}

// TestScripts runs testdata/script/*.txtar: each reads like a user's terminal session.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *updateScripts,
		Setup: func(env *testscript.Env) error {
			// A fixed identity: testscript's HOME is /no-home, so no ~/.gitconfig is read.
			env.Setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
			env.Setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "Ada Lovelace")
			env.Setenv("GIT_COMMITTER_EMAIL", "ada@example.com")
			// Nor /etc/gitconfig, for pystart and for the real git the scripts run.
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			// The folder testscript put the pystart command in (first on PATH), for scripts
			// that replace PATH with fake tools, as doctor.txtar does.
			env.Setenv("PYSTART_BIN", strings.Split(env.Getenv("PATH"), string(os.PathListSeparator))[0])
			// The repository's blueprints as a folder on disk, for scripts that use --blueprints
			// the way a platform team points pystart at its own.
			dir, err := filepath.Abs(filepath.Join("..", "..", "blueprints"))
			if err != nil {
				return err
			}
			env.Setenv("REPO_BLUEPRINTS", dir)
			return nil
		},
	})
}

// SIGTERM (kill, a CI timeout, docker stop) cancels a run as Ctrl-C does, so generation leaves
// nothing behind (no .NAME.pystart-* staging folder). Untrapped, it would end this test process.
func TestSIGTERMCancelsLikeCtrlC(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM to send on Windows")
	}
	ctx, stop := signalContext()
	defer stop()
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not cancel the run's context")
	}
}

// NO_COLOR is read through the Factory's Getenv, as every variable is, and --no-color does the
// same: the colour profile of every lipgloss style (the wizard's) becomes plain. Colour forced
// on first stands for a terminal (or CLICOLOR_FORCE); no_color.txtar checks the output itself.
func TestNoColorTurnsColourOff(t *testing.T) {
	defer lipgloss.SetColorProfile(lipgloss.ColorProfile())
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want termenv.Profile
	}{
		{"colour stays", []string{"version"}, nil, termenv.ANSI256},
		{"NO_COLOR", []string{"version"}, map[string]string{"NO_COLOR": "1"}, termenv.Ascii},
		{"empty NO_COLOR is unset", []string{"version"}, map[string]string{"NO_COLOR": ""}, termenv.ANSI256},
		{"--no-color", []string{"version", "--no-color"}, nil, termenv.Ascii},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lipgloss.SetColorProfile(termenv.ANSI256)
			streams, _, _, errOut := TestStreams()
			if code := Main(tc.args, streams, func(k string) string { return tc.env[k] }); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := lipgloss.ColorProfile(); got != tc.want {
				t.Errorf("colour profile %v, want %v", got, tc.want)
			}
		})
	}
}
