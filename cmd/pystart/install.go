package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Runner runs one command in a folder and returns its combined output. `new --install` takes
// it from NewOptions, so tests never install anything.
type Runner func(ctx context.Context, dir, name string, args ...string) ([]byte, error)

func execRunner(ctx context.Context, dir, name string, args ...string) ([]byte, error) {
	return runStopping(ctx, stopDelay, dir, name, args...)
}

// stopDelay is how long a step has to stop after Ctrl-C or SIGTERM before it is killed and its
// output pipe closed. Without a limit pystart waited for as long as any process uv had started
// still held the pipe (29 s, seen after a Ctrl-C in uv sync).
const stopDelay = 3 * time.Second

// runStopping runs the command; when ctx is cancelled it is asked to stop with an interrupt, as
// the terminal's Ctrl-C asks it (uv then cleans up), and killed if still running after delay,
// when its output pipes are closed whoever holds them. Windows has no interrupt to send: kill.
func runStopping(ctx context.Context, delay time.Duration, dir, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Cancel = func() error {
		if runtime.GOOS == "windows" {
			return cmd.Process.Kill()
		}
		return cmd.Process.Signal(os.Interrupt)
	}
	cmd.WaitDelay = delay
	return cmd.CombinedOutput()
}

// installStep is one command of the install, as the user would type it in the project; dir is
// the folder it runs in, relative to the project ("" for the project itself).
type installStep struct {
	dir  string
	name string
	args []string
}

// String is the step as shell text to paste: arguments that need it are quoted (pip>=25.1
// unquoted would redirect pip's output to a file named =25.1).
func (s installStep) String() string {
	words := []string{shellQuote(s.name)}
	for _, a := range s.args {
		words = append(words, shellQuote(a))
	}
	cmd := strings.Join(words, " ")
	if s.dir != "" {
		return "(cd " + shellQuote(filepath.ToSlash(s.dir)) + " && " + cmd + ")"
	}
	return cmd
}

// shellQuote makes s one word for a POSIX shell: as it is when every character is plain, else
// in single quotes (a single quote inside ends the quoting, is escaped, and starts it again).
// The path separator is plain, so a Windows path is not quoted for cmd.exe, which takes no
// single quotes.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	plain := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("@%+=:,./_-", r) || r == filepath.Separator
	}
	for _, r := range s {
		if !plain(r) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// projectInstallSteps installs every Python project of a generated project: the project itself,
// or each part of a composition in its folder and then the composition's own tests (the
// hybrid's cross-service tests run with its main application's environment).
func projectInstallSteps(lookPath func(string) (string, error), goos string, parts []string) []installStep {
	if len(parts) == 0 {
		return installSteps(lookPath, goos)
	}
	var steps []installStep
	for _, part := range parts {
		for _, s := range installSteps(lookPath, goos) {
			s.dir = filepath.FromSlash(part)
			steps = append(steps, s)
		}
	}
	py := filepath.Join(filepath.FromSlash(parts[0]), venvPython(goos))
	return append(steps, installStep{name: py, args: []string{"-m", "pytest", "-q", "tests"}})
}

// venvPython is the interpreter of a .venv, relative to the folder that holds it.
func venvPython(goos string) string {
	if goos == "windows" {
		return filepath.Join(".venv", "Scripts", "python.exe")
	}
	return filepath.Join(".venv", "bin", "python")
}

// installSteps installs the project into .venv and runs its tests once: with uv when it is on
// PATH (what the project's README uses), else with the standard library's venv and pip (25.1 or
// newer, for dependency groups).
func installSteps(lookPath func(string) (string, error), goos string) []installStep {
	if _, err := lookPath("uv"); err == nil {
		return []installStep{
			{name: "uv", args: []string{"sync"}},
			{name: "uv", args: []string{"run", "pytest", "-q"}},
		}
	}
	py := venvPython(goos)
	return []installStep{
		{name: basePython(lookPath, goos), args: []string{"-m", "venv", ".venv"}},
		{name: py, args: []string{"-m", "pip", "install", "--quiet", "pip>=25.1"}},
		{name: py, args: []string{"-m", "pip", "install", "--quiet", "-e", ".", "--group", "dev"}},
		{name: py, args: []string{"-m", "pytest", "-q"}},
	}
}

// basePython is the interpreter that makes the .venv when uv is missing: python3 where Python
// installs one (Linux, macOS), else the Windows launcher py, else plain python (python.org's
// Windows installer adds py; python3 there is often the Microsoft Store stub).
func basePython(lookPath func(string) (string, error), goos string) string {
	candidates := []string{"python3", "python"}
	if goos == "windows" {
		candidates = []string{"py", "python", "python3"}
	}
	for _, name := range candidates {
		if _, err := lookPath(name); err == nil {
			return name
		}
	}
	return candidates[0] // not found: the failed step names what was tried first
}

// errInstall marks a failed install: the project is complete and stays; exit 1.
var errInstall = errors.New("install failed")

// installCancelled is an install stopped by Ctrl-C or SIGTERM. Unlike a cancelled generation
// the project exists, complete: the message says it is kept and what finishes the job (exit 130).
type installCancelled struct {
	step, dir, rerun string
	err              error // the context's
}

func (e *installCancelled) Error() string {
	return fmt.Sprintf("cancelled during %s; %s was generated and is kept: to finish, run: cd %s && %s", e.step, e.dir, shellQuote(e.dir), e.rerun)
}

func (e *installCancelled) Unwrap() error { return e.err }

// install runs the steps in dir, one progress line each: a spinner on a terminal, a plain line
// otherwise (CI logs stay clean). A failure keeps the project and says how to rerun.
func install(ctx context.Context, streams *IOStreams, run Runner, lookPath func(string) (string, error), dir string, parts []string) error {
	steps := projectInstallSteps(lookPath, runtime.GOOS, parts)
	out := streams.Out
	fmt.Fprintf(out, "\nInstalling %s and running its tests:\n", dir)
	for i, step := range steps {
		start := time.Now()
		stop := spin(streams, step.String())
		output, err := run(ctx, filepath.Join(dir, step.dir), step.name, step.args...)
		stop()
		took := time.Since(start).Seconds()
		if err != nil {
			var rerun []string
			for _, s := range steps[i:] {
				rerun = append(rerun, s.String())
			}
			if ctx.Err() != nil {
				// The step did not fail: it was stopped ("signal: interrupt"), and has no cause to fix.
				fmt.Fprintf(out, "  stopped %s (%.1fs)\n", step, took)
				return &installCancelled{step: step.String(), dir: dir, rerun: strings.Join(rerun, " && "), err: ctx.Err()}
			}
			fmt.Fprintf(out, "  failed  %s (%.1fs): %v\n", step, took, err)
			fmt.Fprint(out, indent(tail(output, 20)))
			fmt.Fprintf(streams.ErrOut, "pystart: %s failed; %s was generated and is kept: fix the cause, then run: cd %s && %s\n",
				step, dir, shellQuote(dir), strings.Join(rerun, " && "))
			return errInstall
		}
		fmt.Fprintf(out, "  ok      %s (%.1fs)\n", step, took)
		if slices.Contains(step.args, "pytest") {
			if summary := testSummary(output); summary != "" {
				fmt.Fprintf(out, "  tests:  %s\n", summary)
			}
		}
	}
	return nil
}

// spin shows a spinner beside the running step on a terminal, and nothing otherwise.
func spin(streams *IOStreams, label string) (stop func()) {
	if !streams.stdoutTTY {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		frames := `|/-\`
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			fmt.Fprintf(streams.Out, "\r  %c       %s", frames[i%len(frames)], label)
			select {
			case <-done:
				fmt.Fprintf(streams.Out, "\r%s\r", strings.Repeat(" ", len(label)+12))
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// pytestSummary is pytest's last line: "8 passed in 0.42s", "1 failed, 7 passed, 2 warnings in 1.2s".
var pytestSummary = regexp.MustCompile(`^=*\s*(\d+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)\b.*\bin [\d.]+s)`)

// testSummary finds pytest's summary line, the last that looks like one: output a test's own
// subprocess or thread printed to stderr may come after it.
func testSummary(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if m := pytestSummary.FindStringSubmatch(strings.TrimSpace(lines[i])); m != nil {
			return strings.TrimRight(m[1], "= ")
		}
	}
	return ""
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		fmt.Fprintf(&b, "          %s\n", l)
	}
	return b.String()
}
