//go:build docs

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// The docs command is built only with -tags docs (.goreleaser.yaml runs
// `go run -tags docs ./cmd/pystart docs ...`). cobra/doc brings in go-md2man and blackfriday,
// whose package initialisation cost every pystart process about 0.35 ms of start-up, for a
// command that only packaging runs.
func init() { packagingCommands = append(packagingCommands, NewCmdDocs) }

// NewCmdDocs writes man pages and shell completion scripts for the release archives
// (.goreleaser.yaml runs it before building). Hidden: users get both from their package.
func NewCmdDocs(f *Factory) *cobra.Command {
	var dir, version string
	cmd := &cobra.Command{
		Use:    "docs",
		Short:  "Write man pages and completion scripts (for packaging)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			root := cmd.Root()
			man := filepath.Join(dir, "man")
			comp := filepath.Join(dir, "completions")
			for _, d := range []string{man, comp} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return err
				}
			}
			root.DisableAutoGenTag = true // no generation date in the pages' text
			if version == "" {
				version = Version()
			}
			// The header's date is the commit's, not today's: the same commit makes the same
			// archives, whenever it is built.
			when, err := manPageDate(f.Getenv, currentBuild().Date, headCommitDate, f.Now)
			if err != nil {
				return usageError{err}
			}
			header := &doc.GenManHeader{Title: "PYSTART", Section: "1", Source: "pystart " + version, Date: &when}
			if err := doc.GenManTree(root, header, man); err != nil {
				return err
			}
			for name, gen := range map[string]func(string) error{
				"pystart.bash": func(p string) error { return root.GenBashCompletionFileV2(p, true) },
				"_pystart":     root.GenZshCompletionFile,
				"pystart.fish": func(p string) error { return root.GenFishCompletionFile(p, true) },
				"pystart.ps1":  root.GenPowerShellCompletionFileWithDesc,
			} {
				if err := gen(filepath.Join(comp, name)); err != nil {
					return err
				}
			}
			fmt.Fprintf(f.IO.Out, "wrote %s and %s\n", man, comp)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "dist-docs", "write into this `folder`")
	cmd.Flags().StringVar(&version, "version", "", "the `version` the man pages name (default: this binary's)")
	return cmd
}

// headCommitDate is the committer date of the checkout's HEAD, as goreleaser's CommitDate.
func headCommitDate() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "log", "-1", "--format=%cI", "HEAD").Output()
	return string(out), err
}
