// Package recommend picks Flask, Django or the hybrid (a Django main application with Flask
// side services) for what is being built, and says why in the terms of the Flask-vs-Django
// comparison: admin panel, ORM, authentication, security, REST APIs, performance, learning
// curve, scalability, flexibility and team structure.
//
// The rules are data (rules.yaml, embedded); this file only adds up their weights.
package recommend

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Frameworks in tie-break order: on equal scores the simpler one wins, because a project grows
// into more structure more easily than it sheds it.
var Frameworks = []string{"flask", "django", "hybrid"}

// Dimensions are the comparison's axes; every reason names one.
var Dimensions = []string{
	"admin panel", "ORM", "authentication", "security", "REST APIs",
	"performance", "learning curve", "scalability", "flexibility", "team structure",
}

// Teams and Priorities are the accepted modifier values ("" means not said).
var (
	Teams      = []string{"solo", "small", "large"}
	Priorities = []string{"time-to-market", "flexibility"}
)

// Input is what the user told the wizard or the flags.
type Input struct {
	UseCase          string
	Team             string
	Admin            bool
	SecurityCritical bool
	Priority         string
	Async            bool
	Services         []string
}

// Reason is one signal that counted, with the dimension it comes from.
type Reason struct {
	Dimension string `json:"dimension"`
	Framework string `json:"framework"`
	Weight    int    `json:"weight"`
	Text      string `json:"text"`
}

// Recommendation is the pick, every score, the reasons and what to add.
type Recommendation struct {
	Framework  string         `json:"framework"`
	Scores     map[string]int `json:"scores"`
	Reasons    []Reason       `json:"reasons"`
	RunnerUp   string         `json:"runner_up"`
	Extensions []string       `json:"extensions"`
	Services   []string       `json:"services,omitempty"`
	UseCase    string         `json:"use_case,omitempty"`
}

// UseCase describes one use case id, or one side service.
type UseCase struct {
	ID, Title, Summary, Leans string
}

type signal struct {
	Framework string `yaml:"framework"`
	Weight    int    `yaml:"weight"`
	Dimension string `yaml:"dimension"`
	Text      string `yaml:"text"`
}

type rule struct {
	Signals    []signal            `yaml:"signals"`
	Extensions map[string][]string `yaml:"extensions"`
}

type useCaseRule struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	rule    `yaml:",inline"`
}

type service struct {
	ID      string `yaml:"id"`
	Summary string `yaml:"summary"`
}

type rules struct {
	UseCases  []useCaseRule `yaml:"use_cases"`
	Modifiers struct {
		Team             map[string]rule `yaml:"team"`
		Admin            rule            `yaml:"admin"`
		SecurityCritical rule            `yaml:"security_critical"`
		Priority         map[string]rule `yaml:"priority"`
		Async            rule            `yaml:"async"`
	} `yaml:"modifiers"`
	Services []service `yaml:"services"`
	Hybrid   struct {
		PerService int      `yaml:"per_service"`
		Text       string   `yaml:"text"`
		Dimension  string   `yaml:"dimension"`
		Extensions []string `yaml:"extensions"`
	} `yaml:"hybrid"`
}

//go:embed rules.yaml
var rulesYAML []byte

var table = mustLoad(rulesYAML)

func mustLoad(data []byte) *rules {
	r, err := load(data)
	if err != nil {
		panic("recommend: rules.yaml: " + err.Error()) // embedded data; a test loads it too
	}
	return r
}

func load(data []byte) (*rules, error) {
	var r rules
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	check := func(where string, ru rule) error {
		for _, s := range ru.Signals {
			if !slices.Contains(Dimensions, s.Dimension) {
				return fmt.Errorf("%s: unknown dimension %q", where, s.Dimension)
			}
			if !slices.Contains(Frameworks[:2], s.Framework) || s.Weight <= 0 {
				return fmt.Errorf("%s: a signal needs framework flask or django and a positive weight", where)
			}
		}
		for fw := range ru.Extensions {
			if !slices.Contains(Frameworks[:2], fw) {
				return fmt.Errorf("%s: extensions for unknown framework %q", where, fw)
			}
		}
		return nil
	}
	for _, uc := range r.UseCases {
		if err := check("use case "+uc.ID, uc.rule); err != nil {
			return nil, err
		}
	}
	for _, t := range Teams {
		if err := check("team "+t, r.Modifiers.Team[t]); err != nil {
			return nil, err
		}
	}
	for name, ru := range map[string]rule{"admin": r.Modifiers.Admin, "security_critical": r.Modifiers.SecurityCritical, "async": r.Modifiers.Async} {
		if err := check(name, ru); err != nil {
			return nil, err
		}
	}
	for _, p := range Priorities {
		if err := check("priority "+p, r.Modifiers.Priority[p]); err != nil {
			return nil, err
		}
	}
	if !slices.Contains(Dimensions, r.Hybrid.Dimension) {
		return nil, fmt.Errorf("hybrid: unknown dimension %q", r.Hybrid.Dimension)
	}
	return &r, nil
}

// UseCases lists the use cases in the order of the rules file: Flask-leaning first.
func UseCases() []UseCase {
	out := make([]UseCase, len(table.UseCases))
	for i, uc := range table.UseCases {
		out[i] = UseCase{ID: uc.ID, Title: uc.Title, Summary: uc.Summary, Leans: uc.leans()}
	}
	return out
}

func (uc useCaseRule) leans() string {
	score := map[string]int{}
	for _, s := range uc.Signals {
		score[s.Framework] += s.Weight
	}
	if score["django"] > score["flask"] {
		return "django"
	}
	return "flask"
}

// Services lists the side services a main application can have.
func Services() []UseCase {
	out := make([]UseCase, len(table.Services))
	for i, s := range table.Services {
		out[i] = UseCase{ID: s.ID, Title: s.ID, Summary: s.Summary, Leans: "flask"}
	}
	return out
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// Recommend scores the three frameworks for in. It is deterministic: the same input gives the
// same pick, reasons in the order the rules list them, and extensions without repeats.
func Recommend(in Input) (Recommendation, error) {
	var chosen []rule
	if in.UseCase != "" {
		i := slices.IndexFunc(table.UseCases, func(u useCaseRule) bool { return u.ID == in.UseCase })
		if i < 0 {
			return Recommendation{}, fmt.Errorf("unknown use case %q: choose one of %s", in.UseCase,
				strings.Join(ids(table.UseCases, func(u useCaseRule) string { return u.ID }), ", "))
		}
		chosen = append(chosen, table.UseCases[i].rule)
	}
	if in.Team != "" {
		if !slices.Contains(Teams, in.Team) {
			return Recommendation{}, fmt.Errorf("unknown team size %q: choose %s", in.Team, strings.Join(Teams, ", "))
		}
		chosen = append(chosen, table.Modifiers.Team[in.Team])
	}
	if in.Admin {
		chosen = append(chosen, table.Modifiers.Admin)
	}
	if in.SecurityCritical {
		chosen = append(chosen, table.Modifiers.SecurityCritical)
	}
	if in.Priority != "" {
		if !slices.Contains(Priorities, in.Priority) {
			return Recommendation{}, fmt.Errorf("unknown priority %q: choose %s", in.Priority, strings.Join(Priorities, " or "))
		}
		chosen = append(chosen, table.Modifiers.Priority[in.Priority])
	}
	if in.Async {
		chosen = append(chosen, table.Modifiers.Async)
	}
	serviceIDs := ids(table.Services, func(s service) string { return s.ID })
	var services []string
	for _, s := range in.Services {
		if !slices.Contains(serviceIDs, s) {
			return Recommendation{}, fmt.Errorf("unknown service %q: choose %s", s, strings.Join(serviceIDs, ", "))
		}
		if !slices.Contains(services, s) {
			services = append(services, s)
		}
	}

	rec := Recommendation{Scores: map[string]int{"flask": 0, "django": 0, "hybrid": 0}, UseCase: in.UseCase}
	for _, ru := range chosen {
		for _, s := range ru.Signals {
			rec.Scores[s.Framework] += s.Weight
			rec.Reasons = append(rec.Reasons, Reason{Dimension: s.Dimension, Framework: s.Framework, Weight: s.Weight, Text: s.Text})
		}
	}
	// The hybrid only makes sense around a Django-shaped main application.
	if len(services) > 0 && rec.Scores["django"] > rec.Scores["flask"] {
		bonus := table.Hybrid.PerService * len(services)
		rec.Scores["hybrid"] = rec.Scores["django"] + bonus
		rec.Reasons = append(rec.Reasons, Reason{Dimension: table.Hybrid.Dimension, Framework: "hybrid", Weight: bonus,
			Text: table.Hybrid.Text + " (" + strings.Join(services, ", ") + ")"})
	}

	ranked := slices.Clone(Frameworks)
	slices.SortStableFunc(ranked, func(a, b string) int { return rec.Scores[b] - rec.Scores[a] })
	rec.Framework, rec.RunnerUp = ranked[0], ranked[1]

	fw := rec.Framework
	if fw == "hybrid" {
		fw = "django" // the main application's extensions; the services come from their own blueprint
		rec.Services = services
	}
	for _, ru := range chosen {
		for _, e := range ru.Extensions[fw] {
			if !slices.Contains(rec.Extensions, e) {
				rec.Extensions = append(rec.Extensions, e)
			}
		}
	}
	if rec.Framework == "hybrid" {
		for _, e := range table.Hybrid.Extensions {
			if !slices.Contains(rec.Extensions, e) {
				rec.Extensions = append(rec.Extensions, e)
			}
		}
	}
	if rec.Extensions == nil {
		rec.Extensions = []string{}
	}
	return rec, nil
}

// RulesMarkdown renders the rule table for the README.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| signal | framework | weight | dimension | why |\n|---|---|---|---|---|\n")
	row := func(name string, ru rule) {
		for _, s := range ru.Signals {
			fmt.Fprintf(&b, "| %s | %s | +%d | %s | %s |\n", name, s.Framework, s.Weight, s.Dimension, s.Text)
		}
	}
	for _, uc := range table.UseCases {
		row("use case `"+uc.ID+"`", uc.rule)
	}
	for _, t := range Teams {
		row("`--team "+t+"`", table.Modifiers.Team[t])
	}
	row("`--admin`", table.Modifiers.Admin)
	row("`--security-critical`", table.Modifiers.SecurityCritical)
	for _, p := range Priorities {
		row("`--priority "+p+"`", table.Modifiers.Priority[p])
	}
	row("`--async`", table.Modifiers.Async)
	fmt.Fprintf(&b, "| `--service ID`, main app Django-shaped | hybrid | Django score +%d per service | %s | %s |\n",
		table.Hybrid.PerService, table.Hybrid.Dimension, table.Hybrid.Text)
	return b.String()
}
