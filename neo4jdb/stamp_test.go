package neo4jdb

import "testing"

func TestTheDigestChangesWithAnyValueAndOnlyThen(t *testing.T) {
	digest := func(rows ...map[string]any) string {
		for _, r := range rows {
			if r["props"] == nil {
				r["props"] = map[string]any{}
			}
		}
		return stamp([]statement{{cypher: "UNWIND $rows AS row CREATE (n:X {{props}})", rows: rows}})
	}
	row := func(props map[string]any) map[string]any { return map[string]any{"id": "a", "props": props} }
	base := digest(row(map[string]any{"name": "Fuling", "aliases": []string{"a", "b"}, "count": 3, "share": 0.5}))
	if again := digest(row(map[string]any{"share": 0.5, "count": 3, "aliases": []string{"a", "b"}, "name": "Fuling"})); again != base {
		t.Errorf("the same rows, keys in another order: %s, want %s", again, base)
	}
	for name, props := range map[string]map[string]any{
		"another name":          {"name": "Fulin", "aliases": []string{"a", "b"}, "count": 3, "share": 0.5},
		"aliases joined":        {"name": "Fuling", "aliases": []string{"ab"}, "count": 3, "share": 0.5},
		"a count as text":       {"name": "Fuling", "aliases": []string{"a", "b"}, "count": "3", "share": 0.5},
		"another share":         {"name": "Fuling", "aliases": []string{"a", "b"}, "count": 3, "share": 0.25},
		"a property more":       {"name": "Fuling", "aliases": []string{"a", "b"}, "count": 3, "share": 0.5, "x": nil},
		"a key and value moved": {"nam": "eFuling", "aliases": []string{"a", "b"}, "count": 3, "share": 0.5},
	} {
		if d := digest(row(props)); d == base {
			t.Errorf("%s: the digest did not change (%s)", name, d)
		}
	}
	if two := digest(row(map[string]any{"name": "Fuling"}), row(map[string]any{"name": "Fuling"})); two == digest(row(map[string]any{"name": "Fuling"})) {
		t.Error("a row more: the digest did not change")
	}
}
