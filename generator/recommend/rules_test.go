package recommend

import (
	"strings"
	"testing"
)

func TestRulesLoad(t *testing.T) {
	if _, err := load(rulesYAML); err != nil {
		t.Fatalf("embedded rules.yaml: %v", err)
	}
}

// Each edit below breaks the embedded rules.yaml in one way; load must refuse it with a message
// that says where.
func TestRulesRejected(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown key", "use_cases:", "usecases:", "field usecases not found"},
		{"unknown key in a signal", "{framework: django, weight: 3, dimension: admin panel,", "{framework: django, weight: 3, dim: admin panel,", "field dim not found"},
		{"unknown dimension", "dimension: admin panel, text: \"editors", "dimension: admin, text: \"editors", `use case cms: signal 1: unknown dimension "admin", want one of admin panel, ORM,`},
		{"unknown framework", "{framework: django, weight: 2, dimension: team structure", "{framework: rails, weight: 2, dimension: team structure", `team large: signal 1: framework "rails"`},
		{"zero weight", "{framework: django, weight: 3, dimension: security,", "{framework: django, weight: 0, dimension: security,", "security_critical: signal 1: needs a positive weight"},
		{"unknown extension", "django: [accounts, argon2, whitenoise]", "django: [accounts, argon3, whitenoise]", `use case ecommerce: unknown django extension "argon3"`},
		{"extension of the other framework", "{flask: [async], django: [asgi]}", "{flask: [asgi], django: [asgi]}", `async: unknown flask extension "asgi"`},
		{"extension twice", "flask: [sqlalchemy, migrate, smorest]", "flask: [sqlalchemy, migrate, sqlalchemy]", `use case simple-api: flask extension "sqlalchemy" listed twice`},
		{"repeated use case", "- id: ecommerce", "- id: cms", `use case "cms": empty or repeated id`},
		{"use case renamed", "  - id: learning\n", "  - id: studying\n", "use case ids are microservice, ml-serving, simple-api, prototype, studying,"},
		{"team missing", "  - id: small\n", "  - id: medium\n", "team ids are solo, medium, large, want exactly solo, small, large"},
		{"priority missing", "  - id: flexibility\n", "  - id: speed\n", "priority ids are time-to-market, speed, want exactly time-to-market, flexibility"},
		{"team without signals or note", "    note: one developer keeps their own conventions; the size alone does not tip the scale\n", "", "team solo: no signals, so it needs a note"},
		{"hybrid dimension", "  per_service: 2\n  dimension: scalability", "  per_service: 2\n  dimension: scale", `hybrid: unknown dimension "scale"`},
		{"hybrid per service", "  per_service: 2\n", "  per_service: 0\n", "hybrid: needs a positive per_service"},
		{"tie dimension", "  dimension: learning curve\n  text: \"the top", "  dimension: ties\n  text: \"the top", `tie: unknown dimension "ties"`},
		{"second document", "# The reason given when", "---\nx: 1\n# The reason given when", "more than one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := string(rulesYAML)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("rules.yaml no longer contains %q; update the test", tt.old)
			}
			_, err := load([]byte(strings.Replace(src, tt.old, tt.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
