package recommend

import (
	"os"
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
	}{
		// The comparison's "choose Flask when" list, one case per bullet.
		{"flask: lightweight focused microservices", Input{UseCase: "microservice"}, "flask", "django"},
		{"flask: serving ML models over REST", Input{UseCase: "ml-serving"}, "flask", "django"},
		{"flask: simple APIs with minimal overhead", Input{UseCase: "simple-api"}, "flask", "django"},
		{"flask: prototyping for hackathons", Input{UseCase: "prototype"}, "flask", "django"},
		{"flask: learning how frameworks work", Input{UseCase: "learning"}, "flask", "django"},
		{"flask: IoT and embedded backends", Input{UseCase: "iot"}, "flask", "django"},
		{"flask: integrating with existing infrastructure", Input{UseCase: "integration"}, "flask", "django"},
		{"flask: backend purely an API for an SPA", Input{UseCase: "spa-backend"}, "flask", "django"},
		// The comparison's "choose Django when" list, one case per bullet.
		{"django: CMS, blogs, news sites", Input{UseCase: "cms"}, "django", "flask"},
		{"django: e-commerce platforms", Input{UseCase: "ecommerce"}, "django", "flask"},
		{"django: social platforms", Input{UseCase: "social"}, "django", "flask"},
		{"django: enterprise applications", Input{UseCase: "enterprise"}, "django", "flask"},
		{"django: projects that need an admin panel", Input{Admin: true}, "django", "flask"},
		{"django: team projects with consistent structure", Input{Team: "large"}, "django", "flask"},
		{"django: security-critical applications", Input{SecurityCritical: true}, "django", "flask"},
		{"django: rapid development, time to market", Input{Priority: "time-to-market"}, "django", "flask"},
		// The two Django use cases beyond the bullets.
		{"django: data app", Input{UseCase: "data-app"}, "django", "flask"},
		{"django: complex API with DRF", Input{UseCase: "complex-api"}, "django", "flask"},
		// Hybrid: a Django-shaped main application with Flask-shaped side services.
		{"hybrid: cms + ml inference", Input{UseCase: "cms", Services: []string{"ml-inference"}}, "hybrid", "django"},
		{"hybrid: ecommerce + image processing", Input{UseCase: "ecommerce", Services: []string{"image-processing"}}, "hybrid", "django"},
		{"hybrid: social + webhooks", Input{UseCase: "social", Services: []string{"webhooks"}}, "hybrid", "django"},
		{"hybrid: admin only + two services", Input{Admin: true, Services: []string{"ml-inference", "webhooks"}}, "hybrid", "django"},
		// A Flask-shaped app with services stays Flask: the services are just more Flask.
		{"flask app with services stays flask", Input{UseCase: "microservice", Services: []string{"webhooks"}}, "flask", "django"},
		// Services with nothing Django-shaped: no main app to hang them on.
		{"services alone are not a hybrid", Input{Services: []string{"webhooks"}}, "flask", "django"},
		// Conflicting signals.
		// A prototype for a large, security-critical team: the team and domain (2+3) outweigh
		// the prototype's speed (3+1), so Django, with Flask close behind.
		{"prototype + large team + security", Input{UseCase: "prototype", Team: "large", SecurityCritical: true}, "django", "flask"},
		// ML serving that also wants an admin: 4 vs 3, the model endpoint still decides.
		{"ml-serving + admin", Input{UseCase: "ml-serving", Admin: true}, "flask", "django"},
		// A CMS that values flexibility: the admin (3+1) outweighs flexibility (2).
		{"cms + flexibility", Input{UseCase: "cms", Priority: "flexibility"}, "django", "flask"},
		// A simple API for a large team in a hurry: 4 vs 4, the tie goes to the simpler Flask.
		{"simple-api + large team + time-to-market tie", Input{UseCase: "simple-api", Team: "large", Priority: "time-to-market"}, "flask", "django"},
		// Nothing said: everything ties at zero and the simplest start wins.
		{"no input", Input{}, "flask", "django"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Recommend(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Framework != tt.want || got.RunnerUp != tt.runnerUp {
				t.Fatalf("got %s (runner-up %s), want %s (runner-up %s); scores %v", got.Framework, got.RunnerUp, tt.want, tt.runnerUp, got.Scores)
			}
			for _, r := range got.Reasons {
				if !slices.Contains(Dimensions, r.Dimension) || r.Text == "" {
					t.Errorf("bad reason %+v", r)
				}
			}
			t.Logf("scores %v", got.Scores)
		})
	}
}

func TestEcommerceReasons(t *testing.T) {
	rec, _ := Recommend(Input{UseCase: "ecommerce"})
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

func TestHybridExtensionsAndServices(t *testing.T) {
	rec, _ := Recommend(Input{UseCase: "cms", Services: []string{"ml-inference", "ml-inference", "webhooks"}})
	if !slices.Contains(rec.Extensions, "drf") || !slices.Contains(rec.Extensions, "jwt") {
		t.Errorf("hybrid main app must issue tokens (drf, jwt): %v", rec.Extensions)
	}
	if !reflect.DeepEqual(rec.Services, []string{"ml-inference", "webhooks"}) {
		t.Errorf("services = %v", rec.Services)
	}
	flask, _ := Recommend(Input{UseCase: "spa-backend"})
	if !reflect.DeepEqual(flask.Extensions, []string{"jwt", "cors", "smorest"}) {
		t.Errorf("spa-backend extensions = %v", flask.Extensions)
	}
}

func TestRecommendErrors(t *testing.T) {
	tests := []struct {
		in   Input
		want string
	}{
		{Input{UseCase: "blog"}, `unknown use case "blog": choose one of microservice, ml-serving,`},
		{Input{Team: "huge"}, `unknown team size "huge": choose solo, small, large`},
		{Input{Priority: "speed"}, `unknown priority "speed": choose time-to-market or flexibility`},
		{Input{Services: []string{"email"}}, `unknown service "email": choose ml-inference, image-processing, webhooks`},
	}
	for _, tt := range tests {
		if _, err := Recommend(tt.in); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	in := Input{UseCase: "ecommerce", Team: "large", SecurityCritical: true, Async: true, Services: []string{"webhooks"}}
	a, _ := Recommend(in)
	for range 20 {
		b, _ := Recommend(in)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("same input, different recommendation")
		}
	}
}

func TestRulesLoadStrictly(t *testing.T) {
	if _, err := load([]byte("use_cases: []\nmodifier: {}\n")); err == nil {
		t.Fatal("unknown key accepted")
	}
	bad := strings.Replace(string(rulesYAML), "dimension: admin panel", "dimension: admin", 1)
	if _, err := load([]byte(bad)); err == nil || !strings.Contains(err.Error(), `unknown dimension "admin"`) {
		t.Fatalf("error = %v", err)
	}
}

// The README shows the rule table; it must be the table the rules produce.
func TestRulesMarkdown(t *testing.T) {
	md := RulesMarkdown()
	for _, uc := range UseCases() {
		if !strings.Contains(md, "`"+uc.ID+"`") {
			t.Errorf("rule table lacks %s", uc.ID)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), md) {
		t.Fatal("README.md's rule table is stale: paste the output of RulesMarkdown() (printed below)\n" + md)
	}
}
