package neo4jdb

import (
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

func TestResolveQueryOnlyNamedFilters(t *testing.T) {
	if q, _ := resolveQuery(model.EntityFilter{Type: model.EntityTypePark, Region: "Chongqing", Industry: "biotech"}); q != "" {
		t.Errorf("a filter naming no single entity needs no read, got %q", q)
	}
	_, params := resolveQuery(model.EntityFilter{Type: model.EntityTypeCompany, HostedIn: " High-Tech Zone ", District: "Fuling"})
	names := params["names"].([]any)
	if len(names) != 2 {
		t.Fatalf("want one name per filter, got %v", names)
	}
	if got := names[1].(map[string]any); got["filter"] != "hostedIn" || got["key"] != "high-tech zone" {
		t.Errorf("hostedIn: got %v", got)
	}
}

func TestApplyResolved(t *testing.T) {
	f := model.EntityFilter{Type: model.EntityTypePark, Zone: "High-tech Zone", District: "FULING-DISTRICT", Company: "nobody"}
	got, err := applyResolved(f, map[string][][2]string{
		"zone":     {{"chongqing-high-tech-zone", "Chongqing High-tech Zone"}},
		"district": {{"fuling-district", "Fuling District"}, {"fuling-x", "Fuling-District"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Zone != "chongqing-high-tech-zone" || got.District != "fuling-district" || got.Company != "nobody" {
		t.Errorf("got zone %q, district %q, company %q", got.Zone, got.District, got.Company)
	}

	_, err = applyResolved(model.EntityFilter{Type: model.EntityTypeEvent, Participant: "Chongqing"}, map[string][][2]string{
		"participant": {{"chongqing-municipality", "Chongqing"}, {"chongqing-municipal-government", "Chongqing Municipal Government"}},
	})
	if model.ErrorCode(err) != model.CodeInvalid {
		t.Fatalf("an ambiguous name: want INVALID, got %v", err)
	}
	for _, want := range []string{"participant", `"Chongqing"`, "chongqing-municipal-government (Chongqing Municipal Government)", "chongqing-municipality (Chongqing)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}
