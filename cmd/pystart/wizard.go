package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/pystart/pystart/generator"
	"github.com/pystart/pystart/generator/recommend"
)

// wizardState is what the wizard's fields write into; buildWizard wires them, runWizard runs
// them, and toAnswers turns the result into the same Answers flags produce.
type wizardState struct {
	Name string
	// decision is what the recommendation depends on; later fields are bound to it, so changing
	// it (after going back) recomputes the recommendation and resets the framework choice.
	decision   wizardDecision
	Framework  string
	Extensions []string
	Database   string
	Confirmed  bool

	askName bool
}

type wizardDecision struct {
	UseCase  string
	Team     string
	Needs    []string // "admin", "security-critical", "async"
	Priority string
	Services []string
}

func (w *wizardState) input() recommend.Input {
	return recommend.Input{
		UseCase: w.decision.UseCase, Team: w.decision.Team, Priority: w.decision.Priority, Services: w.decision.Services,
		Admin:            slices.Contains(w.decision.Needs, "admin"),
		SecurityCritical: slices.Contains(w.decision.Needs, "security-critical"),
		Async:            slices.Contains(w.decision.Needs, "async"),
	}
}

func (w *wizardState) recommendation() (recommend.Recommendation, error) {
	return recommend.Recommend(w.input())
}

func (w *wizardState) toAnswers() generator.Answers {
	in := w.input()
	return generator.Answers{
		Name: w.Name, Framework: w.Framework, Extensions: w.Extensions, Database: w.Database,
		Python: generator.DefaultPython, UseCase: in.UseCase, Team: in.Team, Admin: in.Admin,
		SecurityCritical: in.SecurityCritical, Priority: in.Priority, Async: in.Async, Services: in.Services,
	}
}

// The wizard asks, in order: the name, what is being built, the modifiers, the recommendation
// (accept or override), extensions from the catalog pre-selected by the recommendation, the
// database, and a summary to confirm. On a terminal it is one form whose later titles and options
// are functions bound to earlier answers, so going back and changing one updates what follows.
// huh's accessible mode does not evaluate those functions, so there each stage is its own form,
// built once the answers it depends on are known.

// nameHelp says what a project name becomes; on a terminal it follows the name as it is typed,
// with the folder and package it makes or why it would be refused (huh checks an input's
// Validate only on Enter).
func nameHelp(w *wizardState) string {
	const help = "Becomes the folder and the Python package (my-shop → my_shop)."
	if w.Name == "" {
		return help
	}
	p, err := generator.NewProject(w.Name)
	if err != nil {
		return "✗ " + err.Error()
	}
	return fmt.Sprintf("✓ folder %s, Python package %s", p.Name, p.Package)
}

func wizardIntro(w *wizardState, static bool) []*huh.Group {
	useCases := []huh.Option[string]{huh.NewOption("Not sure / none of these", "")}
	for _, uc := range recommend.UseCases() {
		useCases = append(useCases, huh.NewOption(fmt.Sprintf("%-13s %s (%s)", uc.ID, uc.Summary, uc.Leans), uc.ID))
	}
	var services []huh.Option[string]
	for _, s := range recommend.Services() {
		services = append(services, huh.NewOption(fmt.Sprintf("%-17s %s", s.ID, s.Summary), s.ID))
	}
	var groups []*huh.Group
	// Only a name not given on the command line is asked for. A group left out, rather than
	// hidden, is left out in accessible mode too, which shows hidden groups.
	if w.askName {
		name := huh.NewInput().Title("Project name").Value(&w.Name).
			Validate(func(s string) error { _, err := generator.NewProject(s); return err })
		if static {
			name.Description(nameHelp(w))
		} else {
			name.DescriptionFunc(func() string { return nameHelp(w) }, &w.Name)
		}
		groups = append(groups, huh.NewGroup(name))
	}
	return append(groups,
		huh.NewGroup(
			huh.NewSelect[string]().Title("What are you building?").
				Options(useCases...).Value(&w.decision.UseCase).Height(17),
		),
		huh.NewGroup(
			huh.NewSelect[string]().Title("Team size").Options(
				huh.NewOption("Just me", "solo"),
				huh.NewOption("A small team", "small"),
				huh.NewOption("A large team, or several", "large"),
			).Value(&w.decision.Team),
			huh.NewMultiSelect[string]().Title("It needs…").Options(
				huh.NewOption("an admin panel for staff", "admin"),
				huh.NewOption("strong security defaults (fintech, health, government)", "security-critical"),
				huh.NewOption("async views (websockets, long polling, slow I/O)", "async"),
			).Value(&w.decision.Needs),
			huh.NewSelect[string]().Title("What matters more?").Options(
				huh.NewOption("Neither in particular", ""),
				huh.NewOption("Time to market", "time-to-market"),
				huh.NewOption("Flexibility", "flexibility"),
			).Value(&w.decision.Priority),
			huh.NewMultiSelect[string]().Title("Side services beside the main app").
				Description("Lightweight services the main application hands work to.").
				Options(services...).Value(&w.decision.Services),
		),
	)
}

func wizardFramework(cat *generator.Catalog, w *wizardState, static bool) *huh.Group {
	note := huh.NewNote().Title("Recommendation")
	sel := huh.NewSelect[string]().Title("Framework").Value(&w.Framework)
	if static {
		note.Description(recommendationText(w))
		sel.Options(frameworkOptions(cat, w)...)
	} else {
		note.DescriptionFunc(func() string { return recommendationText(w) }, &w.decision)
		sel.OptionsFunc(func() []huh.Option[string] {
			opts := frameworkOptions(cat, w)
			w.Framework = opts[0].Value // a new recommendation starts from its pick
			return opts
		}, &w.decision).Height(len(cat.Blueprints) + 2)
	}
	return huh.NewGroup(note, sel)
}

func wizardProject(cat *generator.Catalog, w *wizardState, static bool) *huh.Group {
	exts := huh.NewMultiSelect[string]().Title("Extensions").
		Description("Pre-selected from the recommendation.").
		Value(&w.Extensions).
		Validate(func([]string) error { _, err := generator.Resolve(cat, w.toAnswers()); return err })
	db := huh.NewSelect[string]().Title("Database").Value(&w.Database)
	if static {
		if opts := extensionOptions(cat, w); len(opts) > 0 {
			exts.Options(opts...)
		}
		db.Options(databaseOptions(cat, w)...)
	} else {
		exts.OptionsFunc(func() []huh.Option[string] { return extensionOptions(cat, w) }, &w.Framework)
		db.OptionsFunc(func() []huh.Option[string] { return databaseOptions(cat, w) }, &w.Framework)
	}
	group := huh.NewGroup(exts, db)
	if static && len(cat.Blueprint(w.Framework).MainBlueprint().Extensions) == 0 {
		group = huh.NewGroup(db)
	}
	return group
}

func wizardConfirm(cat *generator.Catalog, w *wizardState, static bool) *huh.Group {
	// Enter on the summary generates: it is what every question before led to. Cancel is a
	// deliberate choice (or Esc, or Ctrl-C).
	w.Confirmed = true
	c := huh.NewConfirm().Title("Generate it?").Affirmative("Generate").Negative("Cancel").Value(&w.Confirmed)
	if static {
		c.Description(summaryText(cat, w))
	} else {
		c.DescriptionFunc(func() string { return summaryText(cat, w) }, w)
	}
	return huh.NewGroup(c)
}

// buildWizard is the terminal wizard: one form, back navigation across every step.
func buildWizard(cat *generator.Catalog, w *wizardState) *huh.Form {
	groups := append(wizardIntro(w, false), wizardFramework(cat, w, false), wizardProject(cat, w, false), wizardConfirm(cat, w, false))
	return huh.NewForm(groups...)
}

func recommendationText(w *wizardState) string {
	rec, err := w.recommendation()
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (scores: flask %d, django %d, hybrid %d; runner-up %s)\n",
		rec.Framework, rec.Scores["flask"], rec.Scores["django"], rec.Scores["hybrid"], rec.RunnerUp)
	for _, r := range rec.Reasons {
		fmt.Fprintf(&b, "• %s: %s\n", r.Dimension, r.Text)
	}
	return strings.TrimRight(b.String(), "\n")
}

// frameworkOptions offers the catalog's blueprints with the recommended one first, so accepting
// the recommendation is one key press.
func frameworkOptions(cat *generator.Catalog, w *wizardState) []huh.Option[string] {
	rec, _ := w.recommendation()
	ids := cat.IDs()
	first := rec.Framework
	if cat.Blueprint(first) == nil {
		first = "django"
	}
	slices.SortStableFunc(ids, func(a, b string) int {
		switch {
		case a == first:
			return -1
		case b == first:
			return 1
		}
		return 0
	})
	var opts []huh.Option[string]
	for _, id := range ids {
		label := cat.Blueprint(id).Title
		switch {
		case id == rec.Framework:
			label += " (recommended)"
		case id == "django" && cat.Blueprint(rec.Framework) == nil:
			// The hybrid is not generated yet; its main application is.
			label += " (the recommended " + rec.Framework + "'s main application; its services are not generated yet)"
		}
		opts = append(opts, huh.NewOption(label, id))
	}
	return opts
}

func extensionOptions(cat *generator.Catalog, w *wizardState) []huh.Option[string] {
	b := cat.Blueprint(w.Framework)
	if b == nil {
		return nil
	}
	b = b.MainBlueprint() // the hybrid's extensions are its main application's
	rec, _ := w.recommendation()
	var opts []huh.Option[string]
	for _, e := range b.Extensions {
		opt := huh.NewOption(fmt.Sprintf("%-16s %s", e.ID, e.Summary), e.ID)
		if rec.Framework == w.Framework && slices.Contains(rec.Extensions, e.ID) {
			opt = opt.Selected(true)
		}
		opts = append(opts, opt)
	}
	return opts
}

func databaseOptions(cat *generator.Catalog, w *wizardState) []huh.Option[string] {
	b := cat.Blueprint(w.Framework)
	if b == nil {
		return nil
	}
	if _, ok := b.Databases[w.Database]; !ok {
		w.Database = b.DefaultDatabase // the hybrid runs on PostgreSQL only
	}
	var opts []huh.Option[string]
	for _, id := range []string{generator.DefaultDatabase, "postgres"} {
		if db, ok := b.Databases[id]; ok {
			opts = append(opts, huh.NewOption(db.Title, id))
		}
	}
	return opts
}

func summaryText(cat *generator.Catalog, w *wizardState) string {
	plan, err := generator.Resolve(cat, w.toAnswers())
	if err != nil {
		return err.Error()
	}
	exts := "none"
	if ids := plan.ExtensionIDs(); len(ids) > 0 {
		exts = strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s: %s with %s; extensions: %s", plan.Project.Name, plan.Blueprint.Title, plan.Answers.Database, exts)
}

// runWizard asks the questions. Accessible mode reads plain lines: a screen reader, or a script
// piping its answers.
func runWizard(ctx context.Context, cat *generator.Catalog, streams *IOStreams, w *wizardState, accessible bool) (a generator.Answers, err error) {
	in := &lineReader{r: streams.In}
	defer func() {
		// huh's accessible prompts cannot report end of input: they go on with an empty answer,
		// and a select without a default then indexes out of range. Input that ended is the
		// user's error, not a crash.
		if r := recover(); r != nil && !in.eof {
			panic(r)
		}
		if in.eof {
			a, err = generator.Answers{}, usageErrorf("the input ended before every question was answered: answer them all, or pass --use-case ID or --framework flask|django with --yes")
		}
	}()
	run := func(form *huh.Form) error {
		// On a terminal Bubble Tea needs the real *os.File to switch it to raw mode.
		var input io.Reader = streams.In
		if accessible {
			input = in
		}
		err := form.WithInput(input).WithOutput(streams.Out).WithAccessible(accessible).RunWithContext(ctx)
		if errors.Is(err, huh.ErrUserAborted) {
			return errCancelled
		}
		return err
	}
	if !accessible {
		if err := run(buildWizard(cat, w)); err != nil {
			return generator.Answers{}, err
		}
	} else {
		stages := []func() *huh.Form{
			func() *huh.Form { return huh.NewForm(wizardIntro(w, true)...) },
			func() *huh.Form { return huh.NewForm(wizardFramework(cat, w, true)) },
			func() *huh.Form {
				if w.Database == "" {
					w.Database = generator.DefaultDatabase
				}
				return huh.NewForm(wizardProject(cat, w, true), wizardConfirm(cat, w, true))
			},
		}
		for _, stage := range stages {
			if err := run(stage()); err != nil {
				return generator.Answers{}, err
			}
			if in.eof {
				return generator.Answers{}, nil // reported by the deferred check
			}
		}
	}
	if !w.Confirmed {
		return generator.Answers{}, errCancelled
	}
	return w.toAnswers(), nil
}

// lineReader hands out at most one line per Read. huh's accessible mode makes a new
// bufio.Scanner for every question; reading ahead would lose the answers to later questions.
type lineReader struct {
	r   io.Reader
	eof bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if _, err := l.r.Read(p[n : n+1]); err != nil {
			if errors.Is(err, io.EOF) {
				l.eof = true
			}
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		n++
		if p[n-1] == '\n' {
			break
		}
	}
	return n, nil
}
