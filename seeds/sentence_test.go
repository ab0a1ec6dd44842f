package seeds

import (
	"reflect"
	"testing"
)

func TestSentencesAreCutAtStopsThatEndASentenceOnly(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"a stop followed by a capital cuts", "The zone opened. It targets biotech.",
			[]string{"The zone opened.", "It targets biotech."}},
		{"every line is a sentence of its own, with or without a stop", "A Title\n\nBy YAN DENG|Mar 12,2023\nThe zone opened.",
			[]string{"A Title", "By YAN DENG|Mar 12,2023", "The zone opened."}},
		{"figures do not cut", "The area grew 1.5 times to 2.0 square kilometers. Then it stopped.",
			[]string{"The area grew 1.5 times to 2.0 square kilometers.", "Then it stopped."}},
		{"a name with pluses and a quoted name stay whole", `It formed a “1+2+7+9” open platform system. Next.`,
			[]string{`It formed a “1+2+7+9” open platform system.`, "Next."}},
		{"abbreviations do not cut", "ASUS Co. Ltd. settled in No. 5 Road on Mar. 9. Dr. Chen spoke.",
			[]string{"ASUS Co. Ltd. settled in No. 5 Road on Mar. 9.", "Dr. Chen spoke."}},
		{"a lower-case word after a stop does not cut", "It covers services, etc. and more. Done.",
			[]string{"It covers services, etc. and more.", "Done."}},
		{"etc. before a capital ends the sentence", "Resources, foundations, etc. The focus is Chengdu.",
			[]string{"Resources, foundations, etc.", "The focus is Chengdu."}},
		{"closing quotes stay with their sentence", `He said “it works.” Then he left. Was it “ready”? Yes!`,
			[]string{`He said “it works.”`, "Then he left.", `Was it “ready”?`, "Yes!"}},
		{"a stop before an opening bracket or quote cuts", `It opened. (It grew.) “The zone” grew.`,
			[]string{"It opened.", "(It grew.)", "“The zone” grew."}},
		{"a web address does not cut", "Email service@ichongqing.info for help. Thanks.",
			[]string{"Email service@ichongqing.info for help.", "Thanks."}},
		{"the ideographic full stop always cuts", "开放平台。重庆", []string{"开放平台。", "重庆"}},
		{"blank and space-only lines give nothing", "\n  \n\t\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tc.text) {
				got = append(got, s.Text)
				if tc.text[s.Start:s.End] != s.Text {
					t.Errorf("offsets %d:%d give %q, not %q", s.Start, s.End, tc.text[s.Start:s.End], s.Text)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestSentencesKnowTheirLine(t *testing.T) {
	got := Sentences("Title\n\nOne. Two.\nThree.")
	lines := []int{1, 3, 3, 4}
	if len(got) != len(lines) {
		t.Fatalf("got %d sentences, want %d", len(got), len(lines))
	}
	for i, s := range got {
		if s.Line != lines[i] {
			t.Errorf("sentence %q on line %d, want %d", s.Text, s.Line, lines[i])
		}
	}
}
