package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pystart/pystart/generator"
)

// ExtensionsOptions holds the flags of `pystart extensions`.
type ExtensionsOptions struct {
	IO        *IOStreams
	Catalog   func() (*generator.Catalog, error)
	Framework string
}

func NewCmdExtensions(f *Factory, runF func(*ExtensionsOptions) error) *cobra.Command {
	opts := &ExtensionsOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "extensions",
		Short: "List the extensions each framework offers",
		Example: `  # Every Flask extension, with what it requires and conflicts with
  pystart extensions --framework flask`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return extensionsRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Framework, "framework", "", "only this framework's extensions: `flask|django`")
	cmd.RegisterFlagCompletionFunc("framework", completeFrameworks(f))
	return cmd
}

func extensionsRun(opts *ExtensionsOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	bps := cat.Blueprints
	if opts.Framework != "" {
		b := cat.Blueprint(opts.Framework)
		if b == nil {
			return usageErrorf("unknown framework %q: choose one of %s", opts.Framework, strings.Join(cat.IDs(), ", "))
		}
		bps = []*generator.Blueprint{b}
	}
	for i, b := range bps {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		fmt.Fprintf(opts.IO.Out, "%s: %s\n", b.ID, b.Summary)
		if h := b.Hybrid; h != nil {
			main := b.MainBlueprint()
			fmt.Fprintf(opts.IO.Out, "  --ext adds %s extensions to the main application (see --framework %s); it always has %s\n",
				main.ID, main.ID, strings.Join(h.Main.Extensions, ", "))
			tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "  SERVICE\tROUTE\tBUILT ON\tWHAT YOU GET")
			for _, s := range h.Catalog {
				on := h.Services.Blueprint
				if s.Starter != "" {
					on += " " + s.Starter + " starter"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", s.ID, s.Route, on, s.Summary)
			}
			tw.Flush()
			continue
		}
		if len(b.Extensions) == 0 {
			fmt.Fprintln(opts.IO.Out, "  (no extensions)")
			continue
		}
		tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  ID\tPACKAGE\tDIMENSION\tWHAT YOU GET\tRULES")
		for _, e := range b.Extensions {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", e.ID, packages(e), e.Dimension, e.Summary, rules(e))
		}
		tw.Flush()
	}
	return nil
}

// packages is what an extension installs, as pyproject.toml will declare it ("flask-login>=0.6.3,<1"),
// or its title when it installs nothing of its own (Django's auth views).
func packages(e *generator.Extension) string {
	if len(e.Packages) == 0 {
		return e.Title + " (no package)"
	}
	return strings.Join(e.Packages, ", ")
}

// rules says what an extension needs and brings in. What it both requires and implies is added
// for the user and cannot be left out: one rule, not two. What it implies as one of required
// alternatives is added only when none of them is chosen (jwt: sqlalchemy, unless peewee).
func rules(e *generator.Extension) string {
	var parts, added, optional []string
	fallback := map[string]string{} // "a|b" -> the one of them implied
	for _, id := range e.Implies {
		i := slices.IndexFunc(e.Requires, func(req string) bool { return slices.Contains(strings.Split(req, "|"), id) })
		switch {
		case slices.Contains(e.Requires, id):
			added = append(added, id)
		case i >= 0:
			fallback[e.Requires[i]] = id
		default:
			optional = append(optional, id)
		}
	}
	var required []string
	for _, req := range e.Requires {
		if slices.Contains(added, req) {
			continue
		}
		rule := strings.ReplaceAll(req, "|", " or ")
		if id := fallback[req]; id != "" {
			none := "none"
			if strings.Count(req, "|") == 1 {
				none = "neither"
			}
			rule += " (adds " + id + " when " + none + " is chosen)"
		}
		required = append(required, rule)
	}
	if len(added) > 0 {
		parts = append(parts, "needs and adds "+strings.Join(added, ", "))
	}
	if len(required) > 0 {
		parts = append(parts, "requires "+strings.Join(required, ", "))
	}
	if len(optional) > 0 {
		parts = append(parts, "adds "+strings.Join(optional, ", ")+" unless --without")
	}
	if len(e.Conflicts) > 0 {
		parts = append(parts, "conflicts with "+strings.Join(e.Conflicts, ", "))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}
