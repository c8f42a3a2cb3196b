// The CJK line engine: inline items → set lines (kinsoku, squeezing, justification).
// STUB: the signatures are final; the bodies are a naive placeholder until the engine lands.
import type { FontSet, InlineItem, ParagraphStyle, SetLine } from '../../types.js';

/**
 * Breaks and sets a paragraph to `width` points. Boxes of each line are relative to the
 * line's left edge (x, indent included) and its baseline (y = 0, y grows downwards).
 * `SetLine.descent` is a positive depth below the baseline.
 * Throws TypesetError when no configured font covers a character.
 */
export function setParagraph(
  items: InlineItem[],
  para: ParagraphStyle,
  width: number,
  fonts: FontSet,
): SetLine[] {
  void items; void para; void fonts;
  return [{ width, naturalWidth: 0, contentWidth: 0, ascent: 0, descent: 0, height: 0, justified: false, text: '', boxes: [] }];
}

/** natural = the width set on one line; minContent = the widest unbreakable unit. */
export function measureInline(items: InlineItem[], fonts: FontSet): { natural: number; minContent: number } {
  void items; void fonts;
  return { natural: 0, minContent: 0 };
}
