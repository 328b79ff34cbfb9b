/**
 * Completing a name inside a filter expression: the word at the caret, and the names that could finish it. A word
 * is a run of characters a name can hold (letters, digits, '_', '.', and the brackets and quotes of
 * attributes['key']); spaces, parentheses, operators and commas end it.
 */
const WORD = /[A-Za-z0-9_.[\]'"]/;

export interface Word {
  start: number;
  end: number;
  text: string;
}

/** The word the caret is in or just after; its text runs from its start to the caret. */
export function wordAt(text: string, caret: number): Word {
  let start = caret;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && WORD.test(text[end])) end++;
  return { start, end, text: text.slice(start, caret) };
}

/** Names that start with the word (ignoring case), shortest first; none for an empty word or a quoted value. */
export function suggestions(word: string, names: string[], max = 8): string[] {
  if (!word || /^['"]/.test(word)) return [];
  const lower = word.toLowerCase();
  return Array.from(new Set(names))
    .filter((n) => n.toLowerCase().startsWith(lower) && n !== word)
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .slice(0, max);
}

/** The text with the word replaced by a name, and where the caret goes: after the name. */
export function complete(text: string, word: Word, name: string): { text: string; caret: number } {
  return { text: text.slice(0, word.start) + name + text.slice(word.end), caret: word.start + name.length };
}
