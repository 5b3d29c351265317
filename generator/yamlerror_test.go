package generator

import (
	"bytes"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestYAMLMessage pins the one-line messages a strict decode error becomes: the file's keys and
// kinds of value, no Go type names.
func TestYAMLMessage(t *testing.T) {
	type inner struct {
		Port int `yaml:"port"`
	}
	type config struct {
		Name    string              `yaml:"name"`
		Debug   bool                `yaml:"debug"`
		Tags    []string            `yaml:"tags"`
		Exts    map[string][]string `yaml:"extensions"`
		Server  inner               `yaml:"server"`
		Skipped string              `yaml:"-"`
	}
	for _, tc := range []struct{ doc, want string }{
		{"nmae: x\n", `line 1: unknown key "nmae" (valid keys: name, debug, tags, extensions, server)`},
		{"server:\n  prot: 80\n", `line 2: unknown key "prot" (valid keys: port)`},
		{"name: x\nname: y\n", `line 2: mapping key "name" already defined at line 1`},
		{"tags: web\n", "line 1: cannot unmarshal !!str `web` into a list"},
		{"debug: maybe\n", "line 1: cannot unmarshal !!str `maybe` into true or false"},
		{"name: [a, b]\n", "line 1: cannot unmarshal !!seq into a string"},
		{"extensions: flask\n", "line 1: cannot unmarshal !!str `flask` into a mapping (key: value lines)"},
		{"server: big\n", "line 1: cannot unmarshal !!str `big` into a mapping (key: value lines)"},
		{"server:\n  port: high\n", "line 2: cannot unmarshal !!str `high` into a number"},
		{"just text\n", "line 1: cannot unmarshal !!str `just text` into a mapping (key: value lines)"},
		{"name: x\n  bad: indent\n", "line 2: mapping values are not allowed in this context"},
	} {
		var c config
		dec := yaml.NewDecoder(bytes.NewReader([]byte(tc.doc)))
		dec.KnownFields(true)
		err := dec.Decode(&c)
		if err == nil {
			t.Errorf("%q: no error", tc.doc)
			continue
		}
		got := YAMLMessage(err, &c)
		if got != tc.want {
			t.Errorf("%q:\n got: %s\nwant: %s", tc.doc, got, tc.want)
		}
		if strings.Contains(got, "generator.") || strings.Contains(got, "\n") {
			t.Errorf("%q: %q names a Go type or is not one line", tc.doc, got)
		}
	}
}

// The generator's own types are known without being passed: an answers file's unknown key
// lists the answers file's keys.
func TestYAMLMessageKnowsTheGeneratorsTypes(t *testing.T) {
	var r AnswersRecord
	dec := yaml.NewDecoder(strings.NewReader("pystart: v1\ndatabse: sqlite\n"))
	dec.KnownFields(true)
	got := YAMLMessage(dec.Decode(&r))
	if want := `line 2: unknown key "databse" (valid keys: pystart, name, framework, `; !strings.HasPrefix(got, want) {
		t.Errorf("got %s, want it to start %s", got, want)
	}
}
