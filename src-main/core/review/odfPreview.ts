import { DOMParser } from '@xmldom/xmldom';
import type yauzl from 'yauzl';
import { openZip, zipEntries } from '../intake/archive/boundedReader';
import { officeBounds } from '../intake/officeBounds';
import type { Preview } from './preview';

/** One part of a document package, read whole (the package's bounds were checked first). */
async function parts(file: string, wanted: (name: string) => boolean): Promise<Map<string, string>> {
  const zip = await openZip(file, { validateEntrySizes: true });
  const found = new Map<string, string>();
  try {
    for await (const entry of zipEntries(zip)) {
      if (!wanted(entry.fileName)) continue;
      found.set(entry.fileName, await readEntry(zip, entry));
    }
  } finally {
    zip.close();
  }
  return found;
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable part'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

const QUIET = { warning: () => {}, error: () => {} };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** ODF elements that become one HTML element around their content. */
const WRAPPED: Record<string, string> = {
  'text:p': 'p',
  'text:list': 'ul',
  'text:list-item': 'li',
  'table:table': 'table',
  'table:table-row': 'tr',
  'table:table-cell': 'td',
};

/** ODF text to the same plain structure mammoth makes of a .docx: headings, paragraphs, lists, tables. */
function render(node: Node): string {
  let html = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      html += escape(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = WRAPPED[el.nodeName];
    if (tag) {
      html += `<${tag}>${render(el)}</${tag}>`;
      continue;
    }
    switch (el.nodeName) {
      case 'text:h': {
        const level = Math.min(6, Math.max(1, Number(el.getAttribute('text:outline-level')) || 1));
        html += `<h${level}>${render(el)}</h${level}>`;
        break;
      }
      case 'text:s':
        html += ' '.repeat(Math.min(100, Number(el.getAttribute('text:c')) || 1));
        break;
      case 'text:tab':
        html += '\t';
        break;
      case 'text:line-break':
        html += '<br>';
        break;
      // Notes, comments, frames and change records are not the text a reviewer reads.
      case 'text:note':
      case 'office:annotation':
      case 'draw:frame':
      case 'text:tracked-changes':
        break;
      default:
        html += render(el);
    }
  }
  return html;
}

const BROKEN = '这份文档无法在此预览（文件可能已损坏），请点击“打开”用系统程序查看。';
const HUGE =
  '这份文档解压后异常庞大（可能是恶意构造的文件），为保护程序未做预览。如确需查看，请点击“打开”用系统程序打开，或请该单位重新发送。';

/** An .odt (LibreOffice Writer's own format) as HTML, within the same bounds as a .docx. */
export async function odtPreview(file: string): Promise<Preview> {
  const bounds = await officeBounds(file);
  if (bounds !== 'ok') return { kind: 'none', message: bounds === 'too-large' ? HUGE : BROKEN };
  try {
    const xml = (await parts(file, (n) => n === 'content.xml')).get('content.xml');
    if (!xml) return { kind: 'none', message: BROKEN };
    const doc = new DOMParser({ errorHandler: QUIET }).parseFromString(xml, 'text/xml');
    const body = doc.getElementsByTagName('office:text')[0];
    return body ? { kind: 'html', html: render(body), warnings: 0 } : { kind: 'none', message: BROKEN };
  } catch {
    return { kind: 'none', message: BROKEN };
  }
}

/**
 * An .ofd (GB/T 33190, the national fixed-layout format 电子公文 use) as its text: each page's
 * TextCode runs in page order, a line per text object. Layout is not kept; 打开 shows the page.
 */
export async function ofdPreview(file: string): Promise<Preview> {
  const bounds = await officeBounds(file);
  if (bounds !== 'ok') return { kind: 'none', message: bounds === 'too-large' ? HUGE : BROKEN };
  try {
    const pages = await parts(file, (n) => /Pages\/Page_\d+\/Content\.xml$/i.test(n));
    const order = [...pages.keys()].sort(
      (a, b) => Number(/Page_(\d+)/i.exec(a)![1]) - Number(/Page_(\d+)/i.exec(b)![1]),
    );
    const lines: string[] = [];
    for (const name of order) {
      const doc = new DOMParser({ errorHandler: QUIET }).parseFromString(pages.get(name)!, 'text/xml');
      const objects = doc.getElementsByTagName('ofd:TextObject');
      for (let i = 0; i < objects.length; i++) {
        const codes = objects[i]!.getElementsByTagName('ofd:TextCode');
        let line = '';
        for (let j = 0; j < codes.length; j++) line += codes[j]!.textContent ?? '';
        if (line.trim()) lines.push(line);
      }
      lines.push('');
    }
    const text = lines.join('\n').trim();
    return text
      ? { kind: 'text', text, truncated: false }
      : { kind: 'none', message: '这份 OFD 文件里没有可提取的文字（可能是扫描件），请点击“打开”用 OFD 阅读器查看。' };
  } catch {
    return { kind: 'none', message: BROKEN };
  }
}
