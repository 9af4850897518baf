import { DeskError } from '../contract/errors';

import type { RejectionCode } from '../../common/errorCodes';

export type { RejectionCode };

/** Why a whole source was refused; the message tells the office what to do about it. */
export class Rejection extends DeskError {
  declare readonly code: RejectionCode;

  constructor(code: RejectionCode, message: string) {
    super(code, message);
  }
}

export const ADVICE = {
  resend: '请联系该单位改用 ZIP 格式重新打包发送。',
  noPassword: '请联系该单位去掉压缩包密码后重新发送。',
  broken: '文件已损坏或不完整，请联系该单位重新发送。',
} as const;
