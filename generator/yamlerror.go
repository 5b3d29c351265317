package generator

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAMLMessage turns a yaml.v3 decode error into one line in the file's terms, "line N: what",
// for the first problem: keys and kinds of value, never Go type names. yaml.v3 says
// "field licence not found in type main.UserConfig" and "cannot unmarshal !!str `x` into
// []string"; this says `unknown key "licence" (valid keys: ...)` and "... into a list".
// targets are the values decoded into, whose struct types give the valid keys; the types the
// generator itself decodes (manifests, answers files) are always known.
func YAMLMessage(err error, targets ...any) string {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	line, what := m[1], m[2]
	types := yamlTypes(append(targets, generatorYAMLTargets...)...)
	if f := yamlUnknownField.FindStringSubmatch(what); f != nil {
		what = fmt.Sprintf("unknown key %q", f[1])
		if t, ok := types[f[2]]; ok {
			what += " (valid keys: " + strings.Join(yamlKeys(t), ", ") + ")"
		}
	} else if f := yamlFieldTwice.FindStringSubmatch(what); f != nil {
		what = fmt.Sprintf("key %q is set twice", f[1])
	} else if f := yamlCannotUnmarshal.FindStringSubmatch(what); f != nil {
		what = f[1] + " into " + yamlKind(f[2], types)
	}
	return "line " + line + ": " + what
}

// yamlMessage is YAMLMessage for the generator's own files.
func yamlMessage(err error, targets ...any) string { return YAMLMessage(err, targets...) }

// generatorYAMLTargets are the types the generator decodes from YAML.
var generatorYAMLTargets = []any{AnswersRecord{}, Blueprint{}, Extension{}}

var (
	yamlLine            = regexp.MustCompile(`line (\d+): (.*)`)
	yamlUnknownField    = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	yamlFieldTwice      = regexp.MustCompile(`^field (\S+) already set in type \S+$`)
	yamlCannotUnmarshal = regexp.MustCompile(`^(cannot unmarshal .*) into (\S+)$`)
)

// yamlTypes maps the name yaml.v3 prints for a type ("generator.Extension") to the type, for
// every named type reachable from the targets.
func yamlTypes(targets ...any) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if t.Name() != "" {
			if _, seen := out[t.String()]; seen {
				return
			}
			out[t.String()] = t
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for f := range t.Fields() {
				walk(f.Type)
			}
		}
	}
	for _, v := range targets {
		if v != nil {
			walk(reflect.TypeOf(v))
		}
	}
	return out
}

// yamlKind says in YAML's terms what a value of the type yaml.v3 named must be.
func yamlKind(name string, types map[string]reflect.Type) string {
	name = strings.TrimLeft(name, "*")
	kind := reflect.Invalid
	if t, ok := types[name]; ok {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		kind = t.Kind()
	}
	switch {
	case strings.HasPrefix(name, "[]") || kind == reflect.Slice || kind == reflect.Array:
		return "a list"
	case strings.HasPrefix(name, "map[") || kind == reflect.Map || kind == reflect.Struct:
		return "a mapping (key: value lines)"
	case name == "bool" || kind == reflect.Bool:
		return "true or false"
	case name == "string" || kind == reflect.String:
		return "a string"
	case strings.HasPrefix(name, "int") || strings.HasPrefix(name, "uint") || strings.HasPrefix(name, "float") ||
		kind >= reflect.Int && kind <= reflect.Float64:
		return "a number"
	}
	return "a value of another kind"
}
