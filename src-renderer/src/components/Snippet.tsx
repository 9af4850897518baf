import { snippetParts } from '../../../src-main/common/search';

/** A search snippet with the words found marked; text only, never HTML from a summary. */
export function Snippet({ text }: { text: string }) {
  return (
    <span className="desk-snippet">
      {snippetParts(text).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
