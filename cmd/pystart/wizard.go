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
				Description("Lightweight services the main application hands work to; with one, the hybrid is offered.").
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

func wizardProject(cat *generator.Catalog, w *wizardState, static bool) []*huh.Group {
	exts := huh.NewMultiSelect[string]().Title("Extensions").
		Description("Pre-selected from the recommendation.").
		Value(&w.Extensions).
		Validate(func([]string) error { _, err := generator.Resolve(cat, w.toAnswers()); return err })
	db := func() *huh.Select[string] {
		db := huh.NewSelect[string]().Title("Database").Value(&w.Database)
		if static {
			return db.Options(databaseOptions(cat, w)...)
		}
		return db.OptionsFunc(func() []huh.Option[string] { return databaseOptions(cat, w) }, &w.Framework)
	}
	if static {
		if noExtensions(cat, w) {
			return []*huh.Group{huh.NewGroup(db())}
		}
		return []*huh.Group{huh.NewGroup(exts.Options(extensionOptions(cat, w)...), db())}
	}
	// What is offered depends on the framework and the use case (its starter's conflicts). With
	// nothing to offer, the database is asked alone: the second group stands in for the first.
	exts.OptionsFunc(func() []huh.Option[string] { return extensionOptions(cat, w) }, []any{&w.Framework, &w.decision})
	return []*huh.Group{
		huh.NewGroup(exts, db()).WithHideFunc(func() bool { return noExtensions(cat, w) }),
		huh.NewGroup(db()).WithHideFunc(func() bool { return !noExtensions(cat, w) }),
	}
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
	groups := append(wizardIntro(w, false), wizardFramework(cat, w, false))
	groups = append(groups, wizardProject(cat, w, false)...)
	groups = append(groups, wizardConfirm(cat, w, false))
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
// the recommendation is one key press. A composed blueprint (the hybrid) is offered only with
// side services chosen: it cannot be generated without one, and the services are asked before.
func frameworkOptions(cat *generator.Catalog, w *wizardState) []huh.Option[string] {
	rec, _ := w.recommendation()
	ids := slices.DeleteFunc(cat.IDs(), func(id string) bool {
		b := cat.Blueprint(id)
		return b != nil && b.Hybrid != nil && len(w.decision.Services) == 0
	})
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

// extensionOptions offers the extensions of the chosen framework (the hybrid's are its main
// application's) that the use case's starter takes, pre-selecting the recommended ones. Those it
// refuses are left out: picking one could only fail at the summary.
func extensionOptions(cat *generator.Catalog, w *wizardState) []huh.Option[string] {
	b := cat.Blueprint(w.Framework)
	if b == nil {
		return nil
	}
	b = b.MainBlueprint()
	starter := b.Starter(w.decision.UseCase)
	rec, _ := w.recommendation()
	var opts []huh.Option[string]
	for _, e := range b.Extensions {
		if starter != nil && starterRefuses(b, starter, e) {
			continue
		}
		opt := huh.NewOption(fmt.Sprintf("%-16s %s", e.ID, e.Summary), e.ID)
		if rec.Framework == w.Framework && slices.Contains(rec.Extensions, e.ID) {
			opt = opt.Selected(true)
		}
		opts = append(opts, opt)
	}
	return opts
}

// starterRefuses reports whether a use case's starter conflicts with extension e, or brings in
// an extension that conflicts with e either way round (the wizard has no --without to leave that
// one out): the flask prototype refuses every extension, simple-api's smorest refuses restx.
func starterRefuses(b *generator.Blueprint, starter, e *generator.Extension) bool {
	if slices.Contains(starter.Conflicts, e.ID) {
		return true
	}
	return slices.ContainsFunc(starter.Implies, func(id string) bool {
		implied := b.Extension(id)
		return slices.Contains(e.Conflicts, id) || (implied != nil && slices.Contains(implied.Conflicts, e.ID))
	})
}

// noExtensions reports whether nothing is offered for the framework and use case chosen; then
// nothing is chosen either, which drops a choice made before going back and changing them.
func noExtensions(cat *generator.Catalog, w *wizardState) bool {
	if len(extensionOptions(cat, w)) > 0 {
		return false
	}
	w.Extensions = nil
	return true
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
// piping its answers. Ctrl-C (ctx cancelled) stops it at once in either mode with errCancelled.
func runWizard(ctx context.Context, cat *generator.Catalog, streams *IOStreams, w *wizardState, accessible bool) (a generator.Answers, err error) {
	in := &lineReader{ctx: ctx, r: streams.In}
	defer func() {
		// In accessible mode huh cannot be told to stop (see lineReader): the reader unwinds it.
		r := recover()
		if r == nil {
			return
		}
		stop, ok := r.(inputStopped)
		if !ok {
			panic(r)
		}
		// The prompt waits on its line; what comes next (the error) starts a line of its own, as
		// after a prompt huh sees end.
		fmt.Fprintln(streams.Out)
		a = generator.Answers{}
		switch {
		case ctx.Err() != nil:
			err = errCancelled
		case errors.Is(stop.err, io.EOF):
			err = usageErrorf("the input ended before every question was answered: answer them all, or pass --use-case ID or --framework flask|django with --yes")
		default:
			err = fmt.Errorf("read the answers: %w", stop.err)
		}
	}()
	run := func(form *huh.Form) error {
		// On a terminal Bubble Tea needs the real *os.File to switch it to raw mode.
		var input io.Reader = streams.In
		if accessible {
			input = in
		}
		err := form.WithInput(input).WithOutput(streams.Out).WithAccessible(accessible).RunWithContext(ctx)
		switch {
		case ctx.Err() != nil:
			// On a terminal a cancelled context ends Bubble Tea as a kill, which huh reports as a
			// timeout; it was an interrupt (SIGINT from outside: Ctrl-C itself is a key there).
			return errCancelled
		case errors.Is(err, huh.ErrUserAborted):
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
				return huh.NewForm(append(wizardProject(cat, w, true), wizardConfirm(cat, w, true))...)
			},
		}
		for _, stage := range stages {
			if err := run(stage()); err != nil {
				return generator.Answers{}, err
			}
		}
	}
	if !w.Confirmed {
		return generator.Answers{}, errCancelled
	}
	return w.toAnswers(), nil
}

// lineReader feeds huh's accessible prompts, one line per Read: huh makes a new bufio.Scanner
// for every question, and reading ahead would lose the answers to later questions.
//
// It is also how those prompts stop. huh's accessible mode ignores the context and has no way to
// report a failed read: it takes the question's default and goes on (a select without one then
// indexes out of range, and a list whose answer fails validation asks again forever). So when
// the context is cancelled (Ctrl-C, while a Read waits for a line) or the input has ended and
// another answer is wanted, Read panics with inputStopped, and runWizard, which started the
// form, recovers it and returns the error. The panic never leaves runWizard.
type lineReader struct {
	ctx context.Context
	r   io.Reader
	buf []byte // read from r and not yet handed out: at most one line
	err error  // the error that ended r (io.EOF), once buf is used up
	// line delivers the line being read from r in the background, so that a Read waiting for
	// the terminal can return when the context is cancelled.
	line chan readLine
}

type readLine struct {
	data []byte
	err  error
}

// inputStopped is the panic that unwinds an accessible form: the context's error or r's.
type inputStopped struct{ err error }

func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.buf) == 0 {
		if l.err != nil {
			panic(inputStopped{l.err})
		}
		l.next()
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// next reads the next line into buf, or stops the form.
func (l *lineReader) next() {
	if l.line == nil {
		ch := make(chan readLine, 1)
		go func(r io.Reader) {
			// One byte at a time: nothing past the line is taken from r.
			var line []byte
			b := make([]byte, 1)
			for {
				n, err := r.Read(b)
				line = append(line, b[:n]...)
				if err != nil || (n == 1 && b[0] == '\n') {
					ch <- readLine{line, err}
					return
				}
			}
		}(l.r)
		l.line = ch
	}
	select {
	case <-l.ctx.Done():
		panic(inputStopped{l.ctx.Err()})
	case got := <-l.line:
		l.line = nil
		l.buf, l.err = got.data, got.err
		if len(l.buf) > 0 && l.buf[len(l.buf)-1] != '\n' {
			// The last line, without its newline: still an answer.
			l.buf = append(l.buf, '\n')
		}
		if len(l.buf) == 0 { // nothing before the end: l.err is set
			panic(inputStopped{l.err})
		}
	}
}
