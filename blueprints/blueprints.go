// Package blueprints holds pystart's built-in blueprints: one folder per framework, each with a
// blueprint.yaml manifest, a files/ tree and an extensions/ folder of overlays, plus common/ for
// files every framework shares.
//
// The data is embedded so generation needs no network and no install step; it is exposed as an
// fs.FS so tests (fstest.MapFS) and a platform team's blueprints on disk take the same code path.
package blueprints

import (
	"embed"
	"io/fs"
)

// all: keeps dotfiles (.gitignore, .env.example, .github/) and _-prefixed files in the embed.
//
//go:embed all:common all:flask all:django all:hybrid
var embedded embed.FS

// FS returns the built-in blueprints, rooted so that "flask/blueprint.yaml" is a valid path.
func FS() fs.FS { return embedded }
