package model

import "testing"

func TestFactsConflictOnlyWhereTheirPeriodsMeet(t *testing.T) {
	s := func(v string) *string { return &v }
	now73 := &Fact{Property: "areaKm2", Value: "73", ValidFrom: s("2010-10")}
	past70 := &Fact{Property: "areaKm2", Value: "70", ValidFrom: s("2007-12"), ValidTo: s("2010-06")}
	undated70 := &Fact{Property: "areaKm2", Value: "70"}
	other := &Fact{Property: "designation", Value: "a"}
	other2 := &Fact{Property: "designation", Value: "b"}
	for _, c := range []struct {
		a, b *Fact
		want bool
	}{
		{now73, past70, false},     // a past period's value does not contradict the current one
		{now73, undated70, true},   // an undated value holds at every date
		{past70, undated70, false}, // the same value
		{other, other2, false},     // several designations are no disagreement
		{now73, now73, false},
	} {
		if got := FactsConflict(c.a, c.b); got != c.want {
			t.Errorf("FactsConflict(%s %v, %s %v) = %v", c.a.Value, PeriodOf(c.a), c.b.Value, PeriodOf(c.b), got)
		}
	}
	got := LinkConflicts([]*Fact{past70, undated70, now73, other, other2})
	if len(got) != 2 || got[0] != undated70 || got[1] != now73 {
		t.Fatalf("conflicting: %v", got)
	}
	if len(now73.ConflictsWith) != 1 || now73.ConflictsWith[0] != undated70 || len(past70.ConflictsWith) != 0 {
		t.Errorf("73 conflicts with %v, 70 of 2007-2010 with %v", now73.ConflictsWith, past70.ConflictsWith)
	}
}
