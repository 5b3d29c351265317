package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build: -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = ""
	commit  = ""
	date    = ""
)

// BuildInfo is what `pystart version` prints. Values not injected at link time come from the
// build information Go records (a module version under `go install`, the VCS revision in a checkout).
type BuildInfo struct {
	Version, Commit, Date, GoVersion string
}

func currentBuild() BuildInfo {
	b := BuildInfo{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && info.Main.Version != "" {
			b.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && b.Commit == "":
				b.Commit = s.Value
			case s.Key == "vcs.time" && b.Date == "":
				b.Date = s.Value
			}
		}
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	return b
}

// Version is pystart's version string, as recorded in generated projects.
func Version() string { return currentBuild().Version }

func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pystart's version, commit and Go version",
		Example: `  # Which pystart made a project? Its .pystart.yaml records the version too.
  pystart version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := currentBuild()
			fmt.Fprintf(f.IO.Out, "pystart %s\ncommit: %s\n", b.Version, b.Commit)
			if b.Date != "" {
				fmt.Fprintf(f.IO.Out, "built: %s\n", b.Date)
			}
			fmt.Fprintf(f.IO.Out, "go: %s\n", b.GoVersion)
			return nil
		},
	}
}
