package web

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"
)

// Recipe is one query of the cookbook.
type Recipe struct {
	Title string // from its "// N. Title" line
	About string // the comment lines under the title
	Query string // the statement, up to and including its semicolon
}

var recipeTitle = regexp.MustCompile(`^// (\d+)\. (.+)$`)

// Recipes reads the cookbook: a "// N. Title" line opens each query, the comment lines
// after it say what it answers, and the statement runs to the line that ends with ";".
func Recipes(cookbook []byte) ([]Recipe, error) {
	var out []Recipe
	var cur *Recipe
	for i, line := range strings.Split(string(cookbook), "\n") {
		trimmed := strings.TrimSpace(line)
		switch m := recipeTitle.FindStringSubmatch(trimmed); {
		case m != nil:
			if cur != nil {
				return nil, fmt.Errorf("cookbook line %d: %q starts before the query %q ends with ;", i+1, trimmed, cur.Title)
			}
			out = append(out, Recipe{Title: m[1] + ". " + m[2]})
			cur = &out[len(out)-1]
		case cur == nil:
			continue
		case strings.HasPrefix(trimmed, "//") && cur.Query == "":
			cur.About = strings.TrimSpace(cur.About + " " + strings.TrimSpace(strings.TrimPrefix(trimmed, "//")))
		case trimmed == "" && cur.Query == "":
			continue
		default:
			cur.Query += line + "\n"
			if strings.HasSuffix(trimmed, ";") {
				cur.Query = strings.TrimSuffix(cur.Query, "\n")
				cur = nil
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("cookbook: the query %q does not end with ;", cur.Title)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("cookbook: no query under a // N. Title line")
	}
	return out, nil
}

// guideHTML is a Neo4j Browser guide (what `:play URL` shows): one slide per query, each
// query a runnable block that a click puts into the editor. Browser removes scripts and
// on* attributes from a guide; html/template escapes every text.
var guideHTML = template.Must(template.New("guide").Parse(`<article class="guide">
<carousel class="deck container-fluid">
<slide class="row-fluid">
<div class="col-sm-12">
<h3>parkgraph</h3>
<p class="lead">The knowledge graph of Chongqing's industrial-cooperation zones and parks.</p>
<p>The style of the graph (a colour and caption per label) is applied, and this guide holds
the {{len .}} queries of the cookbook: click a query to put it into the editor, then run it.
Every relationship and fact carries its evidence, the document and the quote behind it.</p>
<ol>{{range .}}<li>{{.Title}}</li>{{end}}</ol>
</div>
</slide>
{{range .}}<slide class="row-fluid">
<div class="col-sm-3">
<h3>{{.Title}}</h3>
<p class="lead">{{.About}}</p>
</div>
<div class="col-sm-9">
<figure>
<pre class="pre-scrollable code runnable">{{.Query}}</pre>
</figure>
</div>
</slide>
{{end}}</carousel>
</article>
`))

// Guide renders the cookbook as a Neo4j Browser guide.
func Guide(cookbook []byte) ([]byte, error) {
	recipes, err := Recipes(cookbook)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := guideHTML.Execute(&b, recipes); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
