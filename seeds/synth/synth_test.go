package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/parkgraph/parkgraph/seeds"
)

func TestASyntheticDatasetIsValidAndDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	counts, err := Write(a, 1000, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, 1000, 7); err != nil {
		t.Fatal(err)
	}
	ds, err := seeds.Load(os.DirFS(a))
	if err != nil {
		t.Fatal(err)
	}
	curated := 0
	for _, r := range ds.Relations {
		if r.Type != "TARGETS_INVESTORS_FROM" {
			curated++
		}
	}
	if curated != counts.Relations || len(ds.Entities) != counts.Entities || len(ds.Documents) != counts.Documents {
		t.Errorf("loaded %d relations, %d entities, %d documents; wrote %+v", curated, len(ds.Entities), len(ds.Documents), counts)
	}
	if counts.Relations < 800 || counts.Relations > 1200 {
		t.Errorf("asked for about 1000 relations, wrote %d", counts.Relations)
	}
	err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
