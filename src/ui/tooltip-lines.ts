// A tooltip's lines wrapped to the width it has (the loss chart at 390 px holds about 35 characters):
// each line is broken after a space or a Chinese comma, and the pieces keep every character, so the
// tooltip's text is the same whatever the width.

/** About how wide a line is drawn at 14 px monospace: 0.6 em a character, CJK characters a full em. */
export const monospaceWidth = (text: string): number =>
  [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 14 : 8.6), 0);

const BREAK_AFTER = /[ ，、：；]/;

/** `line` in pieces no wider than `maxWidth` where it can be broken; joined, the pieces are `line`. */
export function wrapLine(line: string, maxWidth: number, widthOf: (text: string) => number = monospaceWidth): string[] {
  const chars = [...line];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    if (widthOf(chars.slice(start).join('').trimEnd()) > maxWidth) {
      // The last break opportunity that still fits; none: the first one (an unbreakable piece overflows).
      let lastFit = -1;
      let firstBreak = -1;
      for (let i = start; i < chars.length; i++) {
        if (!BREAK_AFTER.test(chars[i])) continue;
        if (firstBreak < 0) firstBreak = i + 1;
        if (
          widthOf(
            chars
              .slice(start, i + 1)
              .join('')
              .trimEnd(),
          ) <= maxWidth
        )
          lastFit = i + 1;
        else break;
      }
      end = lastFit > 0 ? lastFit : firstBreak > 0 ? firstBreak : chars.length;
    }
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}
