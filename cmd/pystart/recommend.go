package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator/recommend"
)

// RecommendOptions holds the flags of `pystart recommend`; `pystart new` shares the modifier flags.
type RecommendOptions struct {
	IO    *IOStreams
	Input recommend.Input
	JSON  bool
}

// addRecommendFlags declares the recommender's inputs on a command.
func addRecommendFlags(cmd *cobra.Command, in *recommend.Input) {
	fl := cmd.Flags()
	// The placeholder is "id", with the ids in the text: as the placeholder, the fourteen ids made
	// one column some 150 characters wide and pushed every flag's description off the screen.
	fl.StringVar(&in.UseCase, "use-case", "", "what you are building (an `id`: "+strings.Join(recommend.UseCaseIDs, ", ")+")")
	fl.StringVar(&in.Team, "team", "", "team size: `solo|small|large`")
	fl.BoolVar(&in.Admin, "admin", false, "it needs an admin panel")
	fl.BoolVar(&in.SecurityCritical, "security-critical", false, "a security-critical domain (fintech, healthcare, government)")
	fl.StringVar(&in.Priority, "priority", "", "what matters more: `time-to-market|flexibility`")
	fl.BoolVar(&in.Async, "async", false, "it needs async views")
	fl.StringArrayVar(&in.Services, "service", nil, "a side service the main app needs (an `id`: ml-inference, image-processing, webhooks; repeatable)")
}

func NewCmdRecommend(f *Factory, runF func(*RecommendOptions) error) *cobra.Command {
	opts := &RecommendOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "recommend",
		Short: "Recommend Flask, Django or the hybrid for what you are building, and say why",
		Long: `Score Flask, Django and the hybrid (a Django main application with Flask side services)
for a use case and modifiers, with the reasons in the comparison's terms: admin panel, ORM,
authentication, security, REST APIs, performance, learning curve, scalability, flexibility and
team structure. The rule table is in the README.`,
		Example: `  # A shop: Django, for the admin, the ORM and authentication
  pystart recommend --use-case ecommerce

  # A CMS that also serves predictions: the hybrid
  pystart recommend --use-case cms --service ml-inference --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return recommendRun(opts)
		},
	}
	addRecommendFlags(cmd, &opts.Input)
	registerRecommendCompletions(cmd)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the recommendation as JSON")
	return cmd
}

func recommendRun(opts *RecommendOptions) error {
	rec, err := recommend.Recommend(opts.Input)
	if err != nil {
		return usageError{err}
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rec)
	}
	printRecommendation(opts.IO.Out, rec)
	return nil
}

func printRecommendation(w io.Writer, rec recommend.Recommendation) {
	fmt.Fprintf(w, "Recommended: %s (runner-up: %s)\n", rec.Framework, rec.RunnerUp)
	fmt.Fprintf(w, "Scores: flask %d, django %d, hybrid %d\n", rec.Scores["flask"], rec.Scores["django"], rec.Scores["hybrid"])
	if len(rec.Reasons) > 0 {
		fmt.Fprintln(w, "Why:")
		for _, r := range rec.Reasons {
			// A tie-break adds nothing to any score; "+0" would read like a bug.
			weight := fmt.Sprintf("+%d", r.Weight)
			if r.Weight == 0 {
				weight = "tie"
			}
			fmt.Fprintf(w, "  %s %s  [%s] %s\n", weight, r.Framework, r.Dimension, r.Text)
		}
	}
	if len(rec.Services) > 0 {
		fmt.Fprintf(w, "Services: %s\n", strings.Join(rec.Services, ", "))
	}
	if len(rec.Extensions) > 0 {
		fmt.Fprintf(w, "Extensions: %s\n", strings.Join(rec.Extensions, ", "))
	}
}
