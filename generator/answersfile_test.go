package generator

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestReadAnswersErrors: a bad answers file is refused when read, in one line naming the file,
// the line and what would be accepted; the recommender's answers get the flags' checks.
func TestReadAnswersErrors(t *testing.T) {
	const head = "pystart: v1\nname: x\nframework: flask\n"
	tests := []struct {
		name, lines, want string
	}{
		{"use case", "use_case: blog", `.pystart.yaml:4: use_case: unknown use case "blog": choose one of microservice, ml-serving, simple-api, prototype, learning, iot, integration, spa-backend, cms, ecommerce, social, enterprise, data-app, complex-api`},
		{"team", "team: huge", `.pystart.yaml:4: team: unknown team size "huge": choose solo, small, large`},
		{"priority", "priority: fast", `.pystart.yaml:4: priority: unknown priority "fast": choose time-to-market or flexibility`},
		{"service", "services: [webhooks, nope]", `.pystart.yaml:4: services: unknown service "nope": choose ml-inference, image-processing, webhooks`},
		// A bad item of a list written one item a line is reported at its own line.
		{"service item", "services:\n  - webhooks\n  - nope", `.pystart.yaml:6: services: unknown service "nope": choose ml-inference, image-processing, webhooks`},
		{"unknown key", "databse: sqlite", `.pystart.yaml: line 4: unknown key "databse" (valid keys: pystart, name, framework, extensions, without, database, python, license, author, use_case, team, admin, security_critical, priority, async, services, blueprints)`},
		// Values of the wrong type are said in the file's terms, not yaml.v3's Go types.
		{"not a bool", "admin: maybe", `.pystart.yaml:4: admin: "maybe" is not true or false`},
		{"a list for a bool", "async: [yes]", `.pystart.yaml:4: async: a list is not true or false`},
		{"not a list", "extensions: drf", `.pystart.yaml:4: extensions: "drf" is not a list: write [drf]`},
		{"a map for a list", "extensions: {drf: true}", `.pystart.yaml:4: extensions: a map is not a list`},
		{"a list in a list", "extensions:\n  - drf\n  - [jwt]", `.pystart.yaml:6: extensions: a list is not one value`},
		{"a list for a value", "team: [small]", `.pystart.yaml:4: team: a list is not one value`},
		// The first problem in the file is the one reported, whatever its kind.
		{"unknown key first", "databse: sqlite\nadmin: maybe", `.pystart.yaml: line 4: unknown key "databse" (valid keys: pystart, name, framework, extensions, without, database, python, license, author, use_case, team, admin, security_critical, priority, async, services, blueprints)`},
		{"wrong type first", "admin: maybe\ndatabse: sqlite", `.pystart.yaml:4: admin: "maybe" is not true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadAnswers([]byte(head+tt.lines+"\n"), ".pystart.yaml")
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error:\n %v\nwant:\n %s", err, tt.want)
			}
		})
	}
}

// TestAnswersExplain: an answer the catalog refuses when the file is replayed is reported at its
// line; for a list, at the line of the item the error is about.
func TestAnswersExplain(t *testing.T) {
	cat, err := LoadCatalog(os.DirFS("../blueprints"), "blueprints")
	if err != nil {
		t.Fatal(err)
	}
	const head = "pystart: v1\nname: x\nframework: flask\n"
	tests := []struct {
		name, lines, want string
	}{
		{"extension in a flow list", "extensions: [sqlalchemy, nope]", `.pystart.yaml:4: extensions: unknown extension "nope" for flask: choose from admin, async, bcrypt, caching, cors, jwt, login, migrate, peewee, restx, security-headers, smorest, sqlalchemy, wtf (see pystart extensions --framework flask)`},
		{"extension item", "extensions:\n  - sqlalchemy\n  - nope", `.pystart.yaml:6: extensions: unknown extension "nope" for flask: choose from admin, async, bcrypt, caching, cors, jwt, login, migrate, peewee, restx, security-headers, smorest, sqlalchemy, wtf (see pystart extensions --framework flask)`},
		// A conflict names two items: the line is that of the one named first.
		{"conflicting items", "extensions:\n  - smorest\n  - restx", `.pystart.yaml:6: extensions: extensions "restx" and "smorest" conflict: keep one of --ext restx and --ext smorest`},
		{"a requirement", "extensions:\n  - cors\n  - migrate", `.pystart.yaml:6: extensions: extension "migrate" requires "sqlalchemy": add --ext sqlalchemy`},
		{"not a list's answer", "database: mysql", `.pystart.yaml:4: database: unknown database "mysql" for flask: choose postgres or sqlite`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ReadAnswers([]byte(head+tt.lines+"\n"), ".pystart.yaml")
			if err != nil {
				t.Fatal(err)
			}
			_, err = Resolve(cat, f.Record.Answers)
			if err == nil {
				t.Fatal("Resolve accepted the answers")
			}
			if got := f.Explain(err).Error(); got != tt.want || strings.Contains(got, "\n") {
				t.Fatalf("error:\n %s\nwant:\n %s", got, tt.want)
			}
		})
	}
	// An error that names none of the list's items points at the list's key.
	f, err := ReadAnswers([]byte(head+"extensions:\n  - cors\n"), ".pystart.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = f.Explain(&AnswerError{Field: "extensions", Err: errors.New(`extension "admin" is not for this project`)})
	if want := `.pystart.yaml:4: extensions: extension "admin" is not for this project`; err.Error() != want {
		t.Fatalf("error:\n %s\nwant:\n %s", err, want)
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
