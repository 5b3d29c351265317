package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pystart/pystart/generator"
)

// printTree prints sorted file paths as an indented tree, folders first at each level, the way
// `tree` shows a project.
func printTree(w io.Writer, files []generator.File) {
	type node struct {
		name     string
		children map[string]*node
		order    []string
	}
	root := &node{children: map[string]*node{}}
	for _, f := range files {
		n := root
		for _, part := range strings.Split(f.Path, "/") {
			child, ok := n.children[part]
			if !ok {
				child = &node{name: part, children: map[string]*node{}}
				n.children[part] = child
				n.order = append(n.order, part)
			}
			n = child
		}
	}
	var walk func(n *node, prefix string)
	walk = func(n *node, prefix string) {
		var dirs, leaves []*node
		for _, name := range n.order {
			if c := n.children[name]; len(c.children) > 0 {
				dirs = append(dirs, c)
			} else {
				leaves = append(leaves, c)
			}
		}
		all := append(dirs, leaves...)
		for i, c := range all {
			branch, next := "├── ", "│   "
			if i == len(all)-1 {
				branch, next = "└── ", "    "
			}
			if len(c.children) > 0 {
				fmt.Fprintf(w, "%s%s%s/\n", prefix, branch, c.name)
				walk(c, prefix+next)
			} else {
				fmt.Fprintf(w, "%s%s%s\n", prefix, branch, c.name)
			}
		}
	}
	walk(root, "")
}

func byteSize(files []generator.File) string {
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	if total < 1024 {
		return fmt.Sprintf("%d B", total)
	}
	return fmt.Sprintf("%.1f KiB", float64(total)/1024)
}
