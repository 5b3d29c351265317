package recommend

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// rulesYAML is the rule table. It is embedded so the binary needs no data files; the README's
// table is generated from it.
//
//go:embed rules.yaml
var rulesYAML []byte

// rulesTable is the decoded rule table, decoded on first use: decoding it costs about 0.8 ms,
// which every process paid at start-up when this was a package-level value, though only the
// recommender and the wizard read it (not `pystart new --framework`, `version` or `doctor`).
// The embedded file is checked by the tests (TestRulesLoad), and on first use, so a broken edit
// fails every test at once instead of skewing a recommendation.
var rulesTable = sync.OnceValue(func() *rules { return mustLoad(rulesYAML) })

func mustLoad(data []byte) *rules {
	r, err := load(data)
	if err != nil {
		panic("recommend: rules.yaml: " + err.Error()) // embedded data, so a programming error
	}
	return r
}

// signal is one weighted vote for flask or django, with the dimension it comes from.
type signal struct {
	Framework string `yaml:"framework"`
	Weight    int    `yaml:"weight"`
	Dimension string `yaml:"dimension"`
	Text      string `yaml:"text"`
}

// rule is what one input adds: signals, and extension suggestions per framework.
type rule struct {
	Signals    []signal            `yaml:"signals"`
	Extensions map[string][]string `yaml:"extensions"`
}

// choice is a rule selected by an id: a use case, a team size, a priority.
type choice struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	Note    string `yaml:"note"` // why a choice without signals has none
	rule    `yaml:",inline"`
}

// serviceRule is how side services count: per service, with one reason.
type serviceRule struct {
	PerService int                 `yaml:"per_service"`
	Dimension  string              `yaml:"dimension"`
	Text       string              `yaml:"text"`
	Extensions map[string][]string `yaml:"extensions"`
}

type rules struct {
	KnownExtensions  map[string][]string `yaml:"known_extensions"`
	UseCases         []choice            `yaml:"use_cases"`
	Teams            []choice            `yaml:"teams"`
	Admin            rule                `yaml:"admin"`
	SecurityCritical rule                `yaml:"security_critical"`
	Async            rule                `yaml:"async"`
	Priorities       []choice            `yaml:"priorities"`
	Services         []choice            `yaml:"services"`
	Hybrid           serviceRule         `yaml:"hybrid"`
	FlaskServices    serviceRule         `yaml:"flask_services"`
	Tie              struct {
		Dimension string `yaml:"dimension"`
		Text      string `yaml:"text"`
	} `yaml:"tie"`
}

// load decodes the rule table strictly (unknown keys are errors) and checks what the decoder
// cannot: dimensions, frameworks, weights, extension ids, and that the team and priority ids
// are exactly the ones the command line accepts.
func load(data []byte) (*rules, error) {
	var r rules
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	if err := dec.Decode(new(any)); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one YAML document")
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

func (r *rules) validate() error {
	for _, fw := range []string{"flask", "django"} {
		if len(r.KnownExtensions[fw]) == 0 {
			return fmt.Errorf("known_extensions: no list for %s", fw)
		}
	}
	for fw := range r.KnownExtensions {
		if fw != "flask" && fw != "django" {
			return fmt.Errorf("known_extensions: unknown framework %q", fw)
		}
	}
	if len(r.UseCases) == 0 {
		return errors.New("use_cases: empty")
	}
	if err := r.checkChoices("use case", r.UseCases, nil); err != nil {
		return err
	}
	if ids := choiceIDs(r.UseCases); !slices.Equal(ids, UseCaseIDs) {
		return fmt.Errorf("use case ids are %s, want exactly %s (recommend.UseCaseIDs)", strings.Join(ids, ", "), strings.Join(UseCaseIDs, ", "))
	}
	for _, uc := range r.UseCases {
		if uc.Title == "" || uc.Summary == "" {
			return fmt.Errorf("use case %s: needs a title and a summary", uc.ID)
		}
		if len(uc.Signals) == 0 {
			return fmt.Errorf("use case %s: needs at least one signal", uc.ID)
		}
		if s := uc.score(); s["flask"] == s["django"] {
			return fmt.Errorf("use case %s: leans neither way (flask %d, django %d)", uc.ID, s["flask"], s["django"])
		}
	}
	if err := r.checkChoices("team", r.Teams, Teams); err != nil {
		return err
	}
	if err := r.checkChoices("priority", r.Priorities, Priorities); err != nil {
		return err
	}
	for name, ru := range map[string]rule{"admin": r.Admin, "security_critical": r.SecurityCritical, "async": r.Async} {
		if len(ru.Signals) == 0 {
			return fmt.Errorf("%s: needs at least one signal", name)
		}
		if err := r.checkRule(name, ru); err != nil {
			return err
		}
	}
	if err := r.checkChoices("service", r.Services, nil); err != nil {
		return err
	}
	for _, s := range r.Services {
		if len(s.Signals) > 0 || len(s.Extensions["django"]) > 0 {
			return fmt.Errorf("service %s: services carry no signals and only Flask extensions", s.ID)
		}
		if s.Title == "" || s.Summary == "" {
			return fmt.Errorf("service %s: needs a title and a summary", s.ID)
		}
	}
	for name, sr := range map[string]serviceRule{"hybrid": r.Hybrid, "flask_services": r.FlaskServices} {
		if sr.PerService <= 0 || sr.Text == "" {
			return fmt.Errorf("%s: needs a positive per_service and a text", name)
		}
		if err := checkDimension(name, sr.Dimension); err != nil {
			return err
		}
		if err := r.checkExtensions(name, sr.Extensions); err != nil {
			return err
		}
	}
	if len(r.FlaskServices.Extensions) > 0 {
		return errors.New("flask_services: suggests nothing; each service's own extensions apply")
	}
	if r.Tie.Text == "" {
		return errors.New("tie: needs a text")
	}
	return checkDimension("tie", r.Tie.Dimension)
}

// checkChoices checks ids (unique; exactly want, in order, when want is given) and each rule.
func (r *rules) checkChoices(kind string, cs []choice, want []string) error {
	var got []string
	for _, c := range cs {
		if c.ID == "" || slices.Contains(got, c.ID) {
			return fmt.Errorf("%s %q: empty or repeated id", kind, c.ID)
		}
		got = append(got, c.ID)
		where := kind + " " + c.ID
		if err := r.checkRule(where, c.rule); err != nil {
			return err
		}
		if len(c.Signals) == 0 && c.Note == "" && (want != nil) {
			return fmt.Errorf("%s: no signals, so it needs a note saying why", where)
		}
	}
	if want != nil && !slices.Equal(got, want) {
		return fmt.Errorf("%s ids are %s, want exactly %s", kind, strings.Join(got, ", "), strings.Join(want, ", "))
	}
	return nil
}

func (r *rules) checkRule(where string, ru rule) error {
	for i, s := range ru.Signals {
		at := fmt.Sprintf("%s: signal %d", where, i+1)
		if err := checkDimension(at, s.Dimension); err != nil {
			return err
		}
		if s.Framework != "flask" && s.Framework != "django" {
			return fmt.Errorf("%s: framework %q, want flask or django", at, s.Framework)
		}
		if s.Weight <= 0 || s.Text == "" {
			return fmt.Errorf("%s: needs a positive weight and a text", at)
		}
	}
	return r.checkExtensions(where, ru.Extensions)
}

func (r *rules) checkExtensions(where string, exts map[string][]string) error {
	for fw, ids := range exts {
		known, ok := r.KnownExtensions[fw]
		if !ok {
			return fmt.Errorf("%s: extensions for unknown framework %q", where, fw)
		}
		for i, id := range ids {
			if !slices.Contains(known, id) {
				return fmt.Errorf("%s: unknown %s extension %q, want one of %s", where, fw, id, strings.Join(known, ", "))
			}
			if slices.Contains(ids[:i], id) {
				return fmt.Errorf("%s: %s extension %q listed twice", where, fw, id)
			}
		}
	}
	return nil
}

func checkDimension(where, d string) error {
	if !slices.Contains(Dimensions, d) {
		return fmt.Errorf("%s: unknown dimension %q, want one of %s", where, d, strings.Join(Dimensions, ", "))
	}
	return nil
}

// score adds up a rule's signals per framework.
func (ru rule) score() map[string]int {
	s := map[string]int{}
	for _, sg := range ru.Signals {
		s[sg.Framework] += sg.Weight
	}
	return s
}

// find returns the choice with id, or nil.
func find(cs []choice, id string) *choice {
	i := slices.IndexFunc(cs, func(c choice) bool { return c.ID == id })
	if i < 0 {
		return nil
	}
	return &cs[i]
}

func choiceIDs(cs []choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
