package model

import "testing"

func TestAPeriodHoldsAtTheDatesItsBoundsInclude(t *testing.T) {
	threeZones := Period{ValidFrom: "2007-12", ValidTo: "2010-06"}
	cases := []struct {
		p    Period
		asOf string
		want bool
	}{
		{threeZones, "2009", true},
		{threeZones, "2007", true},        // the end of 2007 is in 2007
		{threeZones, "2007-11", false},    // before it began
		{threeZones, "2010", true},        // it ended in 2010
		{threeZones, "2010-06-30", true},  // "2010-06" includes every day of June
		{threeZones, "2010-07", false},    // after it ended
		{threeZones, "2011-01-01", false}, //
		{Period{ValidFrom: "2010-10"}, "2024-05-01", true},
		{Period{ValidFrom: "2010-10"}, "2009", false},
		{Period{ValidTo: "1999"}, "1999-12-31", true},
		{Period{}, "1800", true},
	}
	for _, c := range cases {
		if got := c.p.HoldsAt(c.asOf); got != c.want {
			t.Errorf("%+v.HoldsAt(%q) = %v, want %v", c.p, c.asOf, got, c.want)
		}
	}
}

func TestAnEndBeforeTheStartIsToldFromAnEndThatIncludesIt(t *testing.T) {
	for p, want := range map[Period]bool{
		{ValidFrom: "2010-06", ValidTo: "2009"}:          true,
		{ValidFrom: "2010-06-15", ValidTo: "2010-06-14"}: true,
		{ValidFrom: "2010-06", ValidTo: "2010"}:          false, // 2010 includes June
		{ValidFrom: "2010-06-15", ValidTo: "2010-06"}:    false,
		{ValidFrom: "2007-12", ValidTo: "2010-06"}:       false,
		{ValidFrom: "2010"}:                              false,
	} {
		if got := p.EndsBeforeItStarts(); got != want {
			t.Errorf("%+v.EndsBeforeItStarts() = %v, want %v", p, got, want)
		}
	}
}

func TestPeriodsMeetAndSpan(t *testing.T) {
	a := Period{ValidFrom: "2007-12", ValidTo: "2010"}
	b := Period{ValidFrom: "2007", ValidTo: "2010-06"}
	if got, ok := a.Within(b); !ok || got != (Period{ValidFrom: "2007-12", ValidTo: "2010-06"}) {
		t.Errorf("Within = %+v, %v", got, ok)
	}
	if _, ok := (Period{ValidTo: "2005"}).Within(Period{ValidFrom: "2006"}); ok {
		t.Error("periods that do not meet have a common period")
	}
	if got, ok := (Period{}).Within(a); !ok || got != a {
		t.Errorf("the always period within %+v = %+v", a, got)
	}
	if got := a.Spanning(b); got != (Period{ValidFrom: "2007", ValidTo: "2010"}) {
		t.Errorf("Spanning = %+v", got)
	}
	if got := a.Spanning(Period{}); got != (Period{}) {
		t.Errorf("spanning an open period = %+v, want open", got)
	}
}

func TestIsDateRefusesDatesThatDoNotExist(t *testing.T) {
	for s, want := range map[string]bool{
		"2009": true, "2010-06": true, "2024-02-29": true, "2023-02-29": false, "2010-13": false,
		"2010-00": false, "2010-6": false, "10-06-2010": false, "": false, "2010-06-31": false, "now": false,
	} {
		if got := IsDate(s); got != want {
			t.Errorf("IsDate(%q) = %v, want %v", s, got, want)
		}
	}
}
