package main

import (
	"errors"
	"fmt"
	"maps"
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
	"github.com/pystart/pystart/generator/recommend"
)

// NewOptions holds the flags and dependencies of `pystart new`.
type NewOptions struct {
	IO *IOStreams
	// Catalog loads the blueprints for the framework given with --framework, or all when "".
	Catalog func(framework string) (*generator.Catalog, error)
	Getenv  func(string) string
	Now     func() time.Time
	// Run and LookPath carry out --install; tests replace them.
	Run      Runner
	LookPath func(string) (string, error)

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
	Install    bool
	License    string
	Author     string
	NoConfig   bool
	// configExtensions are the user's default extensions per framework (config.yaml).
	configExtensions map[string][]string
	// fromConfig says, for each flag whose value came from config.yaml (and "ext:FRAMEWORK"
	// for its default extensions), where in the file it is.
	fromConfig map[string]string
	// AnswersPath replays a .pystart.yaml instead of flags and questions.
	AnswersPath string
	// Blueprints is the --blueprints folder, "" for the built-in blueprints.
	Blueprints string
	// Recommend holds the use case and modifiers for the recommender.
	Recommend recommend.Input
	// Wizard is set when the answers must be asked: nothing decided, no --yes, and someone to ask.
	Wizard, Accessible bool
}

// NewCmdNew builds `pystart new`. runF replaces the run step in flag-parsing tests.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: f.IO, Catalog: f.CatalogFor, Getenv: f.Getenv, Now: f.Now, Run: execRunner, LookPath: exec.LookPath}
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

  # A Django main application with two Flask side services (the hybrid)
  pystart new shop --framework hybrid --service ml-inference --service webhooks --yes

  # Show the files a Flask starter would have, writing nothing
  pystart new api --framework flask --dry-run

  # The same starter as another project, replayed from its answers file
  pystart new api2 --answers api/.pystart.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("new takes one project name, e.g. pystart new shop --framework django --yes")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name = args[0]
			}
			if opts.Git && opts.NoGit {
				return usageErrorf("--git and --no-git contradict each other: keep one")
			}
			if opts.Install && opts.DryRun {
				return usageErrorf("--install and --dry-run contradict each other: a dry run writes nothing to install")
			}
			decided := opts.Framework != "" || opts.AnswersPath != "" || opts.Recommend.UseCase != "" || opts.Yes
			switch {
			case opts.AnswersPath != "":
				for _, name := range []string{"framework", "ext", "without", "db", "python", "use-case", "team", "admin", "security-critical", "priority", "async", "service"} {
					if cmd.Flags().Changed(name) {
						return usageErrorf("--answers replays every answer: drop --%s, or edit the answers file", name)
					}
				}
			case !decided && (opts.IO.CanPrompt() || opts.Accessible || opts.IO.StdinPiped()):
				opts.Wizard = true
				opts.Accessible = opts.Accessible || !opts.IO.CanPrompt()
			case !decided:
				// Nothing decided and nobody to ask: fail at once instead of waiting on input.
				return usageErrorf("nothing decided and no terminal to ask on: pass --use-case ID or --framework flask|django, with --yes")
			}
			opts.Blueprints = f.BlueprintDir
			if opts.Name == "" && !opts.Wizard {
				return usageErrorf("new takes one project name, e.g. pystart new shop --framework django --yes")
			}
			if runF != nil {
				return runF(opts)
			}
			return newRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Framework, "framework", "", "framework: `flask|django|hybrid` (the hybrid takes --service)")
	fl.StringArrayVar(&opts.Extensions, "ext", nil, "add an extension by `id` (repeatable; see pystart extensions)")
	fl.StringArrayVar(&opts.Without, "without", nil, "leave out an extension another one implies, by `id` (repeatable)")
	fl.StringVar(&opts.Database, "db", "", "database: `sqlite|postgres` (default sqlite; postgres for the hybrid)")
	fl.StringVar(&opts.Dir, "dir", "", "write the project into this `folder` (default ./NAME)")
	fl.StringVar(&opts.Python, "python", generator.DefaultPython, "minimum Python `version` the project declares")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "accept the defaults and never prompt")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the files that would be written, write nothing")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not make a git repository")
	fl.BoolVar(&opts.Git, "git", false, "make a git repository even inside another git work tree")
	fl.StringVar(&opts.License, "license", "", "write a LICENSE (a `name`: "+strings.Join(generator.Licenses, ", ")+")")
	fl.StringVar(&opts.Author, "author", "", "the copyright holder in LICENSE and pyproject.toml (`name`)")
	fl.BoolVar(&opts.NoConfig, "no-config", false, "ignore your defaults file (see pystart config path)")
	fl.BoolVar(&opts.Install, "install", false, "then install the project into .venv (uv, else venv + pip) and run its tests once")
	fl.StringVar(&opts.AnswersPath, "answers", "", "replay the answers in this `file` (a project's .pystart.yaml), without questions")
	addRecommendFlags(cmd, &opts.Recommend)
	registerNewCompletions(f, cmd)
	opts.Accessible = f.Getenv != nil && f.Getenv("ACCESSIBLE") != ""
	return cmd
}

func newRun(cmd *cobra.Command, opts *NewOptions) error {
	// A bad name (or --python) is refused before anything is decided or printed: nothing the
	// recommender or the wizard says would be of use, and the wizard does not ask for a name
	// it was given, so it could not be corrected there.
	if opts.Name != "" {
		if _, err := generator.NewProject(opts.Name); err != nil {
			return usageError{err}
		}
	}
	if !opts.NoConfig && opts.AnswersPath == "" {
		if err := applyUserConfig(cmd, opts); err != nil {
			return usageError{err}
		}
	}
	opts.License = canonicalLicense(opts.License)
	if err := checkPython(opts.Python); err != nil {
		return usageError{opts.inConfig("python", err)}
	}
	if err := checkLicense(opts.License); err != nil {
		return usageError{opts.inConfig("license", err)}
	}
	cat, err := opts.Catalog(opts.Framework)
	if err != nil {
		return err
	}
	if opts.Framework == "" {
		// With --framework, Resolve says which databases that framework has.
		if err := checkDatabase(cat, opts.Database); err != nil {
			return usageError{opts.inConfig("db", err)}
		}
	}
	answers, notes, err := decideAnswers(cmd, cat, opts)
	if err != nil {
		return err
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
		// A project made from a platform team's blueprints replays from them, never silently
		// from the built-in ones, which have other files under the same framework name.
		if answers.Blueprints != "" && opts.Blueprints == "" {
			return usageErrorf("%s was made from the blueprints in %s: pass --blueprints %s (or that folder where it is on this machine)", opts.AnswersPath, answers.Blueprints, answers.Blueprints)
		}
	}
	answers.Blueprints = opts.Blueprints
	plan, err := generator.Resolve(cat, answers)
	if err != nil {
		if replay != nil {
			err = replay.Explain(err)
		} else {
			err = opts.explainConfig(err, answers)
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
	// A folder in the way is refused before the decision is reported, as bad input is.
	if err := generator.CheckTarget(dir); err != nil {
		return err
	}
	out := opts.IO.Out
	for _, id := range slices.Sorted(maps.Keys(plan.Implied)) {
		// --without is offered only where it works: not for what another part requires.
		wayOut := "--without " + id + " leaves it out"
		if by := plan.RequiredBy(id); by != "" {
			wayOut = by + " requires it"
		}
		notes = append(notes, fmt.Sprintf("note: %s added %s (%s)", id, plan.Why(id), wayOut))
	}
	for _, n := range notes {
		fmt.Fprintln(opts.IO.ErrOut, n)
	}
	// What the wizard decided, as a command that repeats it without questions: said once the
	// project is made (or the dry run listed), not for answers that failed or were cancelled.
	equivalent := func() {
		if opts.Wizard {
			fmt.Fprintf(opts.IO.ErrOut, "Equivalent command: %s\n", equivalentCommand(plan.Answers, opts))
		}
	}

	if opts.DryRun {
		files, err := generator.Build(req)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s/\n", filepath.Clean(dir))
		printTree(out, files)
		fmt.Fprintf(out, "\n%d files, %s; dry run: nothing was written\n", len(files), byteSize(files))
		equivalent()
		return nil
	}

	res, err := generator.Generate(cmd.Context(), req)
	if err != nil {
		return err
	}
	equivalent()
	exts := "no extensions"
	if ids := plan.ExtensionIDs(); len(ids) > 0 {
		exts = strings.Join(ids, ", ")
	}
	fmt.Fprintf(out, "Created %s in %s: %s, %s, %s; %d files\n", plan.Project.Name, dir, plan.Blueprint.ID, plan.Answers.Database, exts, len(res.Files))
	if dirs := plan.PartDirs(); len(dirs) > 0 {
		fmt.Fprintf(out, "services: %s\n", strings.Join(dirs, ", "))
	}
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
	if opts.Install {
		if err := install(cmd.Context(), opts.IO, opts.Run, opts.LookPath, dir, plan.PartDirs()); err != nil {
			return err
		}
	}
	if steps := adaptSteps(res.NextSteps, opts.Install, opts.LookPath, runtime.GOOS); len(steps) > 0 {
		fmt.Fprintln(out, "\nNext steps:")
		fmt.Fprintf(out, "  cd %s\n", shellQuote(dir))
		for _, s := range steps {
			fmt.Fprintf(out, "  %s\n", s)
		}
	}
	return nil
}

// adaptSteps fits the blueprint's next steps, written for uv as the project's README is, to this
// run: after --install the install steps are done, and without uv on PATH uv's commands become
// the standard library's venv and the .venv's own programs (as --install would run them).
func adaptSteps(steps []generator.Step, installed bool, lookPath func(string) (string, error), goos string) []string {
	_, err := lookPath("uv")
	haveUV := err == nil
	bin := filepath.Dir(venvPython(goos)) // .venv/bin, .venv\Scripts
	var out []string
	for _, s := range steps {
		if s.Phase == "install" && installed {
			continue
		}
		if haveUV {
			out = append(out, s.Text)
			continue
		}
		switch {
		case s.Text == "uv sync":
			for _, step := range installSteps(lookPath, goos)[:3] { // venv, pip, the project
				out = append(out, step.String())
			}
		case strings.HasPrefix(s.Text, "uv run "):
			out = append(out, bin+string(filepath.Separator)+strings.TrimPrefix(s.Text, "uv run "))
		default:
			out = append(out, s.Text)
		}
	}
	return out
}

// decideAnswers turns flags, the recommender or the wizard into answers. A framework given
// with --framework wins over the recommendation, and the notes say what was overridden. The
// notes ("Recommended: ...", "note: ...") are for newRun to print once the answers have passed
// Resolve: a recommendation followed by an error about the input helps no one.
func decideAnswers(cmd *cobra.Command, cat *generator.Catalog, opts *NewOptions) (answers generator.Answers, notes []string, err error) {
	in := opts.Recommend
	answers = generator.Answers{
		Name: opts.Name, Framework: opts.Framework, Extensions: opts.Extensions, Without: opts.Without,
		Database: opts.Database, Python: opts.Python, UseCase: in.UseCase, Team: in.Team, Admin: in.Admin,
		SecurityCritical: in.SecurityCritical, Priority: in.Priority, Async: in.Async, Services: in.Services,
		License: opts.License, Author: opts.Author,
	}
	if opts.AnswersPath != "" {
		return answers, nil, nil
	}
	// The user's default extensions for the framework, however it was decided.
	defer func() { answers.Extensions = withConfigExtensions(answers, opts) }()
	if opts.Wizard {
		// newRun has checked a name given on the command line: the wizard does not ask for it.
		w := &wizardState{Name: opts.Name, askName: opts.Name == "", decision: wizardDecision{UseCase: in.UseCase}, Database: opts.Database}
		a, err := runWizard(cmd.Context(), cat, opts.IO, w, opts.Accessible)
		if err != nil {
			return a, nil, err
		}
		opts.Name = a.Name
		a.Python, a.Without, a.License, a.Author = opts.Python, opts.Without, opts.License, opts.Author
		a.Extensions = append(a.Extensions, opts.Extensions...)
		answers = a
		return answers, nil, nil
	}
	if opts.Framework != "" && in.IsZero() {
		// The framework is decided and the recommender was told nothing it could check or
		// note, so it is not asked (nor its rule table decoded).
		return answers, nil, nil
	}
	rec, err := recommend.Recommend(in)
	if err != nil {
		return answers, nil, usageError{err}
	}
	if opts.Framework != "" && opts.Framework != "hybrid" && len(in.Services) > 0 {
		return answers, nil, usageErrorf("--service adds Flask side services to the hybrid: pass --framework hybrid, or drop --service")
	}
	// An explicit --framework puts the user in charge: the recommendation's extensions are not
	// added, so --ext lists exactly what they get (and the wizard's equivalent command replays).
	if opts.Framework != "" {
		if in.UseCase != "" && rec.Framework != opts.Framework {
			notes = append(notes, fmt.Sprintf("note: --framework %s overrides the recommendation (%s for %s)", opts.Framework, rec.Framework, in.UseCase))
		}
		return answers, notes, nil
	} else {
		if cat.Blueprint(rec.Framework) == nil {
			return answers, nil, usageErrorf("the recommendation is %s, which this pystart cannot generate yet: pass --framework django to start the main application", rec.Framework)
		}
		answers.Framework = rec.Framework
		notes = append(notes, fmt.Sprintf("Recommended: %s (runner-up %s; scores flask %d, django %d, hybrid %d)",
			rec.Framework, rec.RunnerUp, rec.Scores["flask"], rec.Scores["django"], rec.Scores["hybrid"]))
	}
	// The recommendation's extensions, less those the catalog does not have yet or the user
	// excluded; the user's own --ext come on top.
	b := cat.Blueprint(answers.Framework).MainBlueprint()
	for _, id := range rec.Extensions {
		switch {
		case b.Extension(id) == nil:
			notes = append(notes, fmt.Sprintf("note: suggested extension %s is not in the %s catalog yet; left out", id, b.ID))
		case !slices.Contains(opts.Without, id):
			answers.Extensions = append(answers.Extensions, id)
		}
	}
	return answers, notes, nil
}

// equivalentCommand is the non-interactive command line for answers.
func equivalentCommand(a generator.Answers, opts *NewOptions) string {
	parts := []string{"pystart", "new", a.Name, "--framework", a.Framework}
	add := func(flag, value string) {
		if value != "" {
			parts = append(parts, flag, value)
		}
	}
	add("--use-case", a.UseCase)
	add("--team", a.Team)
	add("--priority", a.Priority)
	for _, f := range []struct {
		flag string
		on   bool
	}{{"--admin", a.Admin}, {"--security-critical", a.SecurityCritical}, {"--async", a.Async}} {
		if f.on {
			parts = append(parts, f.flag)
		}
	}
	for _, s := range a.Services {
		add("--service", s)
	}
	for _, e := range a.Extensions {
		add("--ext", e)
	}
	if a.Database != generator.DefaultDatabase && a.Framework != "hybrid" {
		add("--db", a.Database)
	}
	if a.Python != generator.DefaultPython {
		add("--python", a.Python)
	}
	add("--license", a.License)
	if a.Author != "" {
		add("--author", strconv.Quote(a.Author))
	}
	add("--dir", opts.Dir)
	return strings.Join(append(parts, "--yes"), " ")
}

// applyUserConfig fills the flags the user did not give from their defaults file, and notes
// where in it each value was, so an error about one names the file rather than a flag the user
// never typed.
func applyUserConfig(cmd *cobra.Command, opts *NewOptions) error {
	cfg, _, err := loadUserConfig(opts.Getenv)
	if err != nil {
		return err
	}
	opts.fromConfig = map[string]string{}
	fill := func(flag, key string, dst *string, value string) {
		if value != "" && !cmd.Flags().Changed(flag) {
			*dst = value
			opts.fromConfig[flag] = cfg.at(key)
		}
	}
	fill("db", "database", &opts.Database, cfg.Database)
	fill("python", "python", &opts.Python, cfg.Python)
	fill("license", "license", &opts.License, cfg.License)
	fill("author", "author", &opts.Author, cfg.Author)
	opts.configExtensions = cfg.Extensions
	for framework := range cfg.Extensions {
		opts.fromConfig["ext:"+framework] = cfg.at("extensions." + framework)
	}
	return nil
}

// inConfig puts the defaults file and line in front of an error about the value of flag when
// that value came from the file; otherwise the error is returned as it is.
func (o *NewOptions) inConfig(flag string, err error) error {
	at, ok := o.fromConfig[flag]
	if !ok {
		return err
	}
	return fmt.Errorf("%s: %w (fix it, or run with --no-config)", at, err)
}

// explainConfig is inConfig for Resolve's errors: the answer's field says which value it is;
// for an extension, one of the framework's defaults that the error names and --ext did not give.
func (o *NewOptions) explainConfig(err error, a generator.Answers) error {
	var ae *generator.AnswerError
	if !errors.As(err, &ae) {
		return err
	}
	switch ae.Field {
	case "database":
		return o.inConfig("db", err)
	case "python", "license", "author":
		return o.inConfig(ae.Field, err)
	case "extensions":
		for _, id := range o.configExtensions[a.Framework] {
			if !slices.Contains(o.Extensions, id) && strings.Contains(err.Error(), strconv.Quote(id)) {
				return o.inConfig("ext:"+a.Framework, err)
			}
		}
	}
	return err
}

// canonicalLicense spells a licence name as generator.Licenses does, whatever its case
// (--license mit is MIT); a name that is not one of them is returned as given, to be refused.
func canonicalLicense(name string) string {
	for _, l := range generator.Licenses {
		if strings.EqualFold(l, name) {
			return l
		}
	}
	return name
}

// checkLicense refuses a licence the generator would refuse, before anything is decided.
func checkLicense(name string) error {
	if name != "" && !slices.Contains(generator.Licenses, name) {
		return fmt.Errorf("license %q: choose %s", name, orList(generator.Licenses))
	}
	return nil
}

// withConfigExtensions adds the user's default extensions for the chosen framework, except
// those excluded with --without.
func withConfigExtensions(a generator.Answers, opts *NewOptions) []string {
	exts := a.Extensions
	for _, id := range opts.configExtensions[a.Framework] {
		if !slices.Contains(exts, id) && !slices.Contains(opts.Without, id) {
			exts = append(exts, id)
		}
	}
	return exts
}

// checkPython refuses a --python the generator would refuse, before anything is decided.
func checkPython(v string) error {
	if !slices.Contains(generator.PythonVersions, v) {
		return fmt.Errorf("python %q: a project can declare %s as its minimum", v, orList(generator.PythonVersions))
	}
	return nil
}

// checkDatabase refuses a --db that no blueprint has, before anything is decided; one that the
// chosen framework lacks is refused by Resolve, with that framework's choices.
func checkDatabase(cat *generator.Catalog, db string) error {
	if db == "" {
		return nil
	}
	var known []string
	for _, b := range cat.Blueprints {
		for id := range b.Databases {
			if id == db {
				return nil
			}
			if !slices.Contains(known, id) {
				known = append(known, id)
			}
		}
	}
	slices.Sort(known)
	return fmt.Errorf("unknown database %q: choose %s", db, orList(known))
}

// orList joins values as "a, b or c".
func orList(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
