package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/pystart/pystart/blueprints"
	"github.com/pystart/pystart/generator"
	"github.com/pystart/pystart/generator/recommend"
)

// press sends one message to the form model and feeds back the messages its commands produce,
// a few rounds deep, the way Bubble Tea's loop would. Timers (cursor blinks, spinner frames) are
// dropped: the test needs state changes, not animation.
func press(t *testing.T, m tea.Model, msg tea.Msg) tea.Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for round := 0; round < 6 && len(queue) > 0; round++ {
		var next []tea.Msg
		for _, msg := range queue {
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			next = append(next, run(t, cmd)...)
		}
		queue = next
	}
	return m
}

// timers are the commands that answer only once a clock has run (a text cursor's blink, a
// loading spinner's next frame), by the name of the function: they are animation, so run leaves
// them out, which is decided by what they are and not by how long they take.
var timers = []string{
	"github.com/charmbracelet/bubbles/cursor.(*Model).BlinkCmd.",
	"github.com/charmbracelet/bubbles/spinner.Model.Tick",
}

// cmdTimeout bounds one command that is not a timer. Those answer at once (they only wrap a
// message, or evaluate a title or an options function); the bound only turns a command that
// never answers into a failure that names it instead of a hung test, so it is far above
// anything a loaded machine takes.
const cmdTimeout = 30 * time.Second

// run executes a command (and a batch's or a sequence's parts) and returns the messages they
// produce, without the timers'.
func run(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	if slices.ContainsFunc(timers, func(prefix string) bool { return strings.HasPrefix(name, prefix) }) {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(cmdTimeout):
		t.Fatalf("command %s did not answer in %v: if it is a timer, add it to timers", name, cmdTimeout)
	}
	if msg == nil {
		return nil
	}
	// A batch runs concurrently and a sequence in order; one after the other does for both.
	// tea.Sequence's message type is unexported: it is a []tea.Cmd underneath.
	cmds, ok := msg.(tea.BatchMsg)
	if v := reflect.ValueOf(msg); !ok && v.Kind() == reflect.Slice && v.Type().ConvertibleTo(reflect.TypeFor[[]tea.Cmd]()) {
		cmds, ok = v.Convert(reflect.TypeFor[[]tea.Cmd]()).Interface().([]tea.Cmd), true
	}
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range cmds {
		out = append(out, run(t, c)...)
	}
	return out
}

func typeText(t *testing.T, m tea.Model, s string) tea.Model {
	return press(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	down  = tea.KeyMsg{Type: tea.KeyDown}
	back  = tea.KeyMsg{Type: tea.KeyShiftTab}
)

// builtinCatalog is the catalog of the blueprints built into pystart, as the wizard gets it.
func builtinCatalog(t *testing.T) *generator.Catalog {
	t.Helper()
	cat, err := generator.LoadCatalog(blueprints.FS(), "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// startForm builds the terminal wizard's form for w and starts it as bubbletea would: its
// first commands run, then the terminal's size arrives (without one, how much of a screen fits
// depends on the test runner's TERM: under TERM=dumb the recommendation's first lines scrolled
// out of view).
func startForm(t *testing.T, cat *generator.Catalog, w *wizardState) tea.Model {
	t.Helper()
	var m tea.Model = buildWizard(cat, w)
	for _, msg := range run(t, m.Init()) {
		m = press(t, m, msg)
	}
	return press(t, m, tea.WindowSizeMsg{Width: 100, Height: 60})
}

// TestWizardModelByKeys drives the terminal wizard's form model with key presses: the
// recommendation screen follows the use case, going back and changing it updates the pick, and
// the answers come out as generator.Answers.
func TestWizardModelByKeys(t *testing.T) {
	cat := builtinCatalog(t)
	w := &wizardState{askName: true}
	m := startForm(t, cat, w)
	view := func() string { return ansi.Strip(m.View()) }

	m = typeText(t, m, "shop")
	m = press(t, m, enter)
	if !strings.Contains(view(), "What are you building?") {
		t.Fatalf("no use-case question after the name:\n%s", view())
	}
	// Down to "ml-serving" (option 0 is "Not sure", 1 microservice, 2 ml-serving).
	m = press(t, m, down)
	m = press(t, m, down)
	m = press(t, m, enter)
	for range 4 { // team, needs, priority, services: the defaults
		m = press(t, m, enter)
	}
	if v := view(); !strings.Contains(v, "flask (scores: flask 4, django 0") || !strings.Contains(v, "Flask (recommended)") {
		t.Fatalf("recommendation screen for ml-serving:\n%s", v)
	}

	// Back to the use case, pick "cms" instead: the recommendation must follow.
	for range 5 {
		m = press(t, m, back)
	}
	if !strings.Contains(view(), "What are you building?") {
		t.Fatalf("shift+tab did not go back to the use case:\n%s", view())
	}
	for range 7 { // from ml-serving (2) to cms (9)
		m = press(t, m, down)
	}
	m = press(t, m, enter)
	for range 4 {
		m = press(t, m, enter)
	}
	if v := view(); !strings.Contains(v, "django (scores: flask 0, django 4") || !strings.Contains(v, "Django (recommended)") {
		t.Fatalf("recommendation after going back to cms:\n%s", v)
	}
	m = press(t, m, enter) // accept Django
	if w.Framework != "django" {
		t.Fatalf("framework = %q, want django", w.Framework)
	}
	got := w.toAnswers()
	if got.Name != "shop" || got.UseCase != "cms" || got.Framework != "django" {
		t.Fatalf("answers = %+v", got)
	}

	// Extensions as suggested, the default database, then the summary: Enter generates.
	m = press(t, m, enter)
	m = press(t, m, enter)
	if v := view(); !strings.Contains(v, "Generate it?") || !strings.Contains(v, "shop: Django with sqlite") {
		t.Fatalf("no summary after the database:\n%s", v)
	}
	m = press(t, m, enter)
	if !w.Confirmed || m.(*huh.Form).State != huh.StateCompleted {
		t.Fatalf("Enter at the summary: confirmed %v, form state %v; want Generate, completed", w.Confirmed, m.(*huh.Form).State)
	}
}

// TestNoColor: with colour on, the wizard's view has colour sequences; disableColor (what
// --no-color and NO_COLOR do) removes them.
func TestNoColor(t *testing.T) {
	cat := builtinCatalog(t)
	colour := regexp.MustCompile(`\x1b\[[0-9;]*(38|48);`)
	view := func() string {
		var m tea.Model = buildWizard(cat, &wizardState{askName: true})
		for _, msg := range run(t, m.Init()) {
			m = press(t, m, msg)
		}
		return m.View()
	}
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	if !colour.MatchString(view()) {
		t.Fatal("the wizard has no colour even with a true-colour profile: this test would prove nothing")
	}
	disableColor()
	if v := view(); colour.MatchString(v) {
		t.Fatalf("colour sequences left with colour off: %q", colour.FindString(v))
	}
}

// TestWizardChecksTheNameAsItIsTyped: the name's description follows each key press, saying why
// a name would be refused before Enter is pressed, and what a good one becomes.
func TestWizardChecksTheNameAsItIsTyped(t *testing.T) {
	cat := builtinCatalog(t)
	var m tea.Model = buildWizard(cat, &wizardState{askName: true})
	for _, msg := range run(t, m.Init()) {
		m = press(t, m, msg)
	}
	m = press(t, m, tea.WindowSizeMsg{Width: 100, Height: 60})
	view := func() string { return ansi.Strip(m.View()) }
	m = typeText(t, m, "class")
	if v := view(); !strings.Contains(v, `✗ project name "class" is a Python keyword`) {
		t.Fatalf("no error while typing a keyword:\n%s", v)
	}
	m = typeText(t, m, "-room")
	if v := view(); !strings.Contains(v, "✓ folder class-room, Python package class_room") {
		t.Fatalf("no folder and package for a good name:\n%s", v)
	}
}

// screen is an output the wizard writes while the test reads it: safe across goroutines, and
// capped, so that a wizard asking the same question forever fails the test instead of filling
// the memory.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.buf.Len() < 1<<20 {
		s.buf.Write(p)
	}
	return len(p), nil
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor polls until the screen shows text.
func (s *screen) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(s.String(), text) {
			return
		}
	}
	t.Fatalf("the wizard never showed %q; it shows:\n%s", text, s.String())
}

// startWizard runs runWizard in the background on in and out, and returns what it returns.
func startWizard(ctx context.Context, t *testing.T, in io.Reader, out io.Writer, accessible bool) <-chan error {
	t.Helper()
	cat := builtinCatalog(t)
	done := make(chan error, 1)
	go func() {
		_, err := runWizard(ctx, cat, &IOStreams{In: in, Out: out, ErrOut: io.Discard}, &wizardState{askName: true}, accessible)
		done <- err
	}()
	return done
}

// wizardResult waits for the wizard started by startWizard to return.
func wizardResult(t *testing.T, done <-chan error, out *screen) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("the wizard did not return within 10 s; it shows:\n%s", out.String())
	}
	return nil
}

// TestAccessibleWizardStopsOnCancel: Ctrl-C (the context cancelled) while an accessible prompt
// waits for a line stops the wizard there with errCancelled; no later question is asked.
func TestAccessibleWizardStopsOnCancel(t *testing.T) {
	in, answers := io.Pipe()
	t.Cleanup(func() { answers.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &screen{}
	done := startWizard(ctx, t, in, out, true)
	if _, err := io.WriteString(answers, "shop\n"); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "What are you building?")
	cancel()
	if err := wizardResult(t, done, out); !errors.Is(err, errCancelled) {
		t.Fatalf("after cancel: error %v, want %v", err, errCancelled)
	}
	if s := out.String(); strings.Contains(s, "Team size") {
		t.Fatalf("questions went on after the cancel:\n%s", s)
	}
}

// TestAccessibleWizardInputEnds: input that ends before every question is answered is a usage
// error naming the flags, also where huh would ask again: the extensions question refuses a
// conflicting pair (peewee and sqlalchemy) and, with no more input, would repeat for ever.
func TestAccessibleWizardInputEnds(t *testing.T) {
	for _, tt := range []struct{ name, input string }{
		{"after the name", "shop\n"},
		{"at a refused answer", "shop\n1\n1\n0\n1\n0\n1\n9\n13\n0\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := &screen{}
			done := startWizard(context.Background(), t, strings.NewReader(tt.input), out, true)
			err := wizardResult(t, done, out)
			var usage usageError
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), "the input ended before every question was answered") {
				t.Fatalf("error %v, want the usage error for input that ended", err)
			}
		})
	}
}

// TestAccessibleWizardLastLineWithoutNewline: the last answer counts without its newline.
func TestAccessibleWizardLastLineWithoutNewline(t *testing.T) {
	cat := builtinCatalog(t)
	w := &wizardState{askName: true}
	streams := &IOStreams{In: strings.NewReader("shop\n10\n1\n0\n1\n0\n1\n0\n1\ny"), Out: io.Discard, ErrOut: io.Discard}
	a, err := runWizard(context.Background(), cat, streams, w, true)
	if err != nil || a.Name != "shop" || a.Framework != "django" || a.UseCase != "cms" {
		t.Fatalf("answers %+v, error %v", a, err)
	}
}

// TestWizardOffersOnlyWhatTheStarterTakes: the extensions offered for a framework and use case
// are exactly those the catalog accepts with that use case's starter. Each offered one, with
// what it requires, resolves; each left out is refused, alone with what it requires.
func TestWizardOffersOnlyWhatTheStarterTakes(t *testing.T) {
	cat := builtinCatalog(t)
	offered := func(framework, useCase string) []string {
		w := &wizardState{Framework: framework, decision: wizardDecision{UseCase: useCase}}
		if framework == "hybrid" {
			w.decision.Services = []string{"webhooks"}
		}
		var ids []string
		for _, o := range extensionOptions(cat, w) {
			ids = append(ids, o.Value)
		}
		return ids
	}
	flask := cat.Blueprint("flask").ExtensionIDs()
	without := func(all []string, drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(id string) bool { return slices.Contains(drop, id) })
	}
	for _, tt := range []struct {
		framework, useCase string
		want               []string
	}{
		{"flask", "", flask},
		{"flask", "prototype", nil},
		{"flask", "learning", nil}, // the prototype plus a tour: its conflicts too
		{"flask", "microservice", without(flask, "admin", "caching", "login", "peewee", "restx", "wtf")},
		// simple-api brings in smorest and sqlalchemy, which conflict with restx and peewee.
		{"flask", "simple-api", without(flask, "peewee", "restx")},
		{"django", "cms", cat.Blueprint("django").ExtensionIDs()},
		{"hybrid", "cms", cat.Blueprint("django").ExtensionIDs()},
	} {
		if got := offered(tt.framework, tt.useCase); !slices.Equal(got, tt.want) {
			t.Errorf("%s + %q: offered %v, want %v", tt.framework, tt.useCase, got, tt.want)
		}
	}

	// withRequirements adds what the extensions require (the first alternative of a choice).
	withRequirements := func(b *generator.Blueprint, ids []string) []string {
		for i := 0; i < len(ids); i++ {
			for _, req := range b.Extension(ids[i]).Requires {
				alts := strings.Split(req, "|")
				if !slices.ContainsFunc(alts, func(a string) bool { return slices.Contains(ids, a) }) {
					ids = append(ids, alts[0])
				}
			}
		}
		return ids
	}
	useCases := []string{""}
	for _, uc := range recommend.UseCases() {
		useCases = append(useCases, uc.ID)
	}
	for _, framework := range []string{"flask", "django", "hybrid"} {
		main := cat.Blueprint(framework).MainBlueprint()
		for _, useCase := range useCases {
			ids := offered(framework, useCase)
			for _, e := range main.ExtensionIDs() {
				a := generator.Answers{Name: "shop", Framework: framework, UseCase: useCase, Extensions: withRequirements(main, []string{e})}
				if framework == "hybrid" {
					a.Services = []string{"webhooks"}
				}
				_, err := generator.Resolve(cat, a)
				switch {
				case slices.Contains(ids, e) && err != nil:
					t.Errorf("%s + %q: %s is offered, but %v is refused: %v", framework, useCase, e, a.Extensions, err)
				case !slices.Contains(ids, e) && err == nil:
					t.Errorf("%s + %q: %s is not offered, yet %v resolves", framework, useCase, e, a.Extensions)
				}
			}
		}
	}
}

// TestWizardOffersTheHybridWithServices: the hybrid needs a side service, so it is a framework
// choice only once one was chosen.
func TestWizardOffersTheHybridWithServices(t *testing.T) {
	cat := builtinCatalog(t)
	values := func(d wizardDecision) []string {
		var ids []string
		for _, o := range frameworkOptions(cat, &wizardState{decision: d}) {
			ids = append(ids, o.Value)
		}
		return ids
	}
	for _, tt := range []struct {
		d    wizardDecision
		want []string
	}{
		{wizardDecision{UseCase: "cms"}, []string{"django", "flask"}},
		{wizardDecision{UseCase: "microservice"}, []string{"flask", "django"}},
		{wizardDecision{UseCase: "cms", Services: []string{"webhooks"}}, []string{"hybrid", "django", "flask"}},
		// A Flask pick with services: the hybrid is still a choice, not the first.
		{wizardDecision{UseCase: "microservice", Services: []string{"webhooks"}}, []string{"flask", "django", "hybrid"}},
	} {
		if got := values(tt.d); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: frameworks %v, want %v", tt.d, got, tt.want)
		}
	}
}

// TestAccessibleWizardPrototypeAsksNoExtensions: Flask for a prototype takes no extension, so
// the accessible wizard goes from the framework to the database.
func TestAccessibleWizardPrototypeAsksNoExtensions(t *testing.T) {
	cat := builtinCatalog(t)
	var out bytes.Buffer
	// name, use case 5 (prototype), team, needs, priority, services, Flask, SQLite, generate.
	streams := &IOStreams{In: strings.NewReader("shop\n5\n1\n0\n1\n0\n1\n1\ny\n"), Out: &out, ErrOut: io.Discard}
	a, err := runWizard(context.Background(), cat, streams, &wizardState{askName: true}, true)
	if err != nil || a.Framework != "flask" || a.UseCase != "prototype" || len(a.Extensions) != 0 || a.Database != "sqlite" {
		t.Fatalf("answers %+v, error %v\n%s", a, err, out.String())
	}
	if strings.Contains(out.String(), "Extensions") {
		t.Fatalf("the extensions question was asked:\n%s", out.String())
	}
}

// TestWizardModelFollowsTheStarter: on a terminal the extensions offered follow the use case
// when going back to change it, and a prototype leaves only the database to ask, with the
// extensions chosen before dropped.
func TestWizardModelFollowsTheStarter(t *testing.T) {
	cat := builtinCatalog(t)
	w := &wizardState{askName: true}
	m := startForm(t, cat, w)
	view := func() string { return ansi.Strip(m.View()) }
	m = typeText(t, m, "shop")
	m = press(t, m, enter)
	m = press(t, m, down) // microservice
	for range 5 {         // it, then team, needs, priority and services as they are
		m = press(t, m, enter)
	}
	if v := view(); !strings.Contains(v, "Flask (recommended)") || strings.Contains(v, "Hybrid") {
		t.Fatalf("framework screen without services: want Flask recommended and no hybrid:\n%s", v)
	}
	m = press(t, m, enter) // Flask
	if v := view(); !strings.Contains(v, "Extensions") || !strings.Contains(v, "smorest") || strings.Contains(v, "login") {
		t.Fatalf("microservice extensions: want smorest offered, login not:\n%s", v)
	}
	if !slices.Contains(w.Extensions, "smorest") {
		t.Fatalf("extensions %v: smorest not pre-selected", w.Extensions)
	}

	// backTo goes back from the extensions to the use case and moves down to another.
	backTo := func(downs int) {
		t.Helper()
		for range 6 {
			m = press(t, m, back)
		}
		if !strings.Contains(view(), "What are you building?") {
			t.Fatalf("shift+tab did not go back to the use case:\n%s", view())
		}
		for range downs {
			m = press(t, m, down)
		}
		for range 6 { // it, the modifiers, Flask
			m = press(t, m, enter)
		}
	}
	// The same framework with another use case: the offer is worked out again.
	backTo(2) // from microservice (1) to simple-api (3)
	// wtf is offered for simple-api, not for the microservice; restx for neither (the list
	// scrolls to the last pre-selected one, sqlalchemy, and would show restx above it).
	if v := view(); !strings.Contains(v, "wtf") || strings.Contains(v, "restx") {
		t.Fatalf("simple-api extensions: want wtf offered, restx not:\n%s", v)
	}
	backTo(1) // to prototype (4)
	if v := view(); !strings.Contains(v, "Database") || strings.Contains(v, "Extensions") {
		t.Fatalf("prototype: want the database alone:\n%s", v)
	}
	if len(w.Extensions) != 0 {
		t.Fatalf("extensions %v kept from the microservice", w.Extensions)
	}
	m = press(t, m, enter)
	if v := view(); !strings.Contains(v, "shop: Flask with sqlite; extensions: none") {
		t.Fatalf("summary:\n%s", v)
	}
	m = press(t, m, enter)
	if m.(*huh.Form).State != huh.StateCompleted || w.toAnswers().UseCase != "prototype" {
		t.Fatalf("form state %v, answers %+v", m.(*huh.Form).State, w.toAnswers())
	}
}

var ctrlC = tea.KeyMsg{Type: tea.KeyCtrlC}

// TestWizardModelCtrlC: Ctrl-C aborts the terminal wizard from any step, the summary's
// Generate default included, and runWizard turns that into errCancelled.
func TestWizardModelCtrlC(t *testing.T) {
	cat := builtinCatalog(t)
	for _, tt := range []struct {
		name, screen string
		steps        func(t *testing.T, m tea.Model) tea.Model
	}{
		{"while typing the name", "Project name", func(t *testing.T, m tea.Model) tea.Model { return typeText(t, m, "sh") }},
		{"at the recommendation", "Recommendation", func(t *testing.T, m tea.Model) tea.Model {
			m = typeText(t, m, "shop")
			for range 6 { // the name, the use case (not sure), the modifiers
				m = press(t, m, enter)
			}
			return m
		}},
		{"at the summary", "Generate it?", func(t *testing.T, m tea.Model) tea.Model {
			m = typeText(t, m, "shop")
			for range 9 { // ... the framework, the extensions, the database
				m = press(t, m, enter)
			}
			return m
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := startForm(t, cat, &wizardState{askName: true})
			m = tt.steps(t, m)
			if m.(*huh.Form).State != huh.StateNormal {
				t.Fatalf("form state %v before Ctrl-C", m.(*huh.Form).State)
			}
			if v := ansi.Strip(m.View()); !strings.Contains(v, tt.screen) {
				t.Fatalf("no %q on screen before Ctrl-C:\n%s", tt.screen, v)
			}
			m = press(t, m, ctrlC)
			if got := m.(*huh.Form).State; got != huh.StateAborted {
				t.Fatalf("form state %v after Ctrl-C, want aborted", got)
			}
		})
	}
}

// TestCtrlCWritesNothing runs `pystart new` as main does, on a terminal (a pipe standing in for
// it: Bubble Tea reads keys from any reader), and presses Ctrl-C at the use case: exit 130, the
// cancelled line, and an empty folder. In accessible mode the terminal would send SIGINT.
func TestCtrlCWritesNothing(t *testing.T) {
	for _, tt := range []struct {
		name       string
		accessible bool
	}{
		{"terminal", false},
		{"ACCESSIBLE=1", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			env := map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "HOME": t.TempDir()}
			if tt.accessible {
				env["ACCESSIBLE"] = "1"
			}
			in, keys := io.Pipe()
			t.Cleanup(func() { keys.Close() })
			out, errOut := &screen{}, &screen{}
			streams := &IOStreams{In: in, Out: out, ErrOut: errOut}
			streams.SetTTY(true)
			code := make(chan ExitCode, 1)
			go func() { code <- Main([]string{"new"}, streams, func(k string) string { return env[k] }) }()
			enter := "\r"
			if tt.accessible {
				enter = "\n"
			}
			if _, err := io.WriteString(keys, "shop"+enter); err != nil {
				t.Fatal(err)
			}
			out.waitFor(t, "What are you building?")
			// ACCESSIBLE=1 asks in numbered lines even on a terminal.
			if got := strings.Contains(out.String(), "Enter a number between"); got != tt.accessible {
				t.Fatalf("accessible prompts %v, want %v:\n%s", got, tt.accessible, out.String())
			}
			if tt.accessible {
				// A terminal in line mode turns Ctrl-C into SIGINT for the process, which Main
				// is waiting for now: it does not end the test binary.
				self, _ := os.FindProcess(os.Getpid())
				if err := self.Signal(os.Interrupt); err != nil {
					t.Skipf("no SIGINT here: %v", err)
				}
			} else if _, err := io.WriteString(keys, "\x03"); err != nil {
				t.Fatal(err)
			}
			select {
			case c := <-code:
				if c != ExitCancelled {
					t.Fatalf("exit %d, want %d; stderr:\n%s", c, ExitCancelled, errOut.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("pystart new did not return within 10 s of Ctrl-C; it shows:\n%s", out.String())
			}
			if !strings.Contains(errOut.String(), "pystart: cancelled, nothing was written") {
				t.Fatalf("stderr:\n%s", errOut.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("Ctrl-C left %v", entries)
			}
		})
	}
}

// TestAccessibleEnvForcesAccessibleMode: ACCESSIBLE=1 makes `pystart new` ask in numbered lines
// even on a terminal, where the full-screen wizard would run; piped input gets them anyway.
func TestAccessibleEnvForcesAccessibleMode(t *testing.T) {
	for _, tt := range []struct {
		name                   string
		tty, piped             bool
		env                    string
		wizard, wantAccessible bool
	}{
		{"terminal", true, false, "", true, false},
		{"terminal, ACCESSIBLE=1", true, false, "1", true, true},
		{"piped", false, true, "", true, true},
		{"piped, ACCESSIBLE=1", false, true, "1", true, true},
		{"neither, ACCESSIBLE=1", false, false, "1", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, _, _ := TestStreams()
			streams.SetTTY(tt.tty)
			streams.SetPiped(tt.piped)
			f := &Factory{IO: streams, Getenv: func(k string) string {
				if k == "ACCESSIBLE" {
					return tt.env
				}
				return ""
			}}
			var got *NewOptions
			cmd := NewCmdNew(f, func(o *NewOptions) error { got = o; return nil })
			cmd.SetArgs([]string{"shop"})
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if got.Wizard != tt.wizard || got.Accessible != tt.wantAccessible {
				t.Fatalf("wizard %v, accessible %v; want %v, %v", got.Wizard, got.Accessible, tt.wizard, tt.wantAccessible)
			}
		})
	}
}
