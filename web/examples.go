package web

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Example is one GraphQL example of the README, opened as a GraphiQL tab.
type Example struct {
	Title string `json:"title"` // the README's sentence before the example, or its heading
	// Query is the example as printed, preceded by "# Title" when it has no comment of its
	// own, and named after the title (GraphiQL names the tab after the operation).
	Query string `json:"query"`
}

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// Examples returns the GraphQL examples of readme (Markdown) in the order printed. The
// title of each is its own first comment line, else the short paragraph just before it,
// else the heading of its section. examples.json holds Examples of the README;
// TestGraphiQLTabsAreTheReadmeExamples keeps it current.
func Examples(readme string) []Example {
	var out []Example
	for _, m := range graphqlBlock.FindAllStringSubmatchIndex(readme, -1) {
		query := readme[m[2]:m[3]]
		para, heading := before(readme[:m[0]])
		e := Example{Title: heading, Query: query}
		if first, _, _ := strings.Cut(strings.TrimSpace(query), "\n"); strings.HasPrefix(first, "#") {
			e.Title = strings.TrimSpace(strings.TrimLeft(first, "#"))
		} else {
			if para != "" && len(para) <= 140 {
				e.Title = para
			}
			e.Query = "# " + e.Title + "\n" + query
		}
		e.Query = named(e.Query, operationName(e.Title))
		out = append(out, e)
	}
	return out
}

// named gives the anonymous query of q (a document whose first line not a comment opens
// with "{") the name name.
func named(q, name string) string {
	lines := strings.SplitAfter(q, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if strings.HasPrefix(l, "{") && name != "" {
			lines[i] = "query " + name + " " + l
		}
		break
	}
	return strings.Join(lines, "")
}

// operationName is the first five words of title that are not small words, in
// CamelCase, letters and digits only.
func operationName(title string) string {
	small := map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "that": true,
		"with": true, "its": true, "in": true, "for": true, "to": true, "their": true}
	var b strings.Builder
	words := strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	n := 0
	for _, w := range words {
		if small[strings.ToLower(w)] {
			continue
		}
		if n++; n > 5 {
			break
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	s := b.String()
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		s = "Q" + s
	}
	return s
}

// before returns the paragraph of text right before its end, if one comes before any code
// block or heading, joined into one line without a final colon; and the last heading.
func before(text string) (para, heading string) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	var p []string
	done := false
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(l, "#"):
			return sentence(p), strings.TrimSpace(strings.TrimLeft(l, "#"))
		case strings.HasPrefix(l, "```"):
			done = true
			for i--; i >= 0 && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i-- {
			}
		case l == "":
			done = done || len(p) > 0
		case !done:
			p = append([]string{l}, p...)
		}
	}
	return sentence(p), ""
}

func sentence(lines []string) string {
	s := strings.Join(lines, " ")
	s = strings.TrimSuffix(s, ":")
	return strings.NewReplacer("`", "", "**", "").Replace(s)
}

// ReadmeExamples returns the examples of examples.json (the README's, as GraphiQL opens
// them), in the order printed.
func ReadmeExamples() ([]Example, error) {
	b, err := files.ReadFile("examples.json")
	if err != nil {
		return nil, err
	}
	var out []Example
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("examples.json: %w", err)
	}
	return out, nil
}
