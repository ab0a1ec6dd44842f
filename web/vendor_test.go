package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// pins is web/vendor.json, the packages and files asked for.
type pins struct {
	Packages []struct {
		Name    string   `json:"name"`
		Version string   `json:"version"`
		Files   []string `json:"files"`
	} `json:"packages"`
}

// manifest is web/vendor/manifest.json, what vendor.mjs took from npm.
type manifest struct {
	Packages []struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		Integrity string `json:"integrity"`
		License   string `json:"license"`
		Files     []struct {
			Path   string `json:"path"`
			Size   int    `json:"size"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	} `json:"packages"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// Every vendored file is the one vendor.mjs recorded (sha256 and size), of the package and
// exact version vendor.json pins, with the registry's sha512 integrity of its tarball;
// web/vendor holds nothing else. A file edited by hand, or a pin changed without running
// node web/vendor.mjs, fails here.
func TestVendoredFilesAreTheRecordedNpmFiles(t *testing.T) {
	var p pins
	var m manifest
	readJSON(t, "vendor.json", &p)
	readJSON(t, "vendor/manifest.json", &m)
	if len(p.Packages) != len(m.Packages) {
		t.Fatalf("vendor.json pins %d packages, the manifest records %d: run node web/vendor.mjs", len(p.Packages), len(m.Packages))
	}
	exact := regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	recorded := map[string]bool{"vendor/manifest.json": true}
	for i, pin := range p.Packages {
		got := m.Packages[i]
		if got.Name != pin.Name || got.Version != pin.Version {
			t.Errorf("package %d: manifest has %s@%s, vendor.json pins %s@%s: run node web/vendor.mjs", i, got.Name, got.Version, pin.Name, pin.Version)
			continue
		}
		if !exact.MatchString(pin.Version) {
			t.Errorf("%s: version %q is not an exact version", pin.Name, pin.Version)
		}
		if raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(got.Integrity, "sha512-")); err != nil || len(raw) != 64 || !strings.HasPrefix(got.Integrity, "sha512-") {
			t.Errorf("%s@%s: integrity %q is not an npm sha512 integrity", got.Name, got.Version, got.Integrity)
		}
		if got.License == "" {
			t.Errorf("%s@%s: no license recorded", got.Name, got.Version)
		}
		if len(got.Files) != len(pin.Files) {
			t.Errorf("%s@%s: manifest records %d files, vendor.json asks for %d", got.Name, got.Version, len(got.Files), len(pin.Files))
			continue
		}
		for j, f := range got.Files {
			if want := pin.Name + "/" + pin.Files[j]; f.Path != want {
				t.Errorf("%s@%s: file %d is %s, want %s", got.Name, got.Version, j, f.Path, want)
			}
			name := "vendor/" + f.Path
			recorded[name] = true
			b, err := files.ReadFile(name) // the embedded file is the one served
			if err != nil {
				t.Errorf("%s@%s: %v", got.Name, got.Version, err)
				continue
			}
			sum := sha256.Sum256(b)
			if hex.EncodeToString(sum[:]) != f.SHA256 || len(b) != f.Size {
				t.Errorf("%s is not the file of %s@%s (sha256 %x, %d bytes; recorded %s, %d bytes)", name, got.Name, got.Version, sum, len(b), f.SHA256, f.Size)
			}
		}
	}
	err := fs.WalkDir(os.DirFS("."), "vendor", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !recorded[p] {
			t.Errorf("%s is in web/vendor but not in the manifest", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// No page or script of ours names another host: every src, href, url(), import and
// fetch is a path on this server.
func TestOurPagesReferNoOtherHost(t *testing.T) {
	foreign := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|(import|fetch)\s*\(?\s*["'](https?:)?//|from\s+["'](https?:)?//|@import`)
	var names []string
	err := fs.WalkDir(files, "pages", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no pages embedded")
	}
	for _, name := range names {
		b, _ := files.ReadFile(name)
		for i, line := range strings.Split(string(b), "\n") {
			if foreign.MatchString(line) {
				t.Errorf("%s:%d refers to another host: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// The vendored style sheets load nothing: their fonts and icons are data: URLs.
func TestVendoredStyleSheetsLoadNothingFromElsewhere(t *testing.T) {
	ref := regexp.MustCompile(`url\(\s*["']?([^)"']*)|@import[^;]*`)
	err := fs.WalkDir(files, "vendor", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".css") {
			return err
		}
		b, _ := files.ReadFile(p)
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			if strings.HasPrefix(m[0], "@import") || !strings.HasPrefix(m[1], "data:") && !strings.HasPrefix(m[1], "#") {
				t.Errorf("%s loads %q", p, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
