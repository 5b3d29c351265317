package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// The Homebrew cask lists its man pages by name (goreleaser takes no pattern): one page per
// command the docs command writes, as cobra/doc names them, so a new command cannot be left
// out of the cask. .ci/release-check compares the built cask with the archive as well.
func TestCaskListsEveryManPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Casks []struct {
			Manpages []string `yaml:"manpages"`
		} `yaml:"homebrew_casks"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Casks) != 1 {
		t.Fatalf(".goreleaser.yaml has %d homebrew_casks, want 1", len(cfg.Casks))
	}
	streams, _, _, _ := TestStreams()
	root := NewCmdRoot(&Factory{IO: streams})
	root.InitDefaultHelpCmd() // as at execution: GenManTree skips it, as this walk must
	var want []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			return
		}
		want = append(want, "man/"+strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	want = append(want, "man/pystart.1")
	for _, sub := range root.Commands() {
		walk(sub)
	}
	got := slices.Sorted(slices.Values(cfg.Casks[0].Manpages))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("homebrew_casks manpages:\n  %s\nwant one per command:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestManPageDateIsTheCommitsNotToday(t *testing.T) {
	today := func() time.Time { return time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC) }
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	commit := func(date string) func() (string, error) {
		return func() (string, error) {
			if date == "" {
				return "", errors.New("not a git checkout")
			}
			return date + "\n", nil
		}
	}
	for _, tc := range []struct {
		name, build, commit string
		env                 map[string]string
		want                string
	}{
		{"SOURCE_DATE_EPOCH first", "2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z", map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}, "2023-11-14T22:13:20Z"},
		{"then the build's date", "2025-01-02T03:04:05Z", "2024-01-01T00:00:00Z", nil, "2025-01-02T03:04:05Z"},
		{"then the checkout's commit, in UTC", "", "2026-03-31T23:30:00-05:00", nil, "2026-04-01T04:30:00Z"},
		{"a zero build date is none (a snapshot without git information)", "0001-01-01T00:00:00Z", "2026-03-15T10:00:00Z", nil, "2026-03-15T10:00:00Z"},
		{"nothing known: today", "", "", nil, "2027-05-01T00:00:00Z"},
	} {
		got, err := manPageDate(env(tc.env), tc.build, commit(tc.commit), today)
		if err != nil || got.Format(time.RFC3339) != tc.want {
			t.Errorf("%s: %v, %v; want %s", tc.name, got.Format(time.RFC3339), err, tc.want)
		}
	}
	if _, err := manPageDate(env(map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}), "", commit(""), today); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number was accepted")
	}
}
