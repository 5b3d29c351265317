package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// manPageDate is the date the man pages' header shows. cobra/doc writes today's when given
// none, so two builds of one commit made different archives; this is the first known of:
// SOURCE_DATE_EPOCH (reproducible-builds.org; distribution packagers set it), the build date
// (injected at link time, or the commit time Go records), the checkout's commit date (what the
// release build has: goreleaser runs the docs command with go run, which records neither), and
// only then today. In UTC, so the month does not depend on where it is built.
func manPageDate(getenv func(string) string, buildDate string, commitDate func() (string, error), now func() time.Time) (time.Time, error) {
	if v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH")); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want Unix seconds", v)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, buildDate); err == nil && t.Year() > 1 {
		return t.UTC(), nil
	}
	if s, err := commitDate(); err == nil {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(s)); err == nil {
			return t.UTC(), nil
		}
	}
	return now().UTC(), nil
}
