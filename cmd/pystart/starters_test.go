package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/pystart/pystart/generator/recommend"
)

// TestStartersFollowTheRecommender keeps the built-in starters and the recommender in step: a
// starter folder is named after a use case the recommender knows, and it turns on (implies or
// requires) every extension the recommender suggests for that use case on its framework, so
// `--use-case ID --yes` and `--framework F --use-case ID --yes` make the same project.
func TestStartersFollowTheRecommender(t *testing.T) {
	cat, err := (&Factory{}).Catalog()
	if err != nil {
		t.Fatal(err)
	}
	var useCases []string
	for _, uc := range recommend.UseCases() {
		useCases = append(useCases, uc.ID)
	}
	for _, fw := range cat.IDs() {
		b := cat.Blueprint(fw)
		for _, id := range b.StarterIDs() {
			t.Run(b.ID+"/"+id, func(t *testing.T) {
				if !slices.Contains(useCases, id) {
					t.Fatalf("blueprints/%s/starters/%s: no use case %q (have: %s)", b.ID, id, id, strings.Join(useCases, ", "))
				}
				rec, err := recommend.Recommend(recommend.Input{UseCase: id})
				if err != nil {
					t.Fatal(err)
				}
				if rec.Framework != b.ID {
					t.Skipf("the recommender picks %s for %s: its suggestions are for %s", rec.Framework, id, rec.Framework)
				}
				s := b.Starter(id)
				turnedOn := slices.Concat(s.Implies, s.Requires)
				for _, ext := range rec.Extensions {
					if b.Extension(ext) == nil {
						t.Logf("suggested extension %s is not in the %s catalog yet", ext, b.ID)
						continue
					}
					if !slices.ContainsFunc(turnedOn, func(ref string) bool { return slices.Contains(strings.Split(ref, "|"), ext) }) {
						t.Errorf("blueprints/%s/starters/%s/starter.yaml: the recommender suggests %s for %s; add it to implies (or requires)", b.ID, id, ext, id)
					}
				}
			})
		}
	}
}

// TestHybridFollowsTheRecommender: the side services the recommender knows are the hybrid's,
// each turning on the Flask extensions the recommender lists for it, and the main application
// always has the extensions the recommender suggests for the hybrid's main app.
func TestHybridFollowsTheRecommender(t *testing.T) {
	cat, err := (&Factory{}).Catalog()
	if err != nil {
		t.Fatal(err)
	}
	h := cat.Blueprint("hybrid").Hybrid
	var ids []string
	for _, s := range recommend.Services() {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, h.ServiceIDs()) {
		t.Fatalf("recommender services %v, hybrid services %v", ids, h.ServiceIDs())
	}
	rec, err := recommend.Recommend(recommend.Input{Admin: true, Services: ids})
	if err != nil {
		t.Fatal(err)
	}
	flask := cat.Blueprint(h.Services.Blueprint)
	for _, id := range ids {
		s := h.Service(id)
		on := slices.Clone(s.With)
		if st := flask.Starter(s.Starter); st != nil {
			on = append(on, st.Implies...)
		}
		for _, ext := range rec.ServiceExtensions[id] {
			if !slices.Contains(on, ext) {
				t.Errorf("blueprints/hybrid/services/%s: the recommender suggests %s; add it to with", id, ext)
			}
		}
	}
	if rec.Framework != "hybrid" {
		t.Fatalf("recommendation %s, want hybrid", rec.Framework)
	}
	for _, ext := range h.Main.Extensions {
		if !slices.Contains(rec.Extensions, ext) {
			t.Errorf("the hybrid's main application always has %s, but the recommender does not suggest it", ext)
		}
	}
}
