package generator

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pystart/pystart/generator/recommend"
)

// AnswersRecord is the content of .pystart.yaml: the answers and the pystart that wrote them.
type AnswersRecord struct {
	Pystart string `yaml:"pystart"`
	Answers `yaml:",inline"`
}

// AnswersFile is a decoded answers file that remembers where each key and each list item was,
// so an answer that fails validation later can still be reported as file:line.
type AnswersFile struct {
	Path   string
	Record AnswersRecord
	lines  map[string]int
	items  map[string][]*yaml.Node // a list's items, by the list's key
}

// ReadAnswers decodes an answers file strictly: an unknown key, a value of the wrong type or a
// recommender answer the rules do not have is an error naming the file and line.
func ReadAnswers(data []byte, path string) (*AnswersFile, error) {
	f := &AnswersFile{Path: path, lines: map[string]int{}, items: map[string][]*yaml.Node{}}
	var doc yaml.Node
	var top *yaml.Node // the mapping at the top, when the file parses as one
	if err := yaml.Unmarshal(data, &doc); err == nil && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		top = doc.Content[0]
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f.Record); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && top != nil {
			if err := f.typeError(top); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("%s: %s", path, answersYAMLMessage(err))
	}
	if top != nil {
		for i := 0; i+1 < len(top.Content); i += 2 {
			key, value := top.Content[i], top.Content[i+1]
			f.lines[key.Value] = key.Line
			if value.Kind == yaml.SequenceNode {
				f.items[key.Value] = value.Content
			}
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
	for _, f := range yamlFields(t) {
		keys = append(keys, f.key)
	}
	return keys
}

// yamlField is one key a struct decodes and the type its value decodes into.
type yamlField struct {
	key string
	typ reflect.Type
}

// yamlFields lists the keys a struct decodes with their types, in field order, with those of
// inlined structs.
func yamlFields(t reflect.Type) []yamlField {
	var fields []yamlField
	for f := range t.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
		case strings.Contains(opts, "inline"):
			fields = append(fields, yamlFields(f.Type)...)
		case name != "":
			fields = append(fields, yamlField{name, f.Type})
		}
	}
	return fields
}

// typeError finds the first answer, in file order, that yaml.v3 refused, and says what is wrong
// with it in the file's terms, at its line (a list's item at the item's own): yaml.v3 says
// "cannot unmarshal !!str `maybe` into bool", in Go's types and with no valid values. An unknown
// key found first is reported as answersYAMLMessage does. It returns nil when it finds nothing,
// and the caller falls back on yaml.v3's message.
func (f *AnswersFile) typeError(top *yaml.Node) error {
	types := map[string]reflect.Type{}
	for _, field := range yamlFields(reflect.TypeFor[AnswersRecord]()) {
		types[field.key] = field.typ
	}
	at := func(node *yaml.Node, key, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s: %s", f.Path, node.Line, key, fmt.Sprintf(format, args...))
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, value := top.Content[i], top.Content[i+1]
		typ, ok := types[key.Value]
		if !ok {
			return fmt.Errorf("%s: line %d: unknown key %q (valid keys: %s)", f.Path, key.Line, key.Value, strings.Join(yamlKeys(reflect.TypeFor[AnswersRecord]()), ", "))
		}
		if value.Decode(reflect.New(typ).Interface()) == nil {
			continue
		}
		switch {
		case typ.Kind() == reflect.Bool:
			return at(value, key.Value, "%s is not true or false", yamlValue(value))
		case typ.Kind() == reflect.Slice && value.Kind != yaml.SequenceNode:
			if value.Kind == yaml.ScalarNode {
				return at(value, key.Value, "%s is not a list: write [%s]", yamlValue(value), value.Value)
			}
			return at(value, key.Value, "%s is not a list", yamlValue(value))
		case typ.Kind() == reflect.Slice:
			for _, item := range value.Content {
				if item.Decode(reflect.New(typ.Elem()).Interface()) != nil {
					return at(item, key.Value, "%s is not one value", yamlValue(item))
				}
			}
		default:
			return at(value, key.Value, "%s is not one value", yamlValue(value))
		}
	}
	return nil
}

// yamlValue names a value for a message: a scalar quoted, anything else by its kind.
func yamlValue(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	}
	return "an alias"
}

// Explain puts the file and line of the offending answer in front of a Resolve error. For a
// list, that is the line of the item the error names first (errors quote the ids they are
// about: unknown extension "nope"), else the list's key.
func (f *AnswersFile) Explain(err error) error {
	var ae *AnswerError
	if errors.As(err, &ae) {
		line, ok := f.lines[ae.Field]
		msg, first := ae.Err.Error(), -1
		for _, item := range f.items[ae.Field] {
			if i := strings.Index(msg, strconv.Quote(item.Value)); item.Kind == yaml.ScalarNode && i >= 0 && (first < 0 || i < first) {
				line, ok, first = item.Line, true, i
			}
		}
		if ok {
			return fmt.Errorf("%s:%d: %s: %w", f.Path, line, ae.Field, ae.Err)
		}
		return fmt.Errorf("%s: %s: %w", f.Path, ae.Field, ae.Err)
	}
	return fmt.Errorf("%s: %w", f.Path, err)
}
