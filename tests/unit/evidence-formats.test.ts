import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_SET, ITEM_KEYS } from '../support/evidenceSet';
import { textOf } from '../support/evidenceEval';
import { writerDocument } from '../support/wordDoc';
import { writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

const bank = EVIDENCE_SET.find((s) => s.file === 'bank.docx')!;

/** An .ofd as GB/T 33190 lays it out, one text object per line (no program here writes OFD). */
function ofdOf(text: string): Buffer {
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  const objects = text
    .split('\n')
    .map(
      (line, i) =>
        `<ofd:TextObject ID="${i + 3}" Boundary="0 ${i * 10} 180 10" Font="1" Size="4"><ofd:TextCode X="0" Y="5">${line}</ofd:TextCode></ofd:TextObject>`,
    )
    .join('');
  const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  return writeZip([
    {
      name: 'OFD.xml',
      data: xml(
        `<ofd:OFD ${ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
      ),
    },
    {
      name: 'Doc_0/Document.xml',
      data: xml(
        `<ofd:Document ${ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
      ),
    },
    {
      name: 'Doc_0/Pages/Page_0/Content.xml',
      data: xml(`<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="2">${objects}</ofd:Layer></ofd:Content></ofd:Page>`),
    },
  ]);
}

describe('评审助手 in every summary format the app reads', () => {
  it('finds the same passage and count in .doc, .wps, .odt and .pdf written by LibreOffice, and in .ofd', async () => {
    const text = textOf(bank);
    const doc = writerDocument(text, 'doc');
    const formats: Array<[string, Buffer | null, string]> = [
      ['doc', doc, '城中营业部'],
      // WPS Office saves .wps as the same compound Word file (other bytes: the same ones would be a duplicate).
      ['wps', writerDocument(`${text}附：活动照片五张`, 'doc'), '柳南营业部'],
      ['odt', writerDocument(text, 'odt'), '鱼峰营业部'],
      ['pdf', writerDocument(text, 'pdf'), '柳北营业部'],
      ['ofd', ofdOf(text), '柳江营业部'],
    ];
    const t = openTestCore();
    const dir = tempDir();
    for (const [format, bytes, unit] of formats) {
      expect(bytes, `.${format} was not written`).not.toBeNull();
      await t.call('units.create', { name: unit, sectorId: 6 });
      fs.writeFileSync(path.join(dir, `${unit}.zip`), writeZip([{ name: `工作总结.${format}`, data: bytes! }]));
    }
    const imported = await t.call('intake.import', { files: localFiles([dir]) });
    for (const [format, , unit] of formats) {
      const source = imported.sources.find((s) => s.unit?.name === unit)!;
      const evidence = await t.call('reviews.evidence', { submissionId: source.submission_id! });
      expect(evidence.readable, format).toBe(true);
      const study = evidence.items.find((i) => i.title === ITEM_KEYS.学习)!;
      expect(study.count, format).toBe(7);
      expect(study.passages[0]!.text.replace(/\s+/g, ''), format).toContain('全年共举办专题学习七期');
      const display = evidence.items.find((i) => i.title === ITEM_KEYS.展示)!;
      expect(display.passages[0]!.text.replace(/\s+/g, ''), format).toContain('营业厅电子屏');
    }
  }, 240_000);
});
