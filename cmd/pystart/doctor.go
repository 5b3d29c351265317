package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator"
	"github.com/pystart/pystart/generator/gitrepo"
)

// DoctorOptions holds the flags and dependencies of `pystart doctor`. LookPath and Output are
// exec.LookPath and a command's trimmed output; tests swap in fakes or a PATH of fake tools.
type DoctorOptions struct {
	IO       *IOStreams
	Getenv   func(string) string
	LookPath func(string) (string, error)
	Output   func(ctx context.Context, name string, args ...string) (string, error)

	Python string // the minimum Python the project declares
	Dir    string // a generated project, whose .pystart.yaml gives the minimum
}

// check is one line of the report. Required checks that fail make doctor exit 1.
type check struct {
	name, found, fix string
	ok, required     bool
}

func NewCmdDoctor(f *Factory, runF func(*DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{IO: f.IO, Getenv: f.Getenv, LookPath: exec.LookPath, Output: commandOutput}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check that this machine has what a generated project needs",
		Long: `Check for what a generated project needs here: Python at least the version the project
declares, uv (or pip), git with an identity for commits, and Docker (optional). Prints what is
missing with the command that fixes it; exits 1 when something required is missing.`,
		Example: `  # Before generating: is this machine ready for a Python 3.12 project?
  pystart doctor --python 3.12

  # For a project already generated (reads its .pystart.yaml)
  pystart doctor --dir shop`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(cmd.Context(), cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Python, "python", generator.DefaultPython, "the minimum Python `version` to require")
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "a generated project `folder`: require the Python its .pystart.yaml declares")
	cmd.RegisterFlagCompletionFunc("python", fixed(generator.PythonVersions...))
	return cmd
}

var errDoctor = errors.New("something required is missing (see above)")

func doctorRun(ctx context.Context, cmd *cobra.Command, opts *DoctorOptions) error {
	minimum := opts.Python
	if opts.Dir != "" {
		data, err := os.ReadFile(filepath.Join(opts.Dir, generator.AnswersFileName))
		if err != nil {
			return usageErrorf("--dir %s: no %s there (is it a pystart project?)", opts.Dir, generator.AnswersFileName)
		}
		replay, err := generator.ReadAnswers(data, filepath.Join(opts.Dir, generator.AnswersFileName))
		if err != nil {
			return usageError{err}
		}
		if cmd.Flags().Changed("python") {
			return usageErrorf("--dir reads the minimum Python from the project: drop --python")
		}
		minimum = replay.Record.Python
	}
	if _, err := parseVersion(minimum); err != nil {
		return usageErrorf("--python %q: give a version like 3.11", minimum)
	}
	checks := []check{
		opts.checkPython(ctx, minimum),
		opts.checkInstaller(ctx),
		opts.checkGit(),
		opts.checkIdentity(),
		opts.checkDocker(),
	}
	failed := false
	for _, c := range checks {
		status := "ok"
		switch {
		case !c.ok && c.required:
			status, failed = "missing", true
		case !c.ok:
			status = "optional"
		}
		fmt.Fprintf(opts.IO.Out, "%-8s %-13s %s\n", status, c.name, c.found)
		if !c.ok && c.fix != "" {
			fmt.Fprintf(opts.IO.Out, "%-8s %-13s fix: %s\n", "", "", c.fix)
		}
	}
	if failed {
		return errDoctor
	}
	return nil
}

// checkPython finds the newest python3.X (or python3) at least the minimum: uv and venv can use
// any of them, so one is enough.
func (o *DoctorOptions) checkPython(ctx context.Context, minimum string) check {
	c := check{name: "python", required: true,
		fix: fmt.Sprintf("install Python %s or newer (Debian/Ubuntu: apt install python3; macOS: brew install python; or uv python install %s)", minimum, minimum)}
	want, _ := parseVersion(minimum)
	var seen []string
	for _, name := range []string{"python3.14", "python3.13", "python3.12", "python3.11", "python3"} {
		path, err := o.LookPath(name)
		if err != nil {
			continue
		}
		out, err := o.Output(ctx, path, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])")
		if err != nil {
			continue
		}
		have, err := parseVersion(out)
		if err != nil {
			continue
		}
		if !versionLess(have, want) {
			c.ok, c.found = true, fmt.Sprintf("%s (%s), need >= %s", out, path, minimum)
			return c
		}
		seen = append(seen, out+" ("+path+")")
	}
	c.found = fmt.Sprintf("need >= %s, found none", minimum)
	if len(seen) > 0 {
		c.found = fmt.Sprintf("need >= %s, found only %s", minimum, strings.Join(seen, ", "))
	}
	return c
}

// checkInstaller wants uv, which the generated projects' instructions and --install use first.
// Without it --install makes the .venv with the standard library's venv, whose pip comes from
// ensurepip: both are asked of the interpreter --install would use, since Debian and Ubuntu
// ship them apart from python3 (python3-venv), and python3 -m pip working proves neither.
func (o *DoctorOptions) checkInstaller(ctx context.Context) check {
	const uvFix = "install uv: curl -LsSf https://astral.sh/uv/install.sh | sh (or see https://docs.astral.sh/uv/getting-started/installation/)"
	c := check{name: "uv or pip", required: true, fix: uvFix}
	if path, err := o.LookPath("uv"); err == nil {
		version, _ := o.Output(ctx, path, "--version")
		c.ok, c.found = true, strings.TrimSpace(version+" ("+path+")")
		return c
	}
	py := basePython(o.LookPath, runtime.GOOS)
	path, err := o.LookPath(py)
	if err != nil {
		c.found = "neither uv nor " + py + " (for venv and pip)"
		return c
	}
	if _, err := o.Output(ctx, path, "-c", "import venv, ensurepip"); err != nil {
		c.found = fmt.Sprintf("no uv, and %s (%s) lacks venv or ensurepip: it cannot make a .venv with pip", py, path)
		c.fix = "Debian/Ubuntu: apt install python3-venv; or " + uvFix
		return c
	}
	c.ok, c.found = true, fmt.Sprintf("no uv; %s -m venv makes a .venv with pip (%s; uv is faster)", py, path)
	return c
}

func (o *DoctorOptions) checkGit() check {
	c := check{name: "git", required: true, fix: "install git (Debian/Ubuntu: apt install git; macOS: xcode-select --install)"}
	if path, err := o.LookPath("git"); err == nil {
		c.ok, c.found = true, path
		return c
	}
	c.found = "not found (pystart still commits without it, but you will want it)"
	return c
}

// checkIdentity asks the resolver pystart new commits with (environment, then git config read
// by pystart itself), so the two cannot disagree: asking the git binary said "not set" when
// ~/.gitconfig had the identity and git was not on PATH. Without one, pystart commits as
// pystart <pystart@localhost>.
func (o *DoctorOptions) checkIdentity() check {
	c := check{name: "git identity",
		fix: `git config --global user.name "Your Name" && git config --global user.email you@example.com`}
	id, err := gitrepo.ResolveIdentity(o.Getenv, time.Now())
	if err != nil {
		c.found, c.fix = err.Error(), "" // pystart new would fail the same way; the error says what to fix
		return c
	}
	sig := func(s gitrepo.Signature) string { return fmt.Sprintf("%s <%s>", s.Name, s.Email) }
	if !id.Fallback {
		c.ok, c.found = true, sig(id.Author)+", from "+id.Source
		return c
	}
	c.found = "not set: first commits are made as " + sig(id.Author)
	if sig(id.Committer) != sig(id.Author) {
		c.found += ", committed by " + sig(id.Committer)
	}
	return c
}

func (o *DoctorOptions) checkDocker() check {
	c := check{name: "docker", fix: "only for the generated Dockerfile and compose.yaml: https://docs.docker.com/get-docker/"}
	if path, err := o.LookPath("docker"); err == nil {
		c.ok, c.found = true, path
		return c
	}
	c.found = "not found"
	return c
}

func commandOutput(ctx context.Context, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).Output()
	return strings.TrimSpace(string(out)), err
}

// parseVersion reads "3.11" or "3.11.4" into its numbers.
func parseVersion(s string) ([]int, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 {
		return nil, fmt.Errorf("version %q", s)
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("version %q", s)
		}
		out[i] = n
	}
	return out, nil
}

func versionLess(a, b []int) bool { return slices.Compare(a, b) < 0 }
