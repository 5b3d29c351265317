package generator

import (
	"bytes"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
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

// ReadAnswers decodes an answers file strictly: an unknown key or a value of the wrong type is
// an error naming the file and line.
func ReadAnswers(data []byte, path string) (*AnswersFile, error) {
	f := &AnswersFile{Path: path, lines: map[string]int{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f.Record); err != nil {
		return nil, fmt.Errorf("%s: %s", path, yamlMessage(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil && len(doc.Content) == 1 {
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			f.lines[m.Content[i].Value] = m.Content[i].Line
		}
	}
	return f, nil
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
