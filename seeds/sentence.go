package seeds

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a document: Text is text[Start:End], trimmed of spaces.
// Line is the 1-based line of the document it starts on.
type Sentence struct {
	Start, End int
	Line       int
	Text       string
}

// abbreviations end with a full stop that does not end a sentence (compared without
// the stop, case-sensitively).
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "St": true, "No": true,
	"Co": true, "Ltd": true, "Inc": true, "Corp": true, "vs": true, "e.g": true, "i.e": true,
	"U.S": true, "U.K": true, "Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// Sentences splits text into sentences, deterministically: every non-empty line is at
// least one sentence (titles, bylines and headings have no full stop), and a line is cut
// after '.', '!', '?' or '。' (and any closing quotes or brackets after it) where
// whitespace and then an upper-case letter, a digit, an opening quote or bracket
// follows, unless the word before the stop is an abbreviation such as "Co." or "No.".
// A stop inside a figure ("1.5") or a name such as "1+2+7+9" never cuts.
func Sentences(text string) []Sentence {
	var out []Sentence
	emit := func(start, end, line int) {
		for start < end && isSpace(text[start]) {
			start++
		}
		for end > start && isSpace(text[end-1]) {
			end--
		}
		if start < end {
			out = append(out, Sentence{Start: start, End: end, Line: line, Text: text[start:end]})
		}
	}
	line := 1
	for lineStart := 0; lineStart < len(text); {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		start := lineStart
		for i := lineStart; i < lineEnd; {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if r != '.' && r != '!' && r != '?' && r != '。' {
				continue
			}
			end := i
			for end < lineEnd {
				c, n := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(`"'”’)]」`, c) {
					break
				}
				end += n
			}
			if r == '。' || cutsAfter(text, start, i-size, end, lineEnd) {
				emit(start, end, line)
				start = end
				i = end
			}
		}
		emit(start, lineEnd, line)
		line++
		lineStart = lineEnd + 1
	}
	return out
}

// cutsAfter reports whether the stop at text[stop] (whose sentence began at start and
// whose closing marks end at end) ends a sentence: whitespace follows, then a sentence
// opening, and the word before the stop is no abbreviation.
func cutsAfter(text string, start, stop, end, lineEnd int) bool {
	next := end
	for next < lineEnd && isSpace(text[next]) {
		next++
	}
	if next == lineEnd {
		return true
	}
	if next == end {
		return false // no space: "1.5", "e.g.x", "ichongqing.info"
	}
	c, _ := utf8.DecodeRuneInString(text[next:])
	if !unicode.IsUpper(c) && !unicode.IsDigit(c) && !strings.ContainsRune(`"'“‘(「`, c) {
		return false
	}
	if text[stop] != '.' {
		return true
	}
	word := stop
	for word > start && !isSpace(text[word-1]) {
		word--
	}
	return !abbreviations[strings.TrimLeft(text[word:stop], `"'“‘(`)]
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
