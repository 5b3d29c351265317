package recommend

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestRecommend(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		want     string
		runnerUp string
		// scores are the three, exactly: a change of weight in rules.yaml shows here, case by
		// case, and not only where it flips a pick.
		scores string
	}{
		// The comparison's "choose Flask when" list, one case per bullet.
		{"flask: lightweight, focused microservices", Input{UseCase: "microservice"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: serving ML models over REST", Input{UseCase: "ml-serving"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: simple APIs with minimal overhead", Input{UseCase: "simple-api"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: prototypes for hackathons and proofs of concept", Input{UseCase: "prototype"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: learning how a framework works underneath", Input{UseCase: "learning"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: IoT and embedded-system backends", Input{UseCase: "iot"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: fitting into existing infrastructure", Input{UseCase: "integration"}, "flask", "django", "flask 4, django 0, hybrid 0"},
		{"flask: backend purely an API for an SPA", Input{UseCase: "spa-backend"}, "flask", "django", "flask 4, django 0, hybrid 0"},

		// The comparison's "choose Django when" list, one case per bullet; the last four bullets
		// are modifiers, given here with no use case.
		{"django: CMS, blogs, news sites", Input{UseCase: "cms"}, "django", "flask", "flask 0, django 4, hybrid 0"},
		{"django: e-commerce platforms", Input{UseCase: "ecommerce"}, "django", "flask", "flask 0, django 5, hybrid 0"},
		{"django: social platforms", Input{UseCase: "social"}, "django", "flask", "flask 0, django 4, hybrid 0"},
		{"django: enterprise applications", Input{UseCase: "enterprise"}, "django", "flask", "flask 0, django 4, hybrid 0"},
		{"django: projects that need an admin panel", Input{Admin: true}, "django", "flask", "flask 0, django 3, hybrid 0"},
		{"django: team projects with consistent structure", Input{Team: "large"}, "django", "flask", "flask 0, django 2, hybrid 0"},
		{"django: security-critical applications", Input{SecurityCritical: true}, "django", "flask", "flask 0, django 3, hybrid 0"},
		{"django: rapid development, time to market", Input{Priority: "time-to-market"}, "django", "flask", "flask 0, django 2, hybrid 0"},
		// The two Django use cases the issue adds beyond the bullets.
		{"django: data-driven app with an admin panel", Input{UseCase: "data-app"}, "django", "flask", "flask 0, django 4, hybrid 0"},
		{"django: complex API with DRF", Input{UseCase: "complex-api"}, "django", "flask", "flask 0, django 4, hybrid 0"},

		// Hybrid: a Django-shaped main application with Flask-shaped side services.
		{"hybrid: cms + ml-inference", Input{UseCase: "cms", Services: []string{"ml-inference"}}, "hybrid", "django", "flask 0, django 4, hybrid 6"},
		{"hybrid: ecommerce + image-processing", Input{UseCase: "ecommerce", Services: []string{"image-processing"}}, "hybrid", "django", "flask 0, django 5, hybrid 7"},
		{"hybrid: social + webhooks", Input{UseCase: "social", Services: []string{"webhooks"}}, "hybrid", "django", "flask 0, django 4, hybrid 6"},
		{"hybrid: enterprise + every service", Input{UseCase: "enterprise", Services: []string{"ml-inference", "image-processing", "webhooks"}}, "hybrid", "django", "flask 0, django 4, hybrid 10"},
		{"hybrid: admin panel only + two services", Input{Admin: true, Services: []string{"ml-inference", "webhooks"}}, "hybrid", "django", "flask 0, django 3, hybrid 7"},
		// A Flask-leaning use case with services is not the hybrid: the services are more Flask.
		{"flask: microservice + webhooks", Input{UseCase: "microservice", Services: []string{"webhooks"}}, "flask", "django", "flask 5, django 0, hybrid 0"},
		{"flask: ml-serving + image-processing", Input{UseCase: "ml-serving", Services: []string{"image-processing"}}, "flask", "django", "flask 5, django 0, hybrid 0"},
		// Services and nothing else: no main application to hang them on, so Flask.
		{"flask: services alone", Input{Services: []string{"webhooks"}}, "flask", "django", "flask 1, django 0, hybrid 0"},

		// Conflicting signals.
		// A prototype for a large team in a security-critical domain: team and domain (2+3)
		// outweigh the prototype's speed (3+1). Prototypes in regulated domains tend to become
		// the product, and that is where the defaults and the shared layout pay off.
		{"prototype + large team + security-critical", Input{UseCase: "prototype", Team: "large", SecurityCritical: true}, "django", "flask", "flask 4, django 5, hybrid 0"},
		// Serving a model that also wants an admin: the endpoint (3+1) outweighs the admin (3);
		// an admin over a few model records is Flask-Admin's size (suggested below).
		{"ml-serving + admin", Input{UseCase: "ml-serving", Admin: true}, "flask", "django", "flask 4, django 3, hybrid 0"},
		// A CMS that values flexibility: the editors' back office (3+1) outweighs flexibility (2);
		// rebuilding the admin in Flask would cost more than the freedom gains.
		{"cms + priority flexibility", Input{UseCase: "cms", Priority: "flexibility"}, "django", "flask", "flask 2, django 4, hybrid 0"},
		// A simple API for a large team in a hurry: 4 against 4, the tie goes to the simpler Flask.
		{"simple-api + large team + time-to-market (tie)", Input{UseCase: "simple-api", Team: "large", Priority: "time-to-market"}, "flask", "django", "flask 4, django 4, hybrid 0"},
		// Learning in a security-critical domain: learning (3+1) beats security (3); a learning
		// project is not the production system, and Flask gets the security extensions.
		{"learning + security-critical", Input{UseCase: "learning", SecurityCritical: true}, "flask", "django", "flask 4, django 3, hybrid 0"},
		// Async alone: the comparison gives async to Django (native ASGI), and nothing else speaks.
		{"async alone", Input{Async: true}, "django", "flask", "flask 0, django 1, hybrid 0"},
		// Async does not turn a microservice into Django (4 against 1); Flask gets its async extension.
		{"microservice + async", Input{UseCase: "microservice", Async: true}, "flask", "django", "flask 4, django 1, hybrid 0"},
		// An SPA backend with staff admin in a security-critical domain: admin and security (3+3)
		// outweigh the thin API (3+1); Django with DRF serves the SPA just as well.
		{"spa-backend + admin + security-critical", Input{UseCase: "spa-backend", Admin: true, SecurityCritical: true}, "django", "flask", "flask 4, django 6, hybrid 0"},
		// The same with webhooks: the main application is now Django-shaped (6 against 4), so
		// the webhook receiver is a Flask side service beside it: the hybrid.
		{"spa-backend + admin + security-critical + webhooks", Input{UseCase: "spa-backend", Admin: true, SecurityCritical: true, Services: []string{"webhooks"}}, "hybrid", "django", "flask 4, django 6, hybrid 8"},
		// Flexibility plus services on an otherwise empty input: Flask-shaped, so not the hybrid.
		{"flexibility + services", Input{Priority: "flexibility", Services: []string{"ml-inference"}}, "flask", "django", "flask 3, django 0, hybrid 0"},
		// Small and solo teams do not tip the scale: the layout only matters at scale.
		{"solo team alone (tie)", Input{Team: "solo"}, "flask", "django", "flask 0, django 0, hybrid 0"},
		{"cms + solo", Input{UseCase: "cms", Team: "solo"}, "django", "flask", "flask 0, django 4, hybrid 0"},
		// Nothing said: every score is 0 and the simplest start wins.
		{"no input (tie)", Input{}, "flask", "django", "flask 0, django 0, hybrid 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Recommend(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			scores := fmt.Sprintf("flask %d, django %d, hybrid %d", got.Scores["flask"], got.Scores["django"], got.Scores["hybrid"])
			if got.Framework != tt.want || got.RunnerUp != tt.runnerUp || scores != tt.scores {
				t.Fatalf("got %s (runner-up %s; %s), want %s (runner-up %s; %s)", got.Framework, got.RunnerUp, scores, tt.want, tt.runnerUp, tt.scores)
			}
			if len(got.Reasons) == 0 {
				t.Errorf("no reasons; scores %v", got.Scores)
			}
			for _, r := range got.Reasons {
				if !slices.Contains(Dimensions, r.Dimension) || !slices.Contains(Frameworks, r.Framework) || r.Text == "" || r.Weight < 0 {
					t.Errorf("bad reason %+v", r)
				}
			}
			if len(got.Scores) != 3 {
				t.Errorf("scores %v, want one for each of %v", got.Scores, Frameworks)
			}
		})
	}
}

// The scores are the sums of the reasons' weights: nothing counts that is not explained.
func TestScoresAreExplained(t *testing.T) {
	for _, in := range sampleInputs() {
		rec, err := Recommend(in)
		if err != nil {
			t.Fatal(err)
		}
		sum := map[string]int{"flask": 0, "django": 0, "hybrid": 0}
		for _, r := range rec.Reasons {
			sum[r.Framework] += r.Weight
		}
		if rec.Framework == "hybrid" { // the hybrid builds on the main application's django score
			sum["hybrid"] += rec.Scores["django"]
		}
		if !reflect.DeepEqual(sum, rec.Scores) {
			t.Errorf("%+v: scores %v, reasons add up to %v", in, rec.Scores, sum)
		}
	}
}

func TestTieReason(t *testing.T) {
	rec, _ := Recommend(Input{UseCase: "simple-api", Team: "large", Priority: "time-to-market"})
	last := rec.Reasons[len(rec.Reasons)-1]
	if rec.Scores["flask"] != rec.Scores["django"] || last.Weight != 0 || last.Framework != "flask" || last.Dimension != "learning curve" {
		t.Errorf("scores %v, last reason %+v: want a tie explained by the tie-break", rec.Scores, last)
	}
	rec, _ = Recommend(Input{UseCase: "cms"})
	for _, r := range rec.Reasons {
		if r.Weight == 0 {
			t.Errorf("no tie, yet reason %+v", r)
		}
	}
}

func TestEcommerceReasons(t *testing.T) {
	rec, err := Recommend(Input{UseCase: "ecommerce"})
	if err != nil {
		t.Fatal(err)
	}
	var dims []string
	for _, r := range rec.Reasons {
		dims = append(dims, r.Dimension)
	}
	for _, want := range []string{"admin panel", "ORM", "authentication"} {
		if !slices.Contains(dims, want) {
			t.Errorf("ecommerce reasons lack %q: %v", want, dims)
		}
	}
}

func TestExtensions(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want []string
	}{
		{"ecommerce", Input{UseCase: "ecommerce"}, []string{"accounts", "argon2", "whitenoise"}},
		{"complex-api", Input{UseCase: "complex-api"}, []string{"drf", "spectacular", "jwt", "filter"}},
		{"spa-backend", Input{UseCase: "spa-backend"}, []string{"jwt", "cors", "smorest"}},
		{"ml-serving", Input{UseCase: "ml-serving"}, []string{"smorest"}},
		{"simple-api", Input{UseCase: "simple-api"}, []string{"sqlalchemy", "migrate", "smorest"}},
		{"security-critical on django", Input{SecurityCritical: true}, []string{"argon2"}},
		{"async on django", Input{UseCase: "cms", Async: true}, []string{"whitenoise", "asgi"}},
		{"async on flask", Input{UseCase: "microservice", Async: true}, []string{"smorest", "async"}},
		// ecommerce and security-critical both suggest argon2: listed once.
		{"no repeats", Input{UseCase: "ecommerce", SecurityCritical: true}, []string{"accounts", "argon2", "whitenoise"}},
		// The admin signal lost, but its Flask suggestions still apply to the Flask pick.
		{"ml-serving + admin", Input{UseCase: "ml-serving", Admin: true}, []string{"smorest", "admin", "login", "sqlalchemy"}},
		// The SPA backend lost to Django, and brings its API needs to the Django side.
		{"spa-backend lost to django", Input{UseCase: "spa-backend", Admin: true, SecurityCritical: true}, []string{"drf", "jwt", "cors", "argon2"}},
		// The hybrid's Django main app issues the tokens its services check: drf and jwt, always.
		{"hybrid cms", Input{UseCase: "cms", Services: []string{"webhooks"}}, []string{"whitenoise", "drf", "jwt", "redis-cache"}},
		{"hybrid complex-api", Input{UseCase: "complex-api", Services: []string{"ml-inference"}}, []string{"drf", "spectacular", "jwt", "filter", "redis-cache"}},
		{"nothing to suggest", Input{UseCase: "prototype"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Recommend(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rec.Extensions, tt.want) {
				t.Errorf("%s: extensions %v, want %v", rec.Framework, rec.Extensions, tt.want)
			}
		})
	}
	// Every hybrid's main app has drf and jwt, whatever else applied.
	for _, in := range sampleInputs() {
		rec, _ := Recommend(in)
		if rec.Framework == "hybrid" && (!slices.Contains(rec.Extensions, "drf") || !slices.Contains(rec.Extensions, "jwt")) {
			t.Errorf("%+v: hybrid main app without drf and jwt: %v", in, rec.Extensions)
		}
	}
}

func TestHybridServices(t *testing.T) {
	rec, err := Recommend(Input{UseCase: "cms", Services: []string{"webhooks", "ml-inference", "webhooks"}})
	if err != nil {
		t.Fatal(err)
	}
	// Without repeats and in rules order, whatever order they were given in.
	if want := []string{"ml-inference", "webhooks"}; !reflect.DeepEqual(rec.Services, want) {
		t.Errorf("services %v, want %v", rec.Services, want)
	}
	wantExt := map[string][]string{"ml-inference": {"smorest"}, "webhooks": {}}
	if !reflect.DeepEqual(rec.ServiceExtensions, wantExt) {
		t.Errorf("service extensions %v, want %v", rec.ServiceExtensions, wantExt)
	}
	// Hybrid score: django 4 + 2 per service.
	if want := (map[string]int{"flask": 0, "django": 4, "hybrid": 8}); !reflect.DeepEqual(rec.Scores, want) {
		t.Errorf("scores %v, want %v", rec.Scores, want)
	}
	flask, _ := Recommend(Input{UseCase: "microservice", Services: []string{"webhooks"}})
	if flask.Services != nil || flask.ServiceExtensions != nil || flask.Scores["hybrid"] != 0 {
		t.Errorf("a flask pick lists services %v / %v, hybrid score %d", flask.Services, flask.ServiceExtensions, flask.Scores["hybrid"])
	}
}

func TestRecommendErrors(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"use case", Input{UseCase: "blog"}, `unknown use case "blog": choose one of microservice, ml-serving, simple-api, prototype, learning, iot, integration, spa-backend, cms, ecommerce, social, enterprise, data-app, complex-api`},
		{"use case is case-sensitive", Input{UseCase: "CMS"}, `unknown use case "CMS": choose one of microservice,`},
		{"team", Input{UseCase: "cms", Team: "huge"}, `unknown team size "huge": choose solo, small, large`},
		{"priority", Input{Priority: "speed"}, `unknown priority "speed": choose time-to-market or flexibility`},
		{"service", Input{Services: []string{"webhooks", "email"}}, `unknown service "email": choose ml-inference, image-processing, webhooks`},
		{"empty service", Input{Services: []string{""}}, `unknown service "": choose ml-inference, image-processing, webhooks`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Recommend(tt.in)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, in := range sampleInputs() {
		a, err := Recommend(in)
		if err != nil {
			t.Fatal(err)
		}
		for range 10 {
			b, _ := Recommend(in)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%+v: same input, different recommendation:\n%+v\n%+v", in, a, b)
			}
		}
		c, _ := Recommend(in)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(c)
		if string(ja) != string(jb) {
			t.Fatalf("%+v: JSON differs:\n%s\n%s", in, ja, jb)
		}
	}
	// Services are a set: order and repeats do not matter.
	a, _ := Recommend(Input{UseCase: "social", Services: []string{"webhooks", "ml-inference"}})
	b, _ := Recommend(Input{UseCase: "social", Services: []string{"ml-inference", "webhooks", "ml-inference"}})
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("service order changed the recommendation:\n%+v\n%+v", a, b)
	}
}

func TestUseCasesAndServices(t *testing.T) {
	// The ids and their order are part of the interface (flags, the wizard's list).
	var ids, flaskSide []string
	for _, uc := range UseCases() {
		ids = append(ids, uc.ID)
		if uc.Leans == "flask" {
			flaskSide = append(flaskSide, uc.ID)
		}
		if uc.Title == "" || uc.Summary == "" {
			t.Errorf("%s: no title or summary", uc.ID)
		}
	}
	want := []string{"microservice", "ml-serving", "simple-api", "prototype", "learning", "iot", "integration", "spa-backend",
		"cms", "ecommerce", "social", "enterprise", "data-app", "complex-api"}
	if !slices.Equal(ids, want) {
		t.Errorf("use cases %v, want %v", ids, want)
	}
	if !slices.Equal(flaskSide, want[:8]) {
		t.Errorf("Flask-leaning use cases %v, want %v", flaskSide, want[:8])
	}
	var services []string
	for _, s := range Services() {
		services = append(services, s.ID)
		if s.Title == "" || s.Summary == "" || s.Leans != "flask" {
			t.Errorf("service %+v", s)
		}
	}
	if want := []string{"ml-inference", "image-processing", "webhooks"}; !slices.Equal(services, want) {
		t.Errorf("services %v, want %v", services, want)
	}
}

// sampleInputs is every use case alone and with a spread of modifiers and services.
func sampleInputs() []Input {
	ins := []Input{{}, {Team: "large"}, {Admin: true, Services: []string{"webhooks"}}, {Services: []string{"ml-inference", "image-processing"}}}
	for i, uc := range UseCases() {
		ins = append(ins,
			Input{UseCase: uc.ID},
			Input{UseCase: uc.ID, Team: Teams[i%3], Admin: i%2 == 0, SecurityCritical: i%3 == 0, Priority: Priorities[i%2], Async: i%4 == 0},
			Input{UseCase: uc.ID, Services: []string{Services()[i%3].ID}},
			Input{UseCase: uc.ID, Team: "large", Admin: true, SecurityCritical: true, Priority: "time-to-market", Async: true,
				Services: []string{"webhooks", "ml-inference", "image-processing"}},
		)
	}
	return ins
}

// TestInputIsZero: setting any one field of Input makes it non-zero, so a field added later
// cannot be skipped by `pystart new --framework` without IsZero being taught about it.
func TestInputIsZero(t *testing.T) {
	if !(Input{}).IsZero() {
		t.Fatal("Input{} is not zero")
	}
	typ := reflect.TypeFor[Input]()
	for i := range typ.NumField() {
		var in Input
		f := reflect.ValueOf(&in).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x"}))
		default:
			t.Fatalf("field %s: kind %s not covered by this test", typ.Field(i).Name, f.Kind())
		}
		if in.IsZero() {
			t.Errorf("Input with only %s set is zero", typ.Field(i).Name)
		}
	}
}
