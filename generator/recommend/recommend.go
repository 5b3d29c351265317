// Package recommend picks Flask, Django or the hybrid (a Django main application with Flask
// side services) for what is being built, and says why in the terms of the Flask-vs-Django
// comparison: admin panel, ORM, authentication, security, REST APIs, performance, learning
// curve, scalability, flexibility and team structure.
//
// The rules are data (rules.yaml, embedded and checked when first used); this package
// only adds up their weights, so changing a recommendation means editing a table, and the
// README's copy of that table is generated from it (RulesMarkdown).
package recommend

import (
	"fmt"
	"slices"
	"strings"
)

// Frameworks in tie-break order. When the top scores are equal the earlier one wins: flask
// before django, because a project grows into more structure more easily than it sheds it, and
// with nothing pointing either way the smaller framework is the easier start. The hybrid comes
// last, and cannot actually tie: it only scores on a Django-shaped main application, as the
// django score plus a positive amount per side service.
var Frameworks = []string{"flask", "django", "hybrid"}

// Dimensions are the comparison's axes; every reason names one, and rules.yaml is refused at
// load if a rule names anything else.
var Dimensions = []string{
	"admin panel", "ORM", "authentication", "security", "REST APIs",
	"performance", "learning curve", "scalability", "flexibility", "team structure",
}

// Teams and Priorities are the accepted modifier values ("" means not said). They are part of
// the command line, so rules.yaml must list exactly these.
var (
	Teams      = []string{"solo", "small", "large"}
	Priorities = []string{"time-to-market", "flexibility"}
)

// UseCaseIDs are the use cases in rules.yaml order. They are part of the command line too, and
// listed here so that building the commands (whose --help names them) does not decode the rule
// table, which costs most of a millisecond: rules.yaml must list exactly these.
var UseCaseIDs = []string{
	"microservice", "ml-serving", "simple-api", "prototype", "learning", "iot", "integration", "spa-backend",
	"cms", "ecommerce", "social", "enterprise", "data-app", "complex-api",
}

// Input is what the user told the wizard or the flags. Every field may be left empty.
type Input struct {
	UseCase          string
	Team             string
	Admin            bool
	SecurityCritical bool
	Priority         string
	Async            bool
	Services         []string
}

// IsZero reports whether nothing was told: Recommend then has no id to check and no signal to
// count, and picks by the tie-break alone.
func (in Input) IsZero() bool {
	return in.UseCase == "" && in.Team == "" && !in.Admin && !in.SecurityCritical &&
		in.Priority == "" && !in.Async && len(in.Services) == 0
}

// Reason is one signal that counted, with the comparison dimension it comes from.
type Reason struct {
	Dimension string `json:"dimension"`
	Framework string `json:"framework"`
	Weight    int    `json:"weight"`
	Text      string `json:"text"`
}

// Recommendation is the pick, every score, the reasons and what to add.
type Recommendation struct {
	Framework string         `json:"framework"`
	Scores    map[string]int `json:"scores"`
	// Reasons come in rule-table order: use case, team, admin, security, priority, async, side
	// services, and last the tie-break when it decided.
	Reasons  []Reason `json:"reasons"`
	RunnerUp string   `json:"runner_up"`
	// Extensions are for the recommended framework; for the hybrid, for its Django main app.
	Extensions []string `json:"extensions"`
	// Services are the hybrid's Flask side services, in rules.yaml order; empty otherwise.
	Services []string `json:"services,omitempty"`
	// ServiceExtensions are each side service's Flask extensions (hybrid only; a service that
	// needs none has an empty list).
	ServiceExtensions map[string][]string `json:"service_extensions,omitempty"`
	UseCase           string              `json:"use_case,omitempty"`
}

// UseCase describes one use case id, or one side service.
type UseCase struct {
	ID, Title, Summary, Leans string
}

// UseCases lists the use cases in rules.yaml order: the eight Flask-leaning ones of the
// comparison, then the six Django-leaning ones. The wizard shows them in this order.
func UseCases() []UseCase {
	table := rulesTable()
	out := make([]UseCase, len(table.UseCases))
	for i, uc := range table.UseCases {
		out[i] = UseCase{ID: uc.ID, Title: uc.Title, Summary: uc.Summary, Leans: uc.leans()}
	}
	return out
}

// leans is the framework a use case's own signals favour (never a tie: checked at load).
func (c choice) leans() string {
	if s := c.score(); s["django"] > s["flask"] {
		return "django"
	}
	return "flask"
}

// Services lists the side services a main application can hand work to, in rules.yaml order.
// They are Flask-shaped: on a Django-shaped main application they make the hybrid.
func Services() []UseCase {
	table := rulesTable()
	out := make([]UseCase, len(table.Services))
	for i, s := range table.Services {
		out[i] = UseCase{ID: s.ID, Title: s.Title, Summary: s.Summary, Leans: "flask"}
	}
	return out
}

// Recommend scores flask, django and the hybrid for in. It is deterministic: the same input
// (services compared as a set) gives the same pick, scores, reasons and extensions.
func Recommend(in Input) (Recommendation, error) {
	table := rulesTable()
	chosen, err := selectRules(in)
	if err != nil {
		return Recommendation{}, err
	}
	services, err := selectServices(in.Services)
	if err != nil {
		return Recommendation{}, err
	}

	rec := Recommendation{Scores: map[string]int{"flask": 0, "django": 0, "hybrid": 0}, Reasons: []Reason{}, UseCase: in.UseCase}
	for _, ru := range chosen {
		for _, s := range ru.Signals {
			rec.Scores[s.Framework] += s.Weight
			rec.Reasons = append(rec.Reasons, Reason{Dimension: s.Dimension, Framework: s.Framework, Weight: s.Weight, Text: s.Text})
		}
	}
	// Side services make the hybrid only around a Django-shaped main application; beside a
	// Flask-shaped one (or an undecided one) they are just more Flask.
	if len(services) > 0 {
		list := " (" + strings.Join(services, ", ") + ")"
		if rec.Scores["django"] > rec.Scores["flask"] {
			bonus := table.Hybrid.PerService * len(services)
			rec.Scores["hybrid"] = rec.Scores["django"] + bonus
			rec.Reasons = append(rec.Reasons, Reason{Dimension: table.Hybrid.Dimension, Framework: "hybrid", Weight: bonus, Text: table.Hybrid.Text + list})
		} else {
			bonus := table.FlaskServices.PerService * len(services)
			rec.Scores["flask"] += bonus
			rec.Reasons = append(rec.Reasons, Reason{Dimension: table.FlaskServices.Dimension, Framework: "flask", Weight: bonus, Text: table.FlaskServices.Text + list})
		}
	}

	ranked := slices.Clone(Frameworks)
	slices.SortStableFunc(ranked, func(a, b string) int { return rec.Scores[b] - rec.Scores[a] })
	rec.Framework, rec.RunnerUp = ranked[0], ranked[1]
	if rec.Scores[rec.Framework] == rec.Scores[rec.RunnerUp] {
		rec.Reasons = append(rec.Reasons, Reason{Dimension: table.Tie.Dimension, Framework: rec.Framework, Weight: 0, Text: table.Tie.Text})
	}

	app := rec.Framework
	if app == "hybrid" {
		app = "django" // the main application; the services get their own lists below
		chosen = append(chosen, rule{Extensions: table.Hybrid.Extensions})
		rec.Services = services
		rec.ServiceExtensions = map[string][]string{}
		for _, id := range services {
			rec.ServiceExtensions[id] = append([]string{}, find(table.Services, id).Extensions["flask"]...)
		}
	}
	rec.Extensions = []string{}
	for _, ru := range chosen {
		for _, e := range ru.Extensions[app] {
			if !slices.Contains(rec.Extensions, e) {
				rec.Extensions = append(rec.Extensions, e)
			}
		}
	}
	return rec, nil
}

// Check reports the first id in in that the rule table does not have, with the valid ones, as
// Recommend would: an answers file is checked by the same rules as the flags.
func Check(in Input) error {
	if _, err := selectRules(in); err != nil {
		return err
	}
	_, err := selectServices(in.Services)
	return err
}

// selectRules checks the ids in in and returns the rules they select, in rule-table order.
func selectRules(in Input) ([]rule, error) {
	table := rulesTable()
	var chosen []rule
	if in.UseCase != "" {
		uc := find(table.UseCases, in.UseCase)
		if uc == nil {
			return nil, fmt.Errorf("unknown use case %q: choose one of %s", in.UseCase, strings.Join(choiceIDs(table.UseCases), ", "))
		}
		chosen = append(chosen, uc.rule)
	}
	if in.Team != "" {
		t := find(table.Teams, in.Team)
		if t == nil {
			return nil, fmt.Errorf("unknown team size %q: choose %s", in.Team, strings.Join(Teams, ", "))
		}
		chosen = append(chosen, t.rule)
	}
	if in.Admin {
		chosen = append(chosen, table.Admin)
	}
	if in.SecurityCritical {
		chosen = append(chosen, table.SecurityCritical)
	}
	if in.Priority != "" {
		p := find(table.Priorities, in.Priority)
		if p == nil {
			return nil, fmt.Errorf("unknown priority %q: choose %s", in.Priority, strings.Join(Priorities, " or "))
		}
		chosen = append(chosen, p.rule)
	}
	if in.Async {
		chosen = append(chosen, table.Async)
	}
	return chosen, nil
}

// selectServices checks the service ids and returns them without repeats, in rules.yaml order,
// so the order they were given in changes nothing.
func selectServices(ids []string) ([]string, error) {
	table := rulesTable()
	valid := choiceIDs(table.Services)
	for _, id := range ids {
		if !slices.Contains(valid, id) {
			return nil, fmt.Errorf("unknown service %q: choose %s", id, strings.Join(valid, ", "))
		}
	}
	var out []string
	for _, id := range valid {
		if slices.Contains(ids, id) {
			out = append(out, id)
		}
	}
	return out, nil
}
