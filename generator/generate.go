package generator

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pystart/pystart/generator/gitrepo"
)

// GitMode says whether Generate makes the project a git repository.
type GitMode int

const (
	GitAuto  GitMode = iota // init, unless the target is inside another work tree
	GitForce                // init even inside another work tree (--git)
	GitOff                  // no repository (--no-git)
)

// Request is one generation: resolved answers plus where and how to write them.
type Request struct {
	Plan    *Plan
	Dir     string // target folder
	Git     GitMode
	Version string // pystart's version, for .pystart.yaml and the commit message
	Getenv  func(string) string
	Now     func() time.Time
	Rand    io.Reader // secrets; crypto/rand when nil
}

// Result says what Generate did, for the CLI to report.
type Result struct {
	Files     []File
	Commit    string // empty when no repository was made
	Identity  gitrepo.Identity
	GitNote   string // why git was skipped, when it was
	NextSteps []Step
}

// AnswersFile is where a generated project records how it was made, for `--answers` replays.
const AnswersFileName = ".pystart.yaml"

// Build renders a plan into the complete file set, .pystart.yaml included, with fresh secrets.
func Build(req Request) ([]File, error) {
	r := req.Rand
	if r == nil {
		r = rand.Reader
	}
	secrets, err := sharedSecrets(req.Plan.Env(), r)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if req.Now != nil {
		now = req.Now
	}
	opts := RenderOptions{Secrets: secrets, Version: req.Version, Year: now().Year()}
	files, err := Render(req.Plan, opts)
	if err != nil {
		return nil, err
	}
	if len(req.Plan.Parts) > 0 {
		parts, err := renderParts(req.Plan, opts, r)
		if err != nil {
			return nil, err
		}
		files = append(files, parts...)
		if dup := sortByPath(files); dup != "" {
			return nil, fmt.Errorf("%s: written by the %s blueprint and by one of its parts", dup, req.Plan.Blueprint.ID)
		}
	}
	record, err := MarshalAnswers(req.Plan.Answers, req.Version)
	if err != nil {
		return nil, err
	}
	return insertFile(files, File{Path: AnswersFileName, Data: record, Mode: 0o644}), nil
}

// Generate renders the plan and writes it atomically into req.Dir, with its first commit made in
// the staging folder, so the project appears complete or not at all.
func Generate(ctx context.Context, req Request) (*Result, error) {
	if err := CheckTarget(req.Dir); err != nil {
		return nil, err
	}
	files, err := Build(req)
	if err != nil {
		return nil, err
	}
	res := &Result{Files: files}
	git := req.Git
	if git == GitAuto {
		abs, err := filepath.Abs(req.Dir)
		if err != nil {
			return nil, err
		}
		if inside, root := gitrepo.InsideWorkTree(filepath.Dir(abs)); inside {
			git = GitOff
			res.GitNote = fmt.Sprintf("%s is inside the git work tree %s: no repository was made (pass --git to make one anyway)", req.Dir, root)
		}
	}
	var finish func(string) error
	if git != GitOff {
		now := time.Now
		if req.Now != nil {
			now = req.Now
		}
		id, err := gitrepo.ResolveIdentity(req.Getenv, now())
		if err != nil {
			return nil, err
		}
		res.Identity = id
		gfiles := make([]gitrepo.File, len(files))
		for i, f := range files {
			gfiles[i] = gitrepo.File{Path: f.Path, Data: f.Data, Executable: f.Mode&0o111 != 0}
		}
		// The commit needs only the files' bytes, so it is built (blobs hashed, trees, pack)
		// on another core while Write creates the files, which is system calls on this one;
		// finish waits for it and writes .git. The channel is buffered: when Write fails
		// before finish, the goroutine still ends.
		type built struct {
			commit *gitrepo.Commit
			err    error
		}
		commit := make(chan built, 1)
		go func() {
			c, err := gitrepo.NewCommit(gfiles, gitrepo.CommitOptions{
				Branch: "main", Message: CommitMessage(req.Plan, req.Version), Identity: id,
			})
			commit <- built{c, err}
		}()
		finish = func(dir string) error {
			b := <-commit
			if b.err != nil {
				return fmt.Errorf("git: %w", b.err)
			}
			if err := b.commit.Write(ctx, dir); err != nil {
				return fmt.Errorf("git: %w", err)
			}
			res.Commit = b.commit.Hash.String()
			return nil
		}
	}
	if err := Write(ctx, req.Dir, files, finish); err != nil {
		return nil, err
	}
	if res.NextSteps, err = NextSteps(req.Plan); err != nil {
		return nil, err
	}
	return res, nil
}

// CommitMessage names pystart's version, the framework and the extensions, so `git log` says
// how the project started.
func CommitMessage(p *Plan, version string) string {
	msg := fmt.Sprintf("Start %s from pystart %s\n\nframework: %s\ndatabase: %s\n", p.Project.Name, version, p.Blueprint.ID, p.Answers.Database)
	if ids := p.ExtensionIDs(); len(ids) > 0 {
		msg += "extensions: " + strings.Join(ids, ", ") + "\n"
	} else {
		msg += "extensions: none\n"
	}
	if ids := p.ServiceIDs(); len(ids) > 0 {
		msg += "services: " + strings.Join(ids, ", ") + "\n"
	}
	return msg
}

// MarshalAnswers renders .pystart.yaml: the answers, and which pystart wrote them.
func MarshalAnswers(a Answers, version string) ([]byte, error) {
	if a.Extensions == nil {
		a.Extensions = []string{}
	}
	out, err := yaml.Marshal(AnswersRecord{Pystart: version, Answers: a})
	if err != nil {
		return nil, err
	}
	return append([]byte("# How this project was generated; replay with: pystart new NAME --answers .pystart.yaml\n"), out...), nil
}

const secretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// NewSecrets draws a value for every secret variable. The 64-letter alphabet maps a random byte's
// low six bits without bias and needs no quoting in a .env file.
func NewSecrets(vars []EnvVar, r io.Reader) (map[string]string, error) {
	secrets := map[string]string{}
	for _, v := range vars {
		if v.Secret == 0 {
			continue
		}
		buf := make([]byte, v.Secret)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, fmt.Errorf("generate %s: %w", v.Name, err)
		}
		for i, b := range buf {
			buf[i] = secretAlphabet[b&63]
		}
		secrets[v.Name] = string(buf)
	}
	return secrets, nil
}

// sortByPath sorts files by path and returns a path that two of them share, or "".
func sortByPath(files []File) string {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return files[i].Path
		}
	}
	return ""
}

func insertFile(files []File, f File) []File {
	i := 0
	for i < len(files) && files[i].Path < f.Path {
		i++
	}
	return append(files[:i], append([]File{f}, files[i:]...)...)
}
