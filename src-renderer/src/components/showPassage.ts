const NAME = 'desk-passage';

/**
 * Finds a passage of a summary in the text drawn under `root` (the document's shadow root, or the
 * plain-text pane), marks it with the CSS highlight `desk-passage` and scrolls it into view. Blanks
 * are ignored on both sides: the passage comes from the text reader, the pane from the HTML one,
 * and they break lines differently. Returns false when the passage is not there.
 */
export function showPassage(root: Node, passage: string): boolean {
  const nodes: Text[] = [];
  const places: Array<[number, number]> = [];
  let squeezed = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const index = nodes.push(text) - 1;
    for (let i = 0; i < text.data.length; i++)
      if (!/\s/.test(text.data[i]!)) {
        squeezed += text.data[i];
        places.push([index, i]);
      }
  }
  const whole = passage.replace(/\s+/g, '');
  let at = squeezed.indexOf(whole);
  let length = whole.length;
  // A passage the two readers spell a little differently is found by its beginning.
  if (at < 0) {
    length = Math.min(16, whole.length);
    at = squeezed.indexOf(whole.slice(0, length));
  }
  if (at < 0 || !length) return false;
  const [startNode, startOffset] = places[at]!;
  const [endNode, endOffset] = places[at + length - 1]!;
  const range = new Range();
  range.setStart(nodes[startNode]!, startOffset);
  range.setEnd(nodes[endNode]!, endOffset + 1);
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.set(NAME, new Highlight(range));
  nodes[startNode]!.parentElement?.scrollIntoView({ block: 'center' });
  return true;
}

export function clearPassage(): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(NAME);
}
