import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { writeZip, type ZipEntryInput } from './zipWriter';

/** Common characters of a summary, so generated paragraphs compress as ordinary prose does (≈4:1), not as a bomb. */
const PROSE =
  '团支部组织青年开展学习活动服务群众志愿者岗位创新技能比武安全生产文明规范服务窗口示范品牌建设年度工作总结' +
  '全体成员立足本职岗位围绕中心工作持续深化作风培训考核提升质量效率满意度社区企业医院学校交通银行税务电力';

/** `bytes` of document.xml-like paragraphs of ordinary words, the same every run. */
function paragraphs(bytes: number, seed: string, element: 'w' | 'hdr'): Buffer {
  const chunks: string[] = [];
  let size = 0;
  let state = crypto.createHash('sha256').update(seed).digest();
  for (let n = 0; size < bytes; n++) {
    state = crypto.createHash('sha256').update(state).digest();
    let words = '';
    for (let i = 0; i < 120; i++) words += PROSE[state[i % 32]! % PROSE.length]!;
    const p = `<w:p><w:r><w:t>第${n}段：${words}</w:t></w:r></w:p>`;
    chunks.push(p);
    size += Buffer.byteLength(p);
  }
  const root = element === 'w' ? 'w:document' : 'w:hdr';
  const open = `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`;
  const body = chunks.join('');
  return Buffer.from(element === 'w' ? `${open}<w:body>${body}</w:body></${root}>` : `${open}${body}</${root}>`);
}

/**
 * A .docx of ordinary paragraphs, inside intake's bounds: one `document.xml` of `partMb` MB, and
 * `parts - 1` header parts of the same size (four of 60 MB: 240 MB, under the 256 MB total).
 */
export function largeDocx(partMb: number, parts = 1): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const entries: ZipEntryInput[] = [
    { name: '[Content_Types].xml', data: Buffer.from(types), encoding: 'utf8' },
    { name: 'word/document.xml', data: paragraphs(partMb * 1024 ** 2, 'body', 'w'), encoding: 'utf8', deflate: true },
  ];
  for (let i = 1; i < parts; i++)
    entries.push({
      name: `word/header${i}.xml`,
      data: paragraphs(partMb * 1024 ** 2, `header${i}`, 'hdr'),
      encoding: 'utf8',
      deflate: true,
    });
  return writeZip(entries);
}

/** A PDF of numbered objects, its cross-reference table worked out. */
function pdfOf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join('')));
  return Buffer.concat(parts);
}

/** A PDF of `pages` pages, each saying its number: "第 N 页 工作总结". */
export function manyPagesPdf(pages: number): Buffer {
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const kids: string[] = [];
  for (let n = 1; n <= pages; n++) {
    const page = objects.length + 1;
    kids.push(`${page} 0 R`);
    const text = `BT /F1 12 Tf 72 720 Td (Page ${n} summary) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`,
    );
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  return pdfOf(objects);
}

/** A one-page PDF whose content stream inflates to `mb` megabytes of blanks (a 1 GB stream is ~1 MB on disk). */
export async function inflatingPdf(mb: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const blanks = Buffer.alloc(1024 ** 2, 0x20);
  blanks.write('BT /F1 12 Tf 72 720 Td (Summary) Tj ET\n');
  for (let i = 0; i < mb; i++) if (!deflate.write(blanks)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const stream = Buffer.concat(out);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
