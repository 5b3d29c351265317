package generator_test

import (
	"slices"
	"strings"
	"testing"
)

// TestREADMEStartsWithRunAndTest: a generated README's first lines say how to run the project
// and how to test it (the design's rule for every project), before any description or section:
// "Run it:" right under the title, then "Test it:", each followed by its commands.
func TestREADMEStartsWithRunAndTest(t *testing.T) {
	c := loadBuiltin(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			_, files := renderCase(t, c, tc)
			var readme string
			for _, f := range files {
				if f.Path == "README.md" {
					readme = string(f.Data)
				}
			}
			// After the title: the two labels, each with a code block (``` stands for one).
			var begins []string
			inCode := false
			for _, line := range strings.Split(readme, "\n")[1:] {
				switch {
				case strings.HasPrefix(line, "```"):
					if !inCode {
						begins = append(begins, "```")
					}
					inCode = !inCode
				case !inCode && strings.TrimSpace(line) != "":
					begins = append(begins, line)
				}
				if len(begins) == 4 {
					break
				}
			}
			if want := []string{"Run it:", "```", "Test it:", "```"}; !slices.Equal(begins, want) {
				t.Fatalf("README.md begins %q, want %q:\n%s", begins, want, readme)
			}
		})
	}
}
