package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// fakeRunner records the commands install runs and fails the one named in fail.
type fakeRunner struct {
	calls []string
	fail  string
}

func (r *fakeRunner) run(_ context.Context, dir, name string, args ...string) ([]byte, error) {
	call := strings.Join(append([]string{name}, args...), " ")
	r.calls = append(r.calls, dir+": "+call)
	if call == r.fail {
		return []byte("ERROR: No matching distribution found for flask\n"), errors.New("exit status 1")
	}
	if len(args) > 0 && (args[len(args)-1] == "-q") {
		return []byte("........\n8 passed in 0.42s\n"), nil
	}
	return nil, nil
}

func noUV(name string) (string, error) {
	if name == "uv" {
		return "", exec.ErrNotFound
	}
	return "/usr/bin/" + name, nil
}

func TestInstallWithoutUVUsesVenvAndPip(t *testing.T) {
	streams, _, out, errOut := TestStreams()
	r := &fakeRunner{}
	if err := install(context.Background(), streams, r.run, noUV, "api", nil); err != nil {
		t.Fatalf("install: %v\n%s", err, errOut)
	}
	want := []string{
		"api: python3 -m venv .venv",
		"api: .venv/bin/python -m pip install --quiet pip>=25.1",
		"api: .venv/bin/python -m pip install --quiet -e . --group dev",
		"api: .venv/bin/python -m pytest -q",
	}
	if strings.Join(r.calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(r.calls, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(out.String(), "  tests:  8 passed in 0.42s\n") {
		t.Errorf("no test summary:\n%s", out)
	}
}

func TestInstallFailureStopsAndNamesTheRerun(t *testing.T) {
	streams, _, out, errOut := TestStreams()
	r := &fakeRunner{fail: ".venv/bin/python -m pip install --quiet -e . --group dev"}
	err := install(context.Background(), streams, r.run, noUV, "api", nil)
	if !errors.Is(err, errInstall) {
		t.Fatalf("err = %v, want errInstall", err)
	}
	if len(r.calls) != 3 {
		t.Errorf("ran on after the failure: %q", r.calls)
	}
	if !strings.Contains(out.String(), "No matching distribution found for flask") {
		t.Errorf("the failed command's output is not shown:\n%s", out)
	}
	wantErr := "pystart: .venv/bin/python -m pip install --quiet -e . --group dev failed; api was generated and is kept: " +
		"fix the cause, then run: cd api && .venv/bin/python -m pip install --quiet -e . --group dev && .venv/bin/python -m pytest -q\n"
	if errOut.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
}

// Ctrl-C during a step: the project stays, the message says so and how to finish, exit 130
// (not "failed ... signal: interrupt ... fix the cause", exit 1, as before).
func TestInstallCancelledKeepsTheProjectAndSaysHowToFinish(t *testing.T) {
	streams, _, out, errOut := TestStreams()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	withUV := func(name string) (string, error) { return "/usr/bin/" + name, nil }
	run := func(ctx context.Context, _, name string, args ...string) ([]byte, error) {
		cancel() // the user presses Ctrl-C while uv sync runs
		return []byte("Resolved 12 packages\n"), errors.New("signal: interrupt")
	}
	err := install(ctx, streams, run, withUV, "shop", nil)
	var kept *installCancelled
	if !errors.As(err, &kept) {
		t.Fatalf("err = %v, want an installCancelled", err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want it to wrap context.Canceled", err)
	}
	if strings.Contains(out.String(), "failed") || errOut.Len() > 0 {
		t.Errorf("a cancelled step is reported as a failure:\n%s%s", out, errOut)
	}
	if !strings.Contains(out.String(), "  stopped uv sync (") {
		t.Errorf("no stopped line:\n%s", out)
	}
	var report bytes.Buffer
	if code := exitCode(err, &report); code != ExitCancelled {
		t.Errorf("exit code %d, want %d", code, ExitCancelled)
	}
	want := "pystart: cancelled during uv sync; shop was generated and is kept: to finish, run: cd shop && uv sync && uv run pytest -q\n"
	if report.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", report.String(), want)
	}
}

// A step stopped by Ctrl-C returns within the stop delay, even when a process it started holds
// its output open and it ignores the interrupt. Without WaitDelay this took the sleep's 20 s.
func TestRunStoppingReturnsPromptlyAfterCancel(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := runStopping(ctx, 300*time.Millisecond, t.TempDir(), "sh", "-c", "trap '' INT; sleep 20; echo done")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("returned after %s, want about 0.4s", took.Round(time.Millisecond))
	}
	if err == nil {
		t.Errorf("a stopped command reported success")
	}
}

func TestInstallHybridInstallsEachServiceThenTheCrossServiceTests(t *testing.T) {
	streams, _, _, errOut := TestStreams()
	r := &fakeRunner{}
	withUV := func(name string) (string, error) { return "/usr/bin/" + name, nil }
	if err := install(context.Background(), streams, r.run, withUV, "shop", []string{"services/web", "services/webhooks"}); err != nil {
		t.Fatalf("install: %v\n%s", err, errOut)
	}
	want := []string{
		"shop/services/web: uv sync",
		"shop/services/web: uv run pytest -q",
		"shop/services/webhooks: uv sync",
		"shop/services/webhooks: uv run pytest -q",
		"shop: services/web/.venv/bin/python -m pytest -q tests",
	}
	if strings.Join(r.calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(r.calls, "\n"), strings.Join(want, "\n"))
	}
	steps := projectInstallSteps(withUV, "linux", []string{"services/web"})
	if got := steps[0].String(); got != "(cd services/web && uv sync)" {
		t.Errorf("a part's step reads %q, want it to say where it runs", got)
	}
}

// The commands printed for the user to paste are shell text: a word with a space or a shell
// metacharacter is quoted, so pip>=25.1 is not a redirection and "my shop" is one folder.
func TestShellQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"uv", "uv"},
		{".venv/bin/python", ".venv/bin/python"},
		{"--group", "--group"},
		{"-e", "-e"},
		{".", "."},
		{"pip>=25.1", "'pip>=25.1'"},
		{"my shop", "'my shop'"},
		{"it's", `'it'\''s'`},
		{"$HOME", "'$HOME'"},
		{"a;b", "'a;b'"},
		{"~/src/api", "'~/src/api'"},
		{"*", "'*'"},
		{"", "''"},
		{"user@host:1,2+3%=x", "user@host:1,2+3%=x"},
	} {
		if got := shellQuote(tc.in); got != tc.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestInstallStepStringIsPasteable(t *testing.T) {
	for _, tc := range []struct {
		step installStep
		want string
	}{
		{installStep{name: "uv", args: []string{"sync"}}, "uv sync"},
		{installStep{name: ".venv/bin/python", args: []string{"-m", "pip", "install", "--quiet", "pip>=25.1"}},
			".venv/bin/python -m pip install --quiet 'pip>=25.1'"},
		{installStep{dir: "services/web", name: "uv", args: []string{"sync"}}, "(cd services/web && uv sync)"},
		{installStep{dir: "my services/web", name: "uv", args: []string{"run", "pytest", "-q"}}, "(cd 'my services/web' && uv run pytest -q)"},
	} {
		if got := tc.step.String(); got != tc.want {
			t.Errorf("%#v.String() = %s, want %s", tc.step, got, tc.want)
		}
	}
}

// A failure in a folder with a space: the rerun line cds into it, quoted.
func TestInstallRerunQuotesTheFolder(t *testing.T) {
	streams, _, _, errOut := TestStreams()
	r := &fakeRunner{fail: ".venv/bin/python -m pip install --quiet pip>=25.1"}
	if err := install(context.Background(), streams, r.run, noUV, "my api", nil); !errors.Is(err, errInstall) {
		t.Fatalf("err = %v, want errInstall", err)
	}
	want := "fix the cause, then run: cd 'my api' && .venv/bin/python -m pip install --quiet 'pip>=25.1' && "
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to contain:\n%s", errOut, want)
	}
}

func TestTestSummaryIsPytestsLastLineWhateverFollows(t *testing.T) {
	for _, tc := range []struct{ output, want string }{
		{"....\n4 passed in 0.10s\n", "4 passed in 0.10s"},
		{"== 1 failed, 3 passed, 2 warnings in 1.25s ==\n", "1 failed, 3 passed, 2 warnings in 1.25s"},
		// A stand-in server's traceback, printed by its thread after pytest's summary.
		{"138 passed in 1.03s\n----------------------------------------\nException occurred\n----------------------------------------\n", "138 passed in 1.03s"},
		{"no tests ran\n", ""},
	} {
		if got := testSummary([]byte(tc.output)); got != tc.want {
			t.Errorf("testSummary(%q) = %q, want %q", tc.output, got, tc.want)
		}
	}
}

func TestInstallStepsOnWindows(t *testing.T) {
	steps := installSteps(noUV, "windows")
	if got := steps[len(steps)-1].name; !strings.HasSuffix(got, "python.exe") || !strings.Contains(got, "Scripts") {
		t.Errorf("windows interpreter = %q", got)
	}
}

// Without uv the .venv is made by the interpreter the system has: python3 on Linux, the py
// launcher on Windows, python where that is all there is.
func TestBasePythonIsOneThatExists(t *testing.T) {
	only := func(names ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			if slices.Contains(names, name) {
				return "/bin/" + name, nil
			}
			return "", exec.ErrNotFound
		}
	}
	for _, tc := range []struct {
		goos string
		have []string
		want string
	}{
		{"linux", []string{"python3", "python"}, "python3"},
		{"linux", []string{"python"}, "python"},
		{"linux", nil, "python3"},
		{"windows", []string{"py", "python", "python3"}, "py"},
		{"windows", []string{"python", "python3"}, "python"},
		{"darwin", []string{"python3"}, "python3"},
	} {
		if got := installSteps(only(tc.have...), tc.goos)[0].name; got != tc.want {
			t.Errorf("%s with %v: venv made by %q, want %q", tc.goos, tc.have, got, tc.want)
		}
	}
}

// Every command a user can see has examples in --help (and so in its man page).
func TestEveryCommandHasExamples(t *testing.T) {
	streams, _, _, _ := TestStreams()
	root := NewCmdRoot(&Factory{IO: streams})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no examples", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
