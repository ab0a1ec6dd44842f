package model

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	module = "github.com/parkgraph/parkgraph/"
	driver = "github.com/neo4j/neo4j-go-driver/"
)

// TestTheLayersImportOnlyDownward checks the dependency direction of the top-level
// folders: model imports no project package; only neo4jdb imports the Neo4j driver;
// graph sees the store only through its Store interface (no neo4jdb); the loader never
// imports the GraphQL layer; nothing below the server imports it. Test files count too,
// except that neo4jdb's own tests may use the driver.
func TestTheLayersImportOnlyDownward(t *testing.T) {
	forbidden := map[string][]string{ // top-level folder -> import prefixes it may not use
		"model":   {module, driver},
		"graph":   {module + "neo4jdb", module + "seeds", module + "loader", module + "server", module + "bench", driver},
		"seeds":   {module + "neo4jdb", module + "graph", module + "loader", module + "server", module + "bench", driver},
		"loader":  {module + "graph", module + "server", module + "bench", driver},
		"neo4jdb": {module + "graph", module + "loader", module + "server", module + "bench"},
		"server":  {module + "loader", module + "bench", driver},
	}
	checked := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel("..", path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		rules, ok := forbidden[top]
		if !ok {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range rules {
				if strings.HasPrefix(p, bad) {
					t.Errorf("%s imports %s: %s/ may not depend on it", rel, p, top)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d Go files; is the walk rooted at the repository?", checked)
	}
}
