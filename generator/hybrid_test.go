package generator_test

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
	"testing"

	"github.com/pystart/pystart/generator"
)

func hybridAnswers(services ...string) generator.Answers {
	return generator.Answers{Name: "shop", Framework: "hybrid", Services: services}
}

func TestHybridResolve(t *testing.T) {
	c := loadBuiltin(t)
	p, err := generator.Resolve(c, hybridAnswers("webhooks", "ml-inference", "webhooks"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.ServiceIDs(); !slices.Equal(got, []string{"ml-inference", "webhooks"}) {
		t.Errorf("services = %v, want sorted and without repeats", got)
	}
	if p.Answers.Database != "postgres" {
		t.Errorf("database = %q, want the hybrid's default, postgres", p.Answers.Database)
	}
	for _, id := range []string{"drf", "jwt", "redis-cache"} {
		if !p.Has(id) {
			t.Errorf("the main application lacks %s, which the hybrid always turns on", id)
		}
	}
	dirs := []string{}
	for _, part := range p.Parts {
		dirs = append(dirs, part.Dir+":"+part.Plan.Blueprint.ID+":"+part.Plan.Project.Package)
	}
	want := []string{"services/web:django:shop", "services/ml-inference:flask:ml_inference", "services/webhooks:flask:webhooks"}
	if !slices.Equal(dirs, want) {
		t.Errorf("parts = %v, want %v", dirs, want)
	}
	if p.Parts[1].Plan.Starter == nil || p.Parts[1].Plan.Starter.ID != "ml-serving" {
		t.Error("ml-inference is not built on the Flask ml-serving starter")
	}
}

func TestHybridRefusals(t *testing.T) {
	c := loadBuiltin(t)
	for _, tc := range []struct {
		name string
		a    generator.Answers
		want string
	}{
		{"no service", hybridAnswers(), "the hybrid needs at least one side service: add --service image-processing, ml-inference or webhooks"},
		{"unknown service", hybridAnswers("mailer"), `unknown service "mailer": choose image-processing, ml-inference or webhooks`},
		{"sqlite", generator.Answers{Name: "shop", Framework: "hybrid", Services: []string{"webhooks"}, Database: "sqlite"}, `unknown database "sqlite" for hybrid: choose postgres`},
		{"without jwt", generator.Answers{Name: "shop", Framework: "hybrid", Services: []string{"webhooks"}, Without: []string{"jwt"}}, "always has drf, jwt and redis-cache"},
		{"flask extension", generator.Answers{Name: "shop", Framework: "hybrid", Services: []string{"webhooks"}, Extensions: []string{"login"}}, `unknown extension "login" for django`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := generator.Resolve(c, tc.a)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestHybridSecrets: one key pair per project, the private half only in the main application's
// .env, the public half in every service's, and the internal credential shared with webhooks.
func TestHybridSecrets(t *testing.T) {
	c := loadBuiltin(t)
	p, err := generator.Resolve(c, hybridAnswers("ml-inference", "webhooks", "image-processing"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Build(generator.Request{Plan: p, Version: "test", Rand: rand.Reader})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]map[string]string{}
	for _, f := range files {
		if strings.Contains(string(f.Data), "BEGIN PRIVATE KEY") && f.Path != "services/web/.env" {
			t.Errorf("%s holds the private key: only services/web/.env may", f.Path)
		}
		if dir, ok := strings.CutSuffix(f.Path, "/.env"); ok {
			env[dir] = parseEnv(f.Data)
		}
		if f.Path == ".env" {
			t.Errorf("%s: the hybrid keeps its .env files in the services", f.Path)
		}
	}
	web := env["services/web"]
	private := parsePEM(t, web["JWT_PRIVATE_KEY"])
	key, err := x509.ParsePKCS8PrivateKey(private)
	if err != nil {
		t.Fatalf("JWT_PRIVATE_KEY: %v", err)
	}
	ec, ok := key.(*ecdsa.PrivateKey)
	if !ok || ec.Curve.Params().Name != "P-256" {
		t.Fatalf("JWT_PRIVATE_KEY is %T, want a P-256 key for ES256", key)
	}
	want, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"services/web", "services/ml-inference", "services/webhooks", "services/image-processing"} {
		if got := parsePEM(t, env[dir]["JWT_PUBLIC_KEY"]); !bytes.Equal(got, want) {
			t.Errorf("%s/.env: JWT_PUBLIC_KEY is not the public half of the main application's key", dir)
		}
	}
	if token := web["INTERNAL_API_TOKEN"]; len(token) != 48 || env["services/webhooks"]["INTERNAL_API_TOKEN"] != token {
		t.Errorf("INTERNAL_API_TOKEN: web %q, webhooks %q: want the same 48 characters", token, env["services/webhooks"]["INTERNAL_API_TOKEN"])
	}
	if web["DJANGO_SECRET_KEY"] == env["services/webhooks"]["SECRET_KEY"] {
		t.Error("the services share a SECRET_KEY: only the declared shared secrets may be the same")
	}
}

// TestKeyPairFromReader: the key pair comes from the request's reader, so a seeded build
// (golden files, reproducible tests) is the same every time.
func TestKeyPairFromReader(t *testing.T) {
	c := loadBuiltin(t)
	p, err := generator.Resolve(c, hybridAnswers("webhooks"))
	if err != nil {
		t.Fatal(err)
	}
	build := func() []byte {
		files, err := generator.Build(generator.Request{Plan: p, Version: "test", Rand: fixedSecrets{}})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(files, func(f generator.File) bool { return f.Path == "services/web/.env" })
		return files[i].Data
	}
	if a, b := build(), build(); !bytes.Equal(a, b) {
		t.Error("two builds from the same reader differ")
	}
	// Bytes 0..31 are a valid P-256 scalar; the public key must be that scalar's.
	scalar := make([]byte, 32)
	fixedSecrets{}.Read(scalar)
	k, err := ecdh.P256().NewPrivateKey(scalar)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := x509.MarshalPKIXPublicKey(k.PublicKey())
	if got := parsePEM(t, parseEnv(build())["JWT_PUBLIC_KEY"]); !bytes.Equal(got, pub) {
		t.Error("JWT_PUBLIC_KEY is not derived from the reader's bytes")
	}
}

func parseEnv(data []byte) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if name, value, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(name, "#") {
			env[name] = value
		}
	}
	return env
}

// parsePEM reads a .env value the way python-dotenv does: double quotes, \n escapes.
func parsePEM(t *testing.T, value string) []byte {
	t.Helper()
	unquoted, ok := strings.CutPrefix(value, `"`)
	if !ok || !strings.HasSuffix(unquoted, `"`) || strings.Contains(value, "\n") {
		t.Fatalf("%q: want one double-quoted line", value)
	}
	block, rest := pem.Decode([]byte(strings.ReplaceAll(strings.TrimSuffix(unquoted, `"`), `\n`, "\n")))
	if block == nil || len(bytes.TrimSpace(rest)) > 0 {
		t.Fatalf("%q: not one PEM block", value)
	}
	return block.Bytes
}
