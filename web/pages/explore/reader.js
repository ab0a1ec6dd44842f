// The document reader: a source document's text, opened on the quoted sentence,
// highlighted.
import { gql, DOCUMENT } from "./api.js";
import { el, show, message, quoted } from "./dom.js";
import { queryBox } from "./views.js";

// locate finds quote in text: as it is, else with runs of white space taken as one space.
// It returns [start, end) or null.
export function locate(text, quote) {
  if (!quote) return null;
  let i = text.indexOf(quote);
  if (i >= 0) return [i, i + quote.length];
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length || !words[0]) return null;
  const m = new RegExp(words.join("\\s+")).exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

export function readerView(root) {
  async function open(id, quote) {
    show(root, message("Loading…"));
    let data;
    try {
      data = await gql(DOCUMENT, { id });
    } catch (err) {
      show(root, message(err.message, "error"));
      return;
    }
    const d = data.node;
    if (!d || d.text == null) {
      show(root, message("No document with the id " + quoted(id) + " is in the graph.", "error"));
      return;
    }
    document.title = d.title + " · parkgraph explorer";
    const at = locate(d.text, quote);
    const body = el("div", { class: "doc-text", tabindex: "0" });
    let mark = null;
    if (at) {
      mark = el("mark", { id: "quote", tabindex: "-1" }, d.text.slice(at[0], at[1]));
      body.append(d.text.slice(0, at[0]), mark, d.text.slice(at[1]));
    } else {
      body.append(d.text);
    }
    show(root, el("article", { class: "reader" },
      el("h2", {}, d.title),
      el("p", { class: "muted" }, [d.publisher, d.author, d.publishedOn].filter(Boolean).join(" · "), " · ", el("code", {}, d.id)),
      quote && !at ? message("The quote " + quoted(quote) + " is not in this document.", "error") : null,
      body,
      queryBox(DOCUMENT, { id })));
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    } else {
      window.scrollTo(0, 0);
    }
  }
  return { show: open };
}
