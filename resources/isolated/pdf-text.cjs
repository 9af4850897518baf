// Run in its own process by core (search/extract.ts): pdf.js reads the PDF named by argv and prints
// its text as JSON, page by page. A stranger's PDF can be built to exhaust a parser, so this runs
// under the host's heap cap and deadline. An encrypted or damaged PDF exits 3: no text.
// The last three arguments: Node and Electron's utility process put different things before them.
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const [modulePath, cMapDir, file] = process.argv.slice(-3);

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
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    page.cleanup();
  }
  process.stdout.write(JSON.stringify({ text: pages.join('\n') }));
  await doc.destroy();
})().catch(() => process.exit(3));
