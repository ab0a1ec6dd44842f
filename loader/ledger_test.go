package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/seeds"
)

func TestANewDocumentIsListedSentenceBySentenceWithTheEntitiesItNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, seeds.FS); err != nil {
		t.Fatal(err)
	}
	text := "Fuling News\n\nThe Fuling District opened a biotechnology centre. Visitors came.\n"
	if err := os.WriteFile(filepath.Join(dir, "documents", "005_new.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join(dir, "documents.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	meta = append(meta, "\n  - id: doc-005\n    file: \"005_new.txt\"\n    title: \"Fuling News\"\n"...)
	if err := os.WriteFile(filepath.Join(dir, "documents.yaml"), meta, 0o644); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	err = run(context.Background(), []string{"-dry-run", "-dir", dir}, func(string) string { return "" }, &out)
	var ps seeds.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("run = %v, want the sentences to curate as problems", err)
	}
	if !strings.Contains(out.String(), "doc-005: 3 sentences, 0 cited, 0 excused, 3 unaccounted") {
		t.Errorf("coverage lines:\n%s\nwant doc-005 with 3 sentences unaccounted", out.String())
	}
	want := []struct {
		line     int
		sentence string
		names    string
	}{
		{1, `"Fuling News"`, "; it names fuling-district"},
		{3, `"The Fuling District opened a biotechnology centre."`, "; it names fuling-district, biotechnology"},
		{3, `"Visitors came."`, ""},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	for i, w := range want {
		p := ps[i]
		if p.File != "documents/005_new.txt" || p.Line != w.line || !strings.HasSuffix(p.Msg, w.sentence+w.names) {
			t.Errorf("problem %d = %s, want line %d ending %s%s", i, p, w.line, w.sentence, w.names)
		}
	}
}
