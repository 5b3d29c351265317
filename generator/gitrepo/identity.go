package gitrepo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
)

// Identity is who the first commit is by, and where that was found.
type Identity struct {
	Author, Committer Signature
	// Source says where the names and emails came from: "environment", "git config (PATH)" or
	// "fallback", or several of them joined with " and " when the parts came from different
	// places (a name from the environment and an email from git config, say).
	Source string
	// Fallback is true when any name or email is FallbackName / FallbackEmail because neither
	// the environment nor git config had one: the CLI should say so.
	Fallback bool
}

const (
	FallbackName  = "pystart"
	FallbackEmail = "pystart@localhost"

	SourceEnvironment = "environment"
	SourceFallback    = "fallback"
)

// SystemConfigPath is git's system-wide config file. Tests point it elsewhere; GIT_CONFIG_SYSTEM
// and GIT_CONFIG_NOSYSTEM from the getenv function are honoured too, as git honours them.
var SystemConfigPath = "/etc/gitconfig"

// ResolveIdentity finds the author and committer the way git does, reading the environment only
// through getenv (nil means os.Getenv):
//
//   - name: GIT_AUTHOR_NAME (GIT_COMMITTER_NAME for the committer), else author.name
//     (committer.name), else user.name from git config;
//   - email: GIT_AUTHOR_EMAIL (GIT_COMMITTER_EMAIL), else author.email (committer.email), else
//     user.email, else EMAIL;
//   - git config is, from weakest to strongest: the system file (SystemConfigPath or
//     GIT_CONFIG_SYSTEM, skipped when GIT_CONFIG_NOSYSTEM is true), $XDG_CONFIG_HOME/git/config
//     (or $HOME/.config/git/config), $HOME/.gitconfig (GIT_CONFIG_GLOBAL replaces these two),
//     then GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n/GIT_CONFIG_VALUE_n; [include] path is followed,
//     [includeIf] is not (the repository does not exist yet);
//   - anything still missing is FallbackName / FallbackEmail, and Fallback is set;
//   - the time is now, unless GIT_AUTHOR_DATE (GIT_COMMITTER_DATE) is set, as "@<unix seconds>
//     [+hhmm]", "<unix seconds> +hhmm", RFC 3339, "2006-01-02 15:04:05 -0700" or RFC 1123Z.
//
// Names and emails are cleaned as git cleans them (no '<', '>' or newline). The error reports a
// git config file that cannot be read or parsed, or a date variable that cannot be read.
func ResolveIdentity(getenv func(string) string, now time.Time) (Identity, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := loadGitConfig(getenv)
	if err != nil {
		return Identity{}, err
	}
	var sources []string
	fallback := false
	note := func(src string) {
		if src == SourceFallback {
			fallback = true
		}
		for _, s := range sources {
			if s == src {
				return
			}
		}
		sources = append(sources, src)
	}
	pick := func(envVar, roleKey, userKey, extraEnv, def string) string {
		if v := cleanIdent(getenv(envVar)); v != "" {
			note(SourceEnvironment)
			return v
		}
		for _, key := range []string{roleKey, userKey} {
			if cv, ok := cfg[key]; ok {
				if v := cleanIdent(cv.value); v != "" {
					note(cv.source)
					return v
				}
			}
		}
		if extraEnv != "" {
			if v := cleanIdent(getenv(extraEnv)); v != "" {
				note(SourceEnvironment)
				return v
			}
		}
		note(SourceFallback)
		return def
	}
	var id Identity
	id.Author.Name = pick("GIT_AUTHOR_NAME", "author.name", "user.name", "", FallbackName)
	id.Author.Email = pick("GIT_AUTHOR_EMAIL", "author.email", "user.email", "EMAIL", FallbackEmail)
	id.Committer.Name = pick("GIT_COMMITTER_NAME", "committer.name", "user.name", "", FallbackName)
	id.Committer.Email = pick("GIT_COMMITTER_EMAIL", "committer.email", "user.email", "EMAIL", FallbackEmail)
	if id.Author.When, err = dateFromEnv(getenv, "GIT_AUTHOR_DATE", now); err != nil {
		return Identity{}, err
	}
	if id.Committer.When, err = dateFromEnv(getenv, "GIT_COMMITTER_DATE", now); err != nil {
		return Identity{}, err
	}
	id.Source = strings.Join(sources, " and ")
	id.Fallback = fallback
	return id, nil
}

type configValue struct {
	value, source string
}

// identityKeys are the only git config keys ResolveIdentity reads.
var identityKeys = []string{"user.name", "user.email", "author.name", "author.email", "committer.name", "committer.email"}

// loadGitConfig returns the identity keys from git config, the strongest value of each with the
// file it came from.
func loadGitConfig(getenv func(string) string) (map[string]configValue, error) {
	out := map[string]configValue{}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE") // Git for Windows does the same
	}
	var paths []string
	if !envBool(getenv("GIT_CONFIG_NOSYSTEM")) {
		if p := getenv("GIT_CONFIG_SYSTEM"); p != "" {
			paths = append(paths, p)
		} else if SystemConfigPath != "" {
			paths = append(paths, SystemConfigPath)
		}
	}
	if p := getenv("GIT_CONFIG_GLOBAL"); p != "" {
		paths = append(paths, p)
	} else {
		if xdg := getenv("XDG_CONFIG_HOME"); xdg != "" {
			paths = append(paths, filepath.Join(xdg, "git", "config"))
		} else if home != "" {
			paths = append(paths, filepath.Join(home, ".config", "git", "config"))
		}
		if home != "" {
			paths = append(paths, filepath.Join(home, ".gitconfig"))
		}
	}
	for _, p := range paths {
		if err := readConfigFile(p, home, out, 0); err != nil {
			return nil, err
		}
	}
	// Configuration given in the environment, as `git -c` would; it is the strongest.
	if n, err := strconv.Atoi(getenv("GIT_CONFIG_COUNT")); err == nil {
		for i := 0; i < n; i++ {
			key := strings.ToLower(getenv("GIT_CONFIG_KEY_" + strconv.Itoa(i)))
			for _, k := range identityKeys {
				if key == k {
					out[k] = configValue{getenv("GIT_CONFIG_VALUE_" + strconv.Itoa(i)), SourceEnvironment}
				}
			}
		}
	}
	return out, nil
}

// readConfigFile adds the identity keys of the config file at path to out, then those of the
// files it includes, which therefore win over it. A missing file is skipped, as git skips it.
func readConfigFile(path, home string, out map[string]configValue, depth int) error {
	if depth > 10 {
		return fmt.Errorf("git config %s: includes nest too deep", path)
	}
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read git config %s: %w", path, err)
	}
	cfg := gitconfig.New()
	if err := gitconfig.NewDecoder(bytes.NewReader(data)).Decode(cfg); err != nil {
		return fmt.Errorf("git config %s cannot be read (%v): fix it, or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL", path, err)
	}
	source := "git config (" + path + ")"
	for _, key := range identityKeys {
		section, name, _ := strings.Cut(key, ".")
		if !cfg.HasSection(section) {
			continue
		}
		if s := cfg.Section(section); s.HasOption(name) {
			out[key] = configValue{s.Option(name), source}
		}
	}
	if !cfg.HasSection("include") {
		return nil
	}
	for _, inc := range cfg.Section("include").OptionAll("path") {
		if inc == "" {
			continue
		}
		switch {
		case inc == "~" || strings.HasPrefix(inc, "~/"):
			if home == "" {
				continue
			}
			inc = filepath.Join(home, inc[1:])
		case !filepath.IsAbs(inc):
			inc = filepath.Join(filepath.Dir(path), inc)
		}
		if err := readConfigFile(inc, home, out, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// envBool reads a boolean environment variable as git does.
func envBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// dateFromEnv reads GIT_AUTHOR_DATE or GIT_COMMITTER_DATE, or returns now when it is unset.
func dateFromEnv(getenv func(string) string, name string, now time.Time) (time.Time, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return now, nil
	}
	if t, ok := parseGitDate(v); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s=%q is not a date pystart can read: use \"@<unix seconds> +hhmm\" or RFC 3339 (2006-01-02T15:04:05+01:00)", name, v)
}

func parseGitDate(v string) (time.Time, bool) {
	// git's internal format: "<seconds> <+hhmm>", optionally with '@', the zone optional then.
	secs, zone, hasZone := strings.Cut(strings.TrimPrefix(v, "@"), " ")
	if n, err := strconv.ParseInt(secs, 10, 64); err == nil && (hasZone || strings.HasPrefix(v, "@")) {
		t := time.Unix(n, 0).UTC()
		if !hasZone {
			return t, true
		}
		z, err := time.Parse("-0700", strings.TrimSpace(zone))
		if err != nil {
			return time.Time{}, false
		}
		return t.In(z.Location()), true
	}
	for _, layout := range []string{
		time.RFC3339Nano,
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02T15:04:05 -0700",
		"2006-01-02T15:04:05-0700",
		time.RFC1123Z,
	} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
