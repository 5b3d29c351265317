package blueprints

import (
	"io/fs"
	"path"
	"testing"
)

// A .gitignore inside the blueprint tree would make git skip the blueprint's own .env templates
// in pystart's repository (a clean clone would then render no .env): it must be _gitignore.
func TestNoGitignoreInBlueprints(t *testing.T) {
	fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if path.Base(p) == ".gitignore" {
			t.Errorf("%s: name it _gitignore; pystart writes it as .gitignore", p)
		}
		return nil
	})
}
