// Run in its own process by core (review/documentReader.ts): reads the words of a .docx, .odt or .ofd
// named by argv and prints them as JSON. A stranger's document can hold hundreds of megabytes of
// ordinary paragraphs, so nothing here builds the whole document in memory: each part is streamed
// through a SAX parser and the text stops at a cap. Only `docx-html` (mammoth, which builds a tree)
// holds a whole part, and it refuses one past HTML_PART_BYTES. The host adds a memory cap and a deadline.
// Exit codes: 3 damaged or not this format (no text); 4 past this reader's own limits.
// The last four arguments: Node and Electron's utility process put different things before them.
const [modulesJson, mode, file, capText, boundsJson] = process.argv.slice(-5);
const modules = JSON.parse(modulesJson);
const yauzl = require(modules.yauzl);
const { SaxesParser } = require(modules.saxes);

const TEXT_CAP = Number(capText);
/** Intake's bounds for a document package (设置 → 收件限制), as intake/officeBounds.ts applies them. */
const BOUNDS = JSON.parse(boundsJson);
/** Below this a part is not judged by its ratio (intake/officeBounds.ts RATIO_FLOOR). */
const RATIO_FLOOR = 8 * 1024 ** 2;
/** mammoth's tree of a 1 MB document.xml is ~40 MB; past this the preview shows the streamed text instead. */
const HTML_PART_BYTES = 8 * 1024 ** 2;
/** The HTML a preview sends back: a summary is a few hundred KB of it. */
const HTML_CAP = 8 * 1024 ** 2;

class TooLarge extends Error {}

function openZip() {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (e, zip) =>
      e ? reject(e) : resolve(zip),
    ),
  );
}

/**
 * The package's entries, held to intake's bounds by what they declare: a part past the part bound,
 * parts past the total, a large part past the ratio. A part inflating past what it declares is
 * caught while it is read (validateEntrySizes), so the parts not read never need inflating here.
 */
function listEntries(zip) {
  return new Promise((resolve, reject) => {
    const found = [];
    let total = 0;
    zip.on('entry', (entry) => {
      const size = entry.uncompressedSize;
      total += size;
      const ratio = size > RATIO_FLOOR && size > BOUNDS.ratio * Math.max(1, entry.compressedSize);
      if (size > BOUNDS.partBytes || total > BOUNDS.totalBytes || ratio) return reject(new TooLarge());
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Streams one part through `parser`; `done()` says when enough was read to stop early. */
function parse(zip, entry, parser, done) {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (e, stream) => {
      if (e) return reject(e);
      parser.on('error', (err) => {
        stream.destroy();
        reject(err);
      });
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        parser.write(chunk);
        if (done()) {
          stream.destroy();
          resolve();
        }
      });
      stream.on('error', reject);
      stream.on('end', () => {
        parser.close();
        resolve();
      });
    });
  });
}

/** Collected output, stopping at a cap. */
function sink(cap) {
  const out = { parts: [], length: 0, truncated: false };
  out.add = (s) => {
    if (out.truncated || !s) return;
    if (out.length + s.length > cap) {
      out.parts.push(s.slice(0, cap - out.length));
      out.length = cap;
      out.truncated = true;
      return;
    }
    out.parts.push(s);
    out.length += s.length;
  };
  out.text = () => out.parts.join('');
  return out;
}

/** Word's body: runs of w:t, tabs and breaks, a line per paragraph (what mammoth's raw text gives). */
function docxWalker(out) {
  const parser = new SaxesParser();
  let inText = false;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:tab') out.add('\t');
    else if (tag.name === 'w:br' || tag.name === 'w:cr') out.add('\n');
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:p') out.add('\n');
  });
  parser.on('text', (t) => inText && out.add(t));
  return parser;
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** ODF elements that become one HTML element around their content. */
const WRAPPED = {
  'text:p': 'p',
  'text:list': 'ul',
  'text:list-item': 'li',
  'table:table': 'table',
  'table:table-row': 'tr',
  'table:table-cell': 'td',
};
/** Notes, comments, frames and change records are not the text a reviewer reads. */
const SKIPPED = new Set(['text:note', 'office:annotation', 'draw:frame', 'text:tracked-changes']);
/** Where a line ends when only the words are wanted. */
const LINE_ENDS = new Set(['p', 'li', 'tr', 'table', 'ul', 'h']);

/** ODF text as the plain structure mammoth makes of a .docx (headings, paragraphs, lists, tables), or its words. */
function odtWalker(out, html) {
  const parser = new SaxesParser();
  const stack = [];
  let body = 0;
  let skipped = 0;
  parser.on('opentag', (tag) => {
    let close = null;
    if (tag.name === 'office:text') body++;
    else if (!body || skipped) {
      /* outside the body, or inside something left out */
    } else if (SKIPPED.has(tag.name)) skipped++, (close = 'skip');
    else if (WRAPPED[tag.name]) {
      close = WRAPPED[tag.name];
      if (html) out.add(`<${close}>`);
    } else if (tag.name === 'text:h') {
      const level = Math.min(6, Math.max(1, Number(tag.attributes['text:outline-level']) || 1));
      close = `h${level}`;
      if (html) out.add(`<${close}>`);
    } else if (tag.name === 'text:s') out.add(' '.repeat(Math.min(100, Number(tag.attributes['text:c']) || 1)));
    else if (tag.name === 'text:tab') out.add('\t');
    else if (tag.name === 'text:line-break') out.add(html ? '<br>' : '\n');
    stack.push({ name: tag.name, close });
  });
  parser.on('closetag', () => {
    const open = stack.pop();
    if (open.name === 'office:text') body--;
    else if (open.close === 'skip') skipped--;
    else if (open.close && html) out.add(`</${open.close}>`);
    else if (open.close && LINE_ENDS.has(open.close.replace(/\d$/, ''))) out.add('\n');
  });
  parser.on('text', (t) => body && !skipped && out.add(html ? escape(t) : t));
  return parser;
}

/** An OFD page: a line per text object, its TextCode runs joined. */
function ofdWalker(out) {
  const parser = new SaxesParser();
  let inCode = false;
  let line = '';
  const local = (tag) => tag.name.slice(tag.name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    if (local(tag) === 'TextCode') inCode = true;
  });
  parser.on('closetag', (tag) => {
    if (local(tag) === 'TextCode') inCode = false;
    else if (local(tag) === 'TextObject') {
      if (line.trim()) out.add(line + '\n');
      line = '';
    }
  });
  parser.on('text', (t) => {
    if (inCode && line.length < 100_000) line += t;
  });
  return parser;
}

const pageNumber = (name) => Number(/Page_(\d+)/i.exec(name)[1]);

async function readWords(zip) {
  const entries = await listEntries(zip);
  const named = (name) => entries.find((e) => e.fileName === name);
  if (mode === 'docx-html') {
    const part = named('word/document.xml');
    if (!part) process.exit(3);
    if (part.uncompressedSize > HTML_PART_BYTES) throw new TooLarge();
    const mammoth = require(modules.mammoth);
    const result = await mammoth.convertToHtml(
      { path: file },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    if (result.value.length > HTML_CAP) throw new TooLarge();
    return { html: result.value, warnings: result.messages.length };
  }
  const html = mode === 'odt-html';
  const out = sink(html ? HTML_CAP : TEXT_CAP);
  const done = () => out.truncated;
  if (mode === 'docx-text') {
    const part = named('word/document.xml');
    if (!part) process.exit(3);
    await parse(zip, part, docxWalker(out), done);
  } else if (mode === 'odt-text' || html) {
    const part = named('content.xml');
    if (!part) process.exit(3);
    await parse(zip, part, odtWalker(out, html), done);
  } else if (mode === 'ofd-text') {
    const pages = entries.filter((e) => /Pages\/Page_\d+\/Content\.xml$/i.test(e.fileName));
    pages.sort((a, b) => pageNumber(a.fileName) - pageNumber(b.fileName));
    for (const page of pages) {
      if (done()) break;
      await parse(zip, page, ofdWalker(out), done);
      out.add('\n');
    }
  } else process.exit(3);
  return html ? { html: out.text(), truncated: out.truncated } : { text: out.text(), truncated: out.truncated };
}

(async () => {
  const zip = await openZip();
  const result = await readWords(zip);
  zip.close();
  process.stdout.write(JSON.stringify(result));
})().catch((e) => {
  // A buffer the memory cap would not grant, or a part past its declared size: too large, not damaged.
  const tooLarge =
    e instanceof TooLarge || e instanceof RangeError || /allocation failed|too many bytes/i.test(String(e && e.message));
  process.exit(tooLarge ? 4 : 3);
});
