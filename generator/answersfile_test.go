package generator

import (
	"strings"
	"testing"
)

// TestReadAnswersErrors: a bad answers file is refused when read, in one line naming the file,
// the line and what would be accepted; the recommender's answers get the flags' checks.
func TestReadAnswersErrors(t *testing.T) {
	const head = "pystart: v1\nname: x\nframework: flask\n"
	tests := []struct {
		name, line, want string
	}{
		{"use case", "use_case: blog", `.pystart.yaml:4: use_case: unknown use case "blog": choose one of microservice, ml-serving, `},
		{"team", "team: huge", `.pystart.yaml:4: team: unknown team size "huge": choose solo, small, large`},
		{"priority", "priority: fast", `.pystart.yaml:4: priority: unknown priority "fast": choose time-to-market or flexibility`},
		{"service", "services: [webhooks, nope]", `.pystart.yaml:4: services: unknown service "nope": choose ml-inference, image-processing, webhooks`},
		{"unknown key", "databse: sqlite", `.pystart.yaml: line 4: unknown key "databse" (valid keys: pystart, name, framework, extensions, without, database, python, license, author, use_case, team, admin, security_critical, priority, async, services, blueprints)`},
		{"wrong type", "admin: maybe", `.pystart.yaml: line 4: cannot unmarshal !!str`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadAnswers([]byte(head+tt.line+"\n"), ".pystart.yaml")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error = %v, want one line starting %q", err, tt.want)
			}
		})
	}
}

// TestReadAnswersAcceptsRecommenderAnswers: valid recommender answers, and a Flask project's
// services (a Flask-leaning use case with side services stays Flask), replay as recorded.
func TestReadAnswersAcceptsRecommenderAnswers(t *testing.T) {
	data := "pystart: v1\nname: x\nframework: flask\nuse_case: microservice\nteam: small\npriority: flexibility\nadmin: true\nservices: [webhooks]\n"
	f, err := ReadAnswers([]byte(data), ".pystart.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a := f.Record.Answers; a.UseCase != "microservice" || a.Team != "small" || a.Priority != "flexibility" || !a.Admin || len(a.Services) != 1 {
		t.Fatalf("answers = %+v", a)
	}
}
