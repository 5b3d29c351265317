package generator

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pystart/pystart/generator/recommend"
)

// AnswersRecord is the content of .pystart.yaml: the answers and the pystart that wrote them.
type AnswersRecord struct {
	Pystart string `yaml:"pystart"`
	Answers `yaml:",inline"`
}

// AnswersFile is a decoded answers file that remembers where each key was, so an answer that
// fails validation later can still be reported as file:line.
type AnswersFile struct {
	Path   string
	Record AnswersRecord
	lines  map[string]int
}

// ReadAnswers decodes an answers file strictly: an unknown key, a value of the wrong type or a
// recommender answer the rules do not have is an error naming the file and line.
func ReadAnswers(data []byte, path string) (*AnswersFile, error) {
	f := &AnswersFile{Path: path, lines: map[string]int{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f.Record); err != nil {
		return nil, fmt.Errorf("%s: %s", path, answersYAMLMessage(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil && len(doc.Content) == 1 {
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			f.lines[m.Content[i].Value] = m.Content[i].Line
		}
	}
	// Resolve checks the answers that pick files; these only feed the recommender, which a
	// replay does not ask, so without this a bad one would be copied into the new project.
	if err := checkRecommenderAnswers(f.Record.Answers); err != nil {
		return nil, f.Explain(err)
	}
	return f, nil
}

// checkRecommenderAnswers checks what the recommender was told with the recommender's own
// checks (those the flags go through), one answer at a time so the error names its key.
func checkRecommenderAnswers(a Answers) error {
	for _, answer := range []struct {
		key string
		in  recommend.Input
	}{
		{"use_case", recommend.Input{UseCase: a.UseCase}},
		{"team", recommend.Input{Team: a.Team}},
		{"priority", recommend.Input{Priority: a.Priority}},
		{"services", recommend.Input{Services: a.Services}},
	} {
		if err := recommend.Check(answer.in); err != nil {
			return &AnswerError{Field: answer.key, Err: err}
		}
	}
	return nil
}

var unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)

// answersYAMLMessage is yamlMessage with an unknown key said in the file's terms: yaml.v3 names
// the Go type ("field foo not found in type generator.AnswersRecord"), the user needs the keys.
func answersYAMLMessage(err error) string {
	msg := yamlMessage(err)
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("line %s: unknown key %q (valid keys: %s)", m[1], m[2], strings.Join(yamlKeys(reflect.TypeFor[AnswersRecord]()), ", "))
	}
	return msg
}

// yamlKeys lists the keys a struct decodes, in field order, with those of inlined structs.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
		case strings.Contains(opts, "inline"):
			keys = append(keys, yamlKeys(f.Type)...)
		case name != "":
			keys = append(keys, name)
		}
	}
	return keys
}

// Explain puts the file and line of the offending answer in front of a Resolve error.
func (f *AnswersFile) Explain(err error) error {
	var ae *AnswerError
	if errors.As(err, &ae) {
		if line, ok := f.lines[ae.Field]; ok {
			return fmt.Errorf("%s:%d: %s: %w", f.Path, line, ae.Field, ae.Err)
		}
		return fmt.Errorf("%s: %s: %w", f.Path, ae.Field, ae.Err)
	}
	return fmt.Errorf("%s: %w", f.Path, err)
}
