import yauzl from 'yauzl';

/** The result key inside a 评审包 (what the reviewer's laptop gets), read straight from the ZIP. */
export function packageKey(file: string): Promise<string> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'package.json') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => {
              zip.close();
              resolve(
                (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: { resultKey: string } }).body.resultKey,
              );
            });
        });
      });
      zip.on('end', () => reject(new Error('no package.json')));
      zip.readEntry();
    }),
  );
}
