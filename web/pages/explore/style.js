// How entity types look: the label of a type (PARK -> Park) and its colours.
import colors from "./colors.js";

export const label = (type) => (type ? type.charAt(0) + type.slice(1).toLowerCase() : "Entity");

const fallback = { color: "#A5ABB6", border: "#9AA1AC", text: "#FFFFFF" };
export const nodeStyle = (type) => colors.nodes[label(type)] || fallback;
export const relColor = (type) => colors.relationships[type] || "#A5ABB6";

// badge is a type label in its colours (set through the CSSOM, which the page's
// Content-Security-Policy allows, unlike style attributes).
export function badge(type, el) {
  const b = el("span", { class: "badge" }, label(type));
  const s = nodeStyle(type);
  b.style.backgroundColor = s.color;
  b.style.borderColor = s.border;
  b.style.color = s.text;
  return b;
}
