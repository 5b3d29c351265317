package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator"
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
		opts.checkIdentity(ctx),
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

// checkInstaller wants uv, which the generated projects' instructions use; pip in a venv works too.
func (o *DoctorOptions) checkInstaller(ctx context.Context) check {
	c := check{name: "uv or pip", required: true, fix: "python3 -m pip install --user uv (or see https://docs.astral.sh/uv/)"}
	if path, err := o.LookPath("uv"); err == nil {
		version, _ := o.Output(ctx, path, "--version")
		c.ok, c.found = true, strings.TrimSpace(version+" ("+path+")")
		return c
	}
	if py, err := o.LookPath("python3"); err == nil {
		if version, err := o.Output(ctx, py, "-m", "pip", "--version"); err == nil {
			c.ok, c.found = true, "no uv; "+strings.Join(strings.Fields(version)[:min(2, len(strings.Fields(version)))], " ")+" (python3 -m venv + pip works; uv is faster)"
			return c
		}
	}
	c.found = "neither uv nor pip"
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

// checkIdentity: without one, pystart commits as "pystart <pystart@localhost>".
func (o *DoctorOptions) checkIdentity(ctx context.Context) check {
	c := check{name: "git identity",
		fix: `git config --global user.name "Your Name" && git config --global user.email you@example.com`}
	name, email := o.Getenv("GIT_AUTHOR_NAME"), o.Getenv("GIT_AUTHOR_EMAIL")
	if git, err := o.LookPath("git"); err == nil {
		if name == "" {
			name, _ = o.Output(ctx, git, "config", "user.name")
		}
		if email == "" {
			email, _ = o.Output(ctx, git, "config", "user.email")
		}
	}
	if name != "" && email != "" {
		c.ok, c.found = true, fmt.Sprintf("%s <%s>", name, email)
		return c
	}
	c.found = "not set: first commits are made as pystart <pystart@localhost>"
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
