package main

import (
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator"
	"github.com/pystart/pystart/generator/recommend"
)

// Shell completion of flag values. Candidates come from the catalog (frameworks, extensions,
// databases: a platform team's --blueprints included) and the recommender (use cases, teams,
// services), each with its one-line summary where the shell shows descriptions.

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

func fixed(values ...string) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// fromCatalog completes from the loaded catalog; with --framework already on the line, only that
// blueprint's values are offered.
func fromCatalog(f *Factory, values func(b *generator.Blueprint) []string) completeFunc {
	return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		cat, err := f.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		framework, _ := cmd.Flags().GetString("framework")
		// An id both frameworks have (cors, jwt) is offered once, with the first one's summary.
		var out, ids []string
		for _, b := range cat.Blueprints {
			if framework == "" || b.ID == framework {
				for _, v := range values(b) {
					id, _, _ := strings.Cut(v, "\t")
					if !slices.Contains(ids, id) {
						ids, out = append(ids, id), append(out, v)
					}
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeFrameworks(f *Factory) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cat, err := f.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, b := range cat.Blueprints {
			out = append(out, b.ID+"\t"+b.Summary)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func registerNewCompletions(f *Factory, cmd *cobra.Command) {
	extensions := fromCatalog(f, func(b *generator.Blueprint) []string {
		var out []string
		// The hybrid has no extensions of its own: --ext adds to its main application (Django).
		for _, e := range b.MainBlueprint().Extensions {
			out = append(out, e.ID+"\t"+e.Summary)
		}
		return out
	})
	databases := fromCatalog(f, func(b *generator.Blueprint) []string {
		var out []string
		for _, id := range slices.Sorted(maps.Keys(b.Databases)) {
			out = append(out, id+"\t"+b.Databases[id].Title)
		}
		return out
	})
	for flag, fn := range map[string]completeFunc{
		"framework": completeFrameworks(f),
		"ext":       extensions,
		"without":   extensions,
		"db":        databases,
		"python":    fixed(generator.PythonVersions...),
		"license":   fixed(generator.Licenses...),
	} {
		cmd.RegisterFlagCompletionFunc(flag, fn)
	}
	registerRecommendCompletions(cmd)
}

func registerRecommendCompletions(cmd *cobra.Command) {
	// The list is read when a completion is asked for, not when the command is built: reading
	// it decodes the rule table, which every run would pay.
	described := func(list func() []recommend.UseCase) completeFunc {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var out []string
			for _, uc := range list() {
				out = append(out, uc.ID+"\t"+uc.Summary)
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
	}
	for flag, fn := range map[string]completeFunc{
		"use-case": described(recommend.UseCases),
		"service":  described(recommend.Services),
		"team":     fixed(recommend.Teams...),
		"priority": fixed(recommend.Priorities...),
	} {
		cmd.RegisterFlagCompletionFunc(flag, fn)
	}
}
