// Run in its own process by core (search/extract.ts): pdf.js reads the PDF named by argv and prints
// its text as JSON, page by page. A stranger's PDF can be built to exhaust a parser, so this runs
// under the host's memory cap and deadline. An encrypted or damaged PDF exits 3: no text; one past
// the memory cap (a stream that inflates to a gigabyte) exits 4. The text stops at the cap core
// keeps, and at MAX_PAGES: a summary is a few pages, and a 10,000-page file is not one.
// The last four arguments: Node and Electron's utility process put different things before them.
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const [modulePath, cMapDir, file, capText] = process.argv.slice(-4);
const TEXT_CAP = Number(capText);
const MAX_PAGES = 500;

(async () => {
  const pdfjs = await import(pathToFileURL(modulePath).href);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    // Chinese PDFs often name a predefined CMap (UniGB-UCS2-H) rather than embed one.
    cMapUrl: cMapDir.endsWith('/') ? cMapDir : `${cMapDir}/`,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages = [];
  let length = 0;
  const last = Math.min(doc.numPages, MAX_PAGES);
  for (let n = 1; n <= last && length < TEXT_CAP; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    pages.push(text);
    length += text.length + 1;
    page.cleanup();
  }
  const truncated = length >= TEXT_CAP || doc.numPages > MAX_PAGES;
  process.stdout.write(JSON.stringify({ text: pages.join('\n').slice(0, TEXT_CAP), truncated }));
  await doc.destroy();
})().catch((e) => process.exit(e instanceof RangeError || /allocation failed/i.test(String(e && e.message)) ? 4 : 3));
