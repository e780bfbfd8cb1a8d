// Where a search's words occur in a line of text, so a result can show them marked: the text cut
// into pieces, each a match or not. Case-insensitive, every word of the query, overlaps merged.
// Pure; the search itself is Rust's (session_search.rs), this only draws its answer.

export interface Piece {
  text: string;
  match: boolean;
}

/** `text` in pieces, the occurrences of `query`'s words marked. */
export function markMatches(text: string, query: string): Piece[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== "");
  const lower = text.toLowerCase();
  // Lowercasing changed the length (rare letters): offsets would not line up, so mark nothing.
  if (words.length === 0 || lower.length !== text.length) return text === "" ? [] : [{ text, match: false }];
  const spans: [number, number][] = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
      spans.push([at, at + word.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const pieces: Piece[] = [];
  let done = 0;
  for (const [start, end] of spans) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    if (from > done) pieces.push({ text: text.slice(done, from), match: false });
    const last = pieces[pieces.length - 1];
    // Touching or overlapping matches ("can" and "canary") are one mark.
    if (last?.match && from === done) last.text += text.slice(from, end);
    else pieces.push({ text: text.slice(from, end), match: true });
    done = end;
  }
  if (done < text.length) pieces.push({ text: text.slice(done), match: false });
  return pieces;
}
