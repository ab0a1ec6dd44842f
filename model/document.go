package model

// Document is one source document. Text is its full verbatim text. URL is where it was
// published, when its text or metadata says (an absolute http or https URL).
type Document struct {
	ID          string  `json:"id" yaml:"id"`
	File        string  `json:"file" yaml:"file"`
	Title       string  `json:"title" yaml:"title"`
	Publisher   *string `json:"publisher,omitempty" yaml:"publisher"`
	Author      *string `json:"author,omitempty" yaml:"author"`
	PublishedOn *string `json:"publishedOn,omitempty" yaml:"publishedOn"`
	URL         *string `json:"url,omitempty" yaml:"url"`
	Text        string  `json:"-" yaml:"-"`
}

func (*Document) IsNode()         {}
func (d *Document) GetID() string { return d.ID }
