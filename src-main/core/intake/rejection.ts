import { DeskError } from '../contract/errors';

import type { RejectionCode } from '../../common/errorCodes';

export type { RejectionCode };

/** Why a whole source was refused; the message tells the office what to do about it. */
export class Rejection extends DeskError {
  declare readonly code: RejectionCode;
  /** What the refused mail said of its sender (subject, name, address): enough to tell whose material was refused. */
  sender?: { texts: string[]; address: string | null };

  constructor(code: RejectionCode, message: string) {
    super(code, message);
  }
}

export const ADVICE = {
  resend: '请联系该单位改用 ZIP 格式重新打包发送。',
  noPassword: '请联系该单位去掉压缩包密码后重新发送。',
  broken: '文件已损坏或不完整，请联系该单位重新发送。',
  recompress: '请联系该单位用常见的压缩软件（WinRAR、7-Zip、好压或 Windows 自带的“压缩为 ZIP 文件”）重新压缩后发送。',
  repack: '请联系该单位重新打包后发送。',
  noNesting: '请联系该单位把材料直接放进一个压缩包（不要压缩包套压缩包）后重新发送。',
} as const;
