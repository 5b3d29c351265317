package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator"
)

// NewOptions holds the flags and dependencies of `pystart new`.
type NewOptions struct {
	IO      *IOStreams
	Catalog func() (*generator.Catalog, error)
	Getenv  func(string) string
	Now     func() time.Time

	Name       string
	Framework  string
	Extensions []string
	Without    []string
	Database   string
	Dir        string
	Python     string
	Yes        bool
	DryRun     bool
	NoGit      bool
	Git        bool
	// AnswersPath replays a .pystart.yaml instead of flags and questions.
	AnswersPath string
}

// NewCmdNew builds `pystart new`. runF replaces the run step in flag-parsing tests.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: f.IO, Catalog: f.Catalog, Getenv: f.Getenv, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Generate a new project",
		Long: `Generate a complete starter project in ./NAME (or --dir), as a git repository with its
first commit. Everything is written at once or not at all: a failure or Ctrl-C leaves the target
as it was, and a folder that is not empty is never written into.`,
		Example: `  # A Django starter in ./shop, no questions asked
  pystart new shop --framework django --yes

  # A Flask starter with PostgreSQL, somewhere else
  pystart new api --framework flask --db postgres --dir ~/src/api

  # Show the files a Flask starter would have, writing nothing
  pystart new api --framework flask --dry-run

  # The same starter as another project, replayed from its answers file
  pystart new api2 --answers api/.pystart.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("new takes one project name, e.g. pystart new shop --framework django --yes")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Git && opts.NoGit {
				return usageErrorf("--git and --no-git contradict each other: keep one")
			}
			if opts.AnswersPath != "" {
				for _, name := range []string{"framework", "ext", "without", "db", "python"} {
					if cmd.Flags().Changed(name) {
						return usageErrorf("--answers replays every answer: drop --%s, or edit the answers file", name)
					}
				}
			} else if opts.Framework == "" && !opts.Yes {
				// Nothing decided and nobody to ask: fail at once instead of waiting on input.
				return usageErrorf("no framework chosen and no terminal to ask on: pass --framework flask|django (or --yes)")
			}
			if runF != nil {
				return runF(opts)
			}
			return newRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Framework, "framework", "", "framework: `flask|django`")
	fl.StringArrayVar(&opts.Extensions, "ext", nil, "add an extension by `id` (repeatable; see pystart extensions)")
	fl.StringArrayVar(&opts.Without, "without", nil, "leave out an extension another one implies, by `id` (repeatable)")
	fl.StringVar(&opts.Database, "db", generator.DefaultDatabase, "database: `sqlite|postgres`")
	fl.StringVar(&opts.Dir, "dir", "", "write the project into this `folder` (default ./NAME)")
	fl.StringVar(&opts.Python, "python", generator.DefaultPython, "minimum Python `version` the project declares")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "accept the defaults and never prompt")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the files that would be written, write nothing")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not make a git repository")
	fl.BoolVar(&opts.Git, "git", false, "make a git repository even inside another git work tree")
	fl.StringVar(&opts.AnswersPath, "answers", "", "replay the answers in this `file` (a project's .pystart.yaml), without questions")
	return cmd
}

func newRun(cmd *cobra.Command, opts *NewOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	answers := generator.Answers{
		Name: opts.Name, Framework: opts.Framework, Extensions: opts.Extensions, Without: opts.Without,
		Database: opts.Database, Python: opts.Python,
	}
	var replay *generator.AnswersFile
	if opts.AnswersPath != "" {
		data, err := os.ReadFile(opts.AnswersPath)
		if err != nil {
			return usageErrorf("read answers: %w", err)
		}
		if replay, err = generator.ReadAnswers(data, opts.AnswersPath); err != nil {
			return usageError{err}
		}
		answers = replay.Record.Answers
		answers.Name = opts.Name // the project's name comes from the command line
	}
	plan, err := generator.Resolve(cat, answers)
	if err != nil {
		if replay != nil {
			err = replay.Explain(err)
		}
		return usageError{err}
	}
	dir := opts.Dir
	if dir == "" {
		dir = opts.Name
	}
	req := generator.Request{Plan: plan, Dir: dir, Version: Version(), Getenv: opts.Getenv, Now: opts.Now}
	switch {
	case opts.NoGit:
		req.Git = generator.GitOff
	case opts.Git:
		req.Git = generator.GitForce
	}
	out := opts.IO.Out
	for id, by := range plan.Implied {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s added because %s implies it (--without %s leaves it out)\n", id, by, id)
	}

	if opts.DryRun {
		if err := generator.CheckTarget(dir); err != nil {
			return err
		}
		files, err := generator.Build(req)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s/\n", filepath.Clean(dir))
		printTree(out, files)
		fmt.Fprintf(out, "\n%d files, %s; dry run: nothing was written\n", len(files), byteSize(files))
		return nil
	}

	res, err := generator.Generate(cmd.Context(), req)
	if err != nil {
		return err
	}
	exts := "no extensions"
	if ids := plan.ExtensionIDs(); len(ids) > 0 {
		exts = strings.Join(ids, ", ")
	}
	fmt.Fprintf(out, "Created %s in %s: %s, %s, %s; %d files\n", plan.Project.Name, dir, plan.Blueprint.ID, plan.Answers.Database, exts, len(res.Files))
	switch {
	case res.Commit != "":
		fmt.Fprintf(out, "git: first commit %s on main by %s <%s>\n", res.Commit[:7], res.Identity.Author.Name, res.Identity.Author.Email)
		if res.Identity.Fallback {
			fmt.Fprintln(out, "     (no git identity found: set GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL or git config user.name/user.email, then git commit --amend --reset-author)")
		}
	case res.GitNote != "":
		fmt.Fprintf(out, "git: %s\n", res.GitNote)
	default:
		fmt.Fprintln(out, "git: skipped (--no-git)")
	}
	if len(res.NextSteps) > 0 {
		fmt.Fprintln(out, "\nNext steps:")
		fmt.Fprintf(out, "  cd %s\n", dir)
		for _, s := range res.NextSteps {
			fmt.Fprintf(out, "  %s\n", s)
		}
	}
	return nil
}
