// Run in its own process by core (review/wordText.ts): word-extractor reads the OLE compound file
// named by argv and prints the text as JSON (filterUnicode off: its default turns Chinese “”
// quotes into ASCII ones). The package's path is passed in, so this file resolves nothing itself.
// The last two arguments: Node and Electron's utility process put different things before them.
const [modulePath, file] = process.argv.slice(-2);
const WordExtractor = require(modulePath);
new WordExtractor().extract(file).then(
  (doc) => process.stdout.write(JSON.stringify({ text: doc.getBody({ filterUnicode: false }) })),
  // A buffer the memory cap would not grant: too large (4), not damaged (3).
  (e) => process.exit(e instanceof RangeError || /allocation failed/i.test(String(e && e.message)) ? 4 : 3),
);
