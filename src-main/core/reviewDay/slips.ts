import fs from 'node:fs';
import { chinaTimeLabel } from '../../common/chinaTime';
import type { CoreContext } from '../app/context';
import { DeskError } from '../contract/errors';
import { MM, renderPdf } from '../export/pdf';
import { makeArtifact } from '../transfer/artifacts';
import { dayStatus } from './status';

const UNENCRYPTED = '此连接在办公室内网中没有加密。验证码只在今天、只供您本人使用，请勿告诉他人或在其他场合使用。';

/** One reviewer's slip: who, where to go (written and as a QR code), the code, until when. */
function slip(name: string, url: string, code: string, endsAt: string) {
  return {
    unbreakable: true,
    margin: [0, 0, 0, 10 * MM],
    table: {
      widths: ['*'],
      body: [
        [
          {
            margin: [6 * MM, 5 * MM, 6 * MM, 5 * MM],
            stack: [
              { text: '组委会工作台 · 集中评审', font: 'Sans', fontSize: 15 },
              { text: `评审人：${name}`, fontSize: 14, margin: [0, 3 * MM, 0, 3 * MM] },
              {
                columns: [
                  { qr: url, fit: 34 * MM, width: 40 * MM },
                  {
                    stack: [
                      { text: '在浏览器地址栏输入（或用手机扫左边的二维码）：', fontSize: 11 },
                      { text: url, font: 'Sans', fontSize: 16, margin: [0, 1 * MM, 0, 3 * MM] },
                      { text: '验证码：', fontSize: 11 },
                      { text: code, font: 'Sans', fontSize: 28, characterSpacing: 4 },
                      { text: `有效至 ${chinaTimeLabel(endsAt)}`, fontSize: 11, margin: [0, 1 * MM, 0, 0] },
                    ],
                  },
                ],
              },
              { text: UNENCRYPTED, fontSize: 10, margin: [0, 3 * MM, 0, 0], color: '#555555' },
            ],
          },
        ],
      ],
    },
    layout: { hLineStyle: () => ({ dash: { length: 4 } }), vLineStyle: () => ({ dash: { length: 4 } }) },
  };
}

/** 打印验证码纸条: a PDF of slips, three to a page, to cut and hand to each reviewer. */
export async function reviewDaySlips(ctx: CoreContext, reviewerIds: number[] | undefined) {
  const status = dayStatus(ctx.db.orm);
  if (!status.day) throw new DeskError('review-day-inactive', '现在没有进行中的集中评审。');
  if (!status.day.port)
    throw new DeskError(
      'review-day-inactive',
      '网络入口还没有打开（桌面版不能开放），请在浏览器模式中开始集中评审后再打印。',
    );
  const url = `http://${status.day.address}:${status.day.port}`;
  const codes = status.codes.filter((c) => !reviewerIds || reviewerIds.includes(c.reviewerId));
  if (!codes.length) throw new DeskError('not-found', '所选评审人没有在用的验证码。');
  const bytes = await renderPdf({
    pageSize: 'A4',
    pageMargins: [20 * MM, 15 * MM, 20 * MM, 15 * MM],
    defaultStyle: { font: 'Serif', fontSize: 12 },
    info: { title: '集中评审验证码纸条' },
    content: codes.map((c) => slip(c.reviewerName, url, c.code, status.day!.endsAt)),
  });
  const artifact = await makeArtifact(ctx.dataDir, '集中评审验证码纸条.pdf', (file) => fs.writeFileSync(file, bytes));
  return { artifact, slips: codes.length };
}
