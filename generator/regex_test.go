package generator

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/Masterminds/sprig/v3"
)

// TestRegexFuncsAsSprig: the cached regex functions give what sprig's give, bad patterns
// included (a panic where sprig panics, false or the error where sprig returns them).
func TestRegexFuncsAsSprig(t *testing.T) {
	ours, theirs := funcMap(), sprig.TxtFuncMap()
	call := func(f any, args ...any) (out []any, panicked string) {
		defer func() {
			if r := recover(); r != nil {
				panicked = fmt.Sprint(r)
			}
		}()
		in := make([]reflect.Value, len(args))
		for i, a := range args {
			in[i] = reflect.ValueOf(a)
		}
		for _, v := range reflect.ValueOf(f).Call(in) {
			if err, ok := v.Interface().(error); ok {
				out = append(out, "error: "+err.Error())
			} else {
				out = append(out, v.Interface())
			}
		}
		return out, ""
	}
	s := "from app import b, a\n  \nimport os\n"
	cases := []struct {
		name string
		args []any
	}{
		{"regexMatch", []any{`^from `, s}},
		{"regexMatch", []any{`(`, s}},
		{"mustRegexMatch", []any{`(`, s}},
		{"regexFindAll", []any{`[a-z]+`, s, -1}},
		{"mustRegexFindAll", []any{`[`, s, 2}},
		{"regexFind", []any{`import \w+`, s}},
		{"regexFind", []any{`(`, s}},
		{"mustRegexFind", []any{`(`, s}},
		{"regexReplaceAll", []any{`(?m)^[ \t]+$`, s, ""}},
		{"regexReplaceAll", []any{`(\w+) import`, s, "${1}!"}},
		{"mustRegexReplaceAll", []any{`(`, s, ""}},
		{"regexReplaceAllLiteral", []any{`(\w+) import`, s, "${1}"}},
		{"mustRegexReplaceAllLiteral", []any{`(`, s, ""}},
		{"regexSplit", []any{`\s*,\s*`, s, -1}},
		{"regexSplit", []any{`(`, s, -1}},
		{"mustRegexSplit", []any{`\s+`, s, 3}},
	}
	for _, tc := range cases {
		for range 2 { // the second call comes from the cache
			got, gotPanic := call(ours[tc.name], tc.args...)
			want, wantPanic := call(theirs[tc.name], tc.args...)
			if gotPanic != wantPanic || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
				t.Errorf("%s%q = %#v (panic %q), sprig: %#v (panic %q)", tc.name, tc.args, got, gotPanic, want, wantPanic)
			}
		}
	}
	for name := range regexFuncs {
		if _, ok := theirs[name]; !ok {
			t.Errorf("%s is not a sprig function", name)
		}
	}
}
