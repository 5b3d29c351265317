package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/blueprints"
	"github.com/pystart/pystart/generator"
)

// ExitCode is the process status: 0 ok, 1 error, 2 bad usage, 130 cancelled (as after Ctrl-C).
type ExitCode int

const (
	ExitOK        ExitCode = 0
	ExitError     ExitCode = 1
	ExitUsage     ExitCode = 2
	ExitCancelled ExitCode = 130
)

// Factory carries what commands depend on, so tests can replace any of it.
type Factory struct {
	IO     *IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// BlueprintDir, when set (--blueprints), replaces the built-in blueprints with a folder on disk.
	BlueprintDir string
	// NoColor (--no-color, or NO_COLOR set) turns colour off where a terminal would get it.
	NoColor bool
}

// Catalog loads the blueprints: the embedded ones, or a platform team's folder.
func (f *Factory) Catalog() (*generator.Catalog, error) {
	return f.CatalogFor("")
}

// CatalogFor loads the blueprints for a run that has chosen framework ("" for one that has not).
// Of the built-in blueprints only that one is read: the tests check them all, and reading the
// others was half the time of loading the catalog. A folder given with --blueprints is always
// read and checked whole, so a mistake in it shows whichever framework is asked for.
func (f *Factory) CatalogFor(framework string) (*generator.Catalog, error) {
	if f.BlueprintDir != "" {
		return generator.LoadCatalog(os.DirFS(f.BlueprintDir), f.BlueprintDir)
	}
	if framework != "" {
		return generator.LoadCatalogFor(blueprints.FS(), "blueprints", framework)
	}
	return generator.LoadCatalog(blueprints.FS(), "blueprints")
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ error }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// NewCmdRoot builds the command tree. There is no package-level command: each run builds its own.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "pystart",
		Short: "Start a Python web project: Flask, Django, or both, chosen for what you build",
		Long: `pystart recommends Flask, Django or a hybrid of the two for what you are building,
then writes a complete starter repository: tests, linting, Docker, CI and a first git commit.
Generation is offline and takes milliseconds.

Exit codes: 0 ok, 1 error, 2 bad usage, 130 cancelled.`,
		Example: `  # Answer a few questions and get a recommended, generated project
  pystart new

  # Ask the recommender only
  pystart recommend --use-case cms --team large

  # Is this machine ready?
  pystart doctor

  # Tab completion (bash; also zsh, fish, powershell)
  source <(pystart completion bash)`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&f.BlueprintDir, "blueprints", "", "use the blueprints in this `folder` instead of the built-in ones")
	root.PersistentFlags().BoolVar(&f.NoColor, "no-color", false, "no colour, even on a terminal (as with NO_COLOR set)")
	root.PersistentPreRun = func(*cobra.Command, []string) {
		// Colour reaches a terminal only through the wizard's lipgloss styles; off a terminal
		// lipgloss already writes none, and the spinner and prompts are plain lines.
		if f.NoColor || (f.Getenv != nil && f.Getenv("NO_COLOR") != "") {
			disableColor()
		}
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(NewCmdNew(f, nil), NewCmdRecommend(f, nil), NewCmdVersion(f), NewCmdExtensions(f, nil), NewCmdDoctor(f, nil), NewCmdConfig(f))
	for _, newCmd := range packagingCommands {
		root.AddCommand(newCmd(f))
	}
	addCompletionExamples(root)
	return root
}

// packagingCommands are the commands built in only for packaging (docs.go, with -tags docs).
var packagingCommands []func(*Factory) *cobra.Command

// completionExamples are the --help examples of cobra's completion command, per shell.
var completionExamples = map[string]string{
	"bash": `  source <(pystart completion bash)                                  # this shell
  pystart completion bash > /etc/bash_completion.d/pystart           # every new shell (Linux)`,
	"zsh": `  source <(pystart completion zsh)                                   # this shell
  pystart completion zsh > "${fpath[1]}/_pystart"                    # every new shell`,
	"fish": `  pystart completion fish | source                                   # this shell
  pystart completion fish > ~/.config/fish/completions/pystart.fish  # every new shell`,
	"powershell": `  pystart completion powershell | Out-String | Invoke-Expression     # this shell`,
}

// addCompletionExamples creates cobra's completion command now (rather than at execution) so
// that it and each shell's subcommand get examples, in --help and the man pages.
func addCompletionExamples(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Example = completionExamples["bash"] + "\n" + completionExamples["zsh"] + "\n" +
			completionExamples["fish"] + "\n" + completionExamples["powershell"]
		for _, sh := range c.Commands() {
			sh.Example = completionExamples[sh.Name()]
		}
	}
}

// Main runs pystart with args and returns its exit code; main only passes it to os.Exit, so
// tests (and testscript) run the very same path.
func Main(args []string, io *IOStreams, getenv func(string) string) ExitCode {
	ctx, stop := signalContext()
	defer stop()
	f := &Factory{IO: io, Getenv: getenv, Now: time.Now}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	return exitCode(root.ExecuteContext(ctx), io.ErrOut)
}

// signalContext is cancelled by Ctrl-C (SIGINT) or SIGTERM (kill, a CI runner's timeout, a
// container stopping): either way generation stops and leaves the target as it was, and a
// running --install step is stopped.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// exitCode reports err on errOut, once and in one line, and says which exit code it means.
func exitCode(err error, errOut io.Writer) ExitCode {
	if err == nil {
		return ExitOK
	}
	var usage usageError
	var kept *installCancelled
	switch {
	case errors.As(err, &kept):
		// Not "nothing was written": the project was, and stays.
		fmt.Fprintf(errOut, "pystart: %v\n", err)
		return ExitCancelled
	case errors.Is(err, context.Canceled) || errors.Is(err, errCancelled):
		fmt.Fprintln(errOut, "pystart: cancelled, nothing was written")
		return ExitCancelled
	case errors.Is(err, errInstall):
		return ExitError // install said what failed and how to rerun
	case errors.As(err, &usage) || isCobraUsage(err):
		fmt.Fprintf(errOut, "pystart: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(errOut, "pystart: %v\n", err)
	return ExitError
}

var errCancelled = errors.New("cancelled")

// isCobraUsage recognises cobra's own argument errors, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.Contains(msg, "arg(s)")
}
