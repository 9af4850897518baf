import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksum, resultHmac } from '../../src-main/core/review/package/format';
import { packageKey } from '../support/packageKey';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

async function answerAll(t: TestCore, submissionId: number, reviewerId: number, comment: string) {
  const campaign = (await t.call('campaigns.current'))!;
  const answers = Object.fromEntries(
    campaign.items.map((i) => [
      String(i.id),
      i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
    ]),
  );
  return t.call('reviews.save', { submissionId, reviewerId, answers, comment, status: 'submitted' });
}

/** The office with two units' material, a package for 王老师, and his laptop with it opened and both reviewed. */
async function roundTrip() {
  const office = openTestCore();
  for (const [i, unit] of ['柳州银行营业部', '柳州市第一中学团委'].entries()) {
    await office.call('units.create', { name: unit });
    const file = path.join(tempDir(), `${unit}.zip`);
    fs.writeFileSync(
      file,
      writeZip([
        { name: '总结.docx', data: makeDocx(unit) },
        ...[0, 1, 2].map((p) => ({ name: `照片${p}.png`, data: makePng(5 + i * 3 + p, 9) })),
      ]),
    );
    await office.call('intake.import', { files: localFiles([file]) });
  }
  await office.call('reviewers.create', { name: '王老师' });
  const pkg = await office.saveTo(
    'reviews.exportPackage',
    { reviewer: '王老师' },
    path.join(tempDir(), '王老师.deskreview'),
  );
  const laptop = openTestCore();
  await laptop.call('reviews.openPackage', { file: { path: pkg.file } });
  const [me] = await laptop.call('reviewers.list');
  for (const q of await laptop.call('reviews.queue', { reviewerId: me!.id }))
    await answerAll(laptop, q.submissionId, me!.id, `评语：${q.unitName}`);
  const result = await laptop.saveTo('reviews.exportResult', undefined, path.join(tempDir(), 'result.deskresult'));
  return { office, laptop, me: me!, pkg: pkg.file, result: result.file };
}

type Sealed = {
  body: {
    packageId: string;
    reviews: Array<
      Record<string, unknown> & { submissionId: number; answers: Record<string, unknown>; updatedAt: string }
    >;
  };
  hmac?: string;
  checksum?: string;
};

function forge(
  file: string,
  change: (body: Sealed['body']) => void,
  reseal: 'checksum' | 'none' | { key: string } = 'checksum',
): string {
  const sealed = JSON.parse(fs.readFileSync(file, 'utf8')) as Sealed;
  change(sealed.body);
  const out: Record<string, unknown> = { body: sealed.body };
  // What a forger can do: recompute the public checksum, or keep the old HMAC.
  if (reseal === 'checksum') out.checksum = checksum(sealed.body);
  else if (reseal === 'none') out.hmac = sealed.hmac;
  else out.hmac = resultHmac(sealed.body, reseal.key);
  const target = path.join(tempDir(), 'forged.deskresult');
  fs.writeFileSync(target, JSON.stringify(out));
  return target;
}

describe('评审结果 the office can trust', () => {
  it("the result file is sealed with the package's key and named after the reviewer; a recomputed checksum or an edited body is refused", async () => {
    const { office, result } = await roundTrip();
    expect(path.basename(result)).toBe('result.deskresult');
    const sealed = JSON.parse(fs.readFileSync(result, 'utf8')) as Sealed;
    expect(sealed.hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.checksum).toBeUndefined();
    const recomputed = forge(result, (body) => (body.reviews[0]!.comment = '改过的评语'), 'checksum');
    expect(await office.callRaw('reviews.importResult', { file: { path: recomputed } })).toMatchObject({
      ok: false,
      error: { code: 'bad-seal' },
    });
    const kept = forge(result, (body) => (body.reviews[0]!.comment = '改过的评语'), 'none');
    expect(await office.callRaw('reviews.importResult', { file: { path: kept } })).toMatchObject({
      ok: false,
      error: { code: 'bad-seal' },
    });
    const guessed = forge(result, (body) => (body.reviews[0]!.comment = '改过的评语'), { key: 'ab'.repeat(32) });
    expect(await office.callRaw('reviews.importResult', { file: { path: guessed } })).toMatchObject({
      ok: false,
      error: { code: 'bad-seal' },
    });
    expect(await office.call('reviews.list', {})).toEqual([]);
    // The artifact's own name says whose result it is.
    const { laptop } = await roundTrip();
    const made = await laptop.call('reviews.exportResult');
    expect(made.artifact.fileName).toMatch(/^评审结果-王老师-\d{4}-\d{2}-\d{2}\.deskresult$/);
  });

  it('even sealed with the right key, a result that reviews.save would refuse is refused whole, each with its code', async () => {
    const { office, pkg, result } = await roundTrip();
    const zipKey = await packageKey(pkg);
    const key = { key: zipKey };
    const cases: Array<[string, (body: Sealed['body']) => void, string]> = [
      ['a deduction of −100000', (b) => (b.reviews[0]!.deduction = -100000), 'result-invalid'],
      ['a bonus over the cap', (b) => (b.reviews[0]!.bonus = 50), 'result-invalid'],
      ['empty answers marked submitted', (b) => (b.reviews[0]!.answers = {}), 'result-invalid'],
      [
        'an answer to an item not on the form',
        (b) => (b.reviews[0]!.answers['999999'] = { done: true }),
        'result-invalid',
      ],
      ['a time in 9999', (b) => (b.reviews[0]!.updatedAt = '9999-12-31T00:00:00.000Z'), 'result-time'],
      ['a time before the package', (b) => (b.reviews[0]!.updatedAt = '2020-01-01T00:00:00.000Z'), 'result-time'],
      ['one submission twice', (b) => b.reviews.push({ ...b.reviews[0]! }), 'result-duplicate'],
    ];
    for (const [what, change, code] of cases) {
      const forged = forge(result, change, key);
      const answer = await office.callRaw('reviews.importResult', { file: { path: forged } });
      expect(answer, what).toMatchObject({ ok: false, error: { code } });
    }
    expect(await office.call('reviews.list', {})).toEqual([]);
    // The genuine file still goes in.
    expect(await office.call('reviews.importResult', { file: { path: result } })).toMatchObject({
      applied: 2,
      conflicts: [],
    });
  });

  it("a reviewer's second genuine result is an update, not a conflict; a second package carries their work", async () => {
    const { office, laptop, me, result } = await roundTrip();
    expect(await office.call('reviews.importResult', { file: { path: result } })).toMatchObject({
      applied: 2,
      updated: 0,
      conflicts: [],
    });
    const [first] = await laptop.call('reviews.queue', { reviewerId: me.id });
    await laptop.call('reviews.save', {
      ...(await laptop.call('reviews.get', { submissionId: first!.submissionId, reviewerId: me.id })),
      comment: '第二次的评语',
      status: 'submitted',
    });
    const second = await laptop.saveTo('reviews.exportResult', undefined, path.join(tempDir(), 'second.deskresult'));
    expect(await office.call('reviews.importResult', { file: { path: second.file } })).toMatchObject({
      applied: 0,
      updated: 1,
      unchanged: 1,
      conflicts: [],
    });
    const [officeWang] = await office.call('reviewers.list');
    const officeComments = await Promise.all(
      (await office.call('submissions.list', {})).map(
        async (s) => (await office.call('reviews.get', { submissionId: s.id, reviewerId: officeWang!.id })).comment,
      ),
    );
    expect(officeComments).toContain('第二次的评语');

    // A fresh laptop (a new package for him) shows both reviews he already made.
    const again = await office.saveTo(
      'reviews.exportPackage',
      { reviewer: '王老师' },
      path.join(tempDir(), '再发.deskreview'),
    );
    const newLaptop = openTestCore();
    await newLaptop.call('reviews.openPackage', { file: { path: again.file } });
    const [him] = await newLaptop.call('reviewers.list');
    const queue = await newLaptop.call('reviews.queue', { reviewerId: him!.id });
    expect(queue.map((q) => q.status)).toEqual(['done', 'done']);
    const comments = await Promise.all(
      queue.map(
        async (q) =>
          (await newLaptop.call('reviews.get', { submissionId: q.submissionId, reviewerId: him!.id })).comment,
      ),
    );
    expect(comments.sort()).toEqual(
      ['第二次的评语', `评语：${queue.find((q) => q.unitName !== first!.unitName)!.unitName}`].sort(),
    );
  });

  it('opening a package again after its files were lost puts them back', async () => {
    const { laptop, pkg } = await roundTrip();
    const [s] = await laptop.call('submissions.list', {});
    const lost = s!.files[0]!.sha256;
    const file = path.join(laptop.dataDir, 'files', lost.slice(0, 2), lost);
    fs.rmSync(file);
    expect(await laptop.call('reviews.openPackage', { file: { path: pkg } })).toMatchObject({ alreadyOpen: true });
    expect(fs.existsSync(file)).toBe(true);
  });
});
