package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/pystart/pystart/generator"
)

// UserConfig is the user's defaults for `pystart new`, from $XDG_CONFIG_HOME/pystart/config.yaml
// (~/.config/pystart/config.yaml without it). A flag on the command line always wins; --no-config
// and --answers ignore the file, so a replay never depends on who runs it.
type UserConfig struct {
	Author   string `yaml:"author"`
	License  string `yaml:"license"`
	Database string `yaml:"database"`
	Python   string `yaml:"python"`
	// Extensions per framework: extension ids differ between Flask and Django.
	Extensions map[string][]string `yaml:"extensions"`

	// path and lines (key, or extensions.FRAMEWORK, to line) say where each value is, so an
	// error about one names the file and line.
	path  string
	lines map[string]int
}

// at says where key is: "PATH: line N", or the path alone when the key was not found.
func (c UserConfig) at(key string) string {
	if line, ok := c.lines[key]; ok {
		return fmt.Sprintf("%s: line %d", c.path, line)
	}
	return c.path
}

const exampleConfig = `# pystart defaults for "pystart new"; flags on the command line win.
author: Ada Lovelace
license: MIT            # MIT, Apache-2.0, BSD-3-Clause or proprietary
database: postgres      # sqlite or postgres
python: "3.12"
extensions:
  flask: [sqlalchemy, migrate]
  django: [drf, argon2]
`

// configPath is where the user's defaults live.
func configPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "pystart", "config.yaml"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither XDG_CONFIG_HOME nor HOME is set")
	}
	return filepath.Join(home, ".config", "pystart", "config.yaml"), nil
}

// loadUserConfig reads the user's defaults; a missing file is no defaults, a broken one an error
// naming the file and line.
func loadUserConfig(getenv func(string) string) (UserConfig, string, error) {
	var c UserConfig
	path, err := configPath(getenv)
	if err != nil {
		return c, "", nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, "", nil
	}
	if err != nil {
		return c, path, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) { // EOF: an empty file
		return c, path, fmt.Errorf("%s: %s (fix it, or run with --no-config)", path, generator.YAMLMessage(err, &c))
	}
	c.path, c.lines = path, map[string]int{}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) == 1 {
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			key, value := m.Content[i], m.Content[i+1]
			c.lines[key.Value] = key.Line
			if key.Value == "extensions" {
				for j := 0; j+1 < len(value.Content); j += 2 {
					c.lines["extensions."+value.Content[j].Value] = value.Content[j].Line
				}
			}
		}
	}
	return c, path, nil
}

func NewCmdConfig(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Where your defaults for pystart new live, and what they can say",
		Example: `  pystart config path      # the file pystart new reads its defaults from
  pystart config example   # a commented example to start it from`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print the path of the defaults file (it need not exist)",
		Example: `  pystart config path
  pystart config example > "$(pystart config path)"   # start from the example`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			path, err := configPath(f.Getenv)
			if err != nil {
				return err
			}
			fmt.Fprintln(f.IO.Out, path)
			return nil
		},
	}, &cobra.Command{
		Use:   "example",
		Short: "Print an example defaults file",
		Example: `  mkdir -p "$(dirname "$(pystart config path)")"
  pystart config example > "$(pystart config path)"`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprint(f.IO.Out, exampleConfig)
			return nil
		},
	})
	return cmd
}
