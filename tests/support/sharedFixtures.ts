import fs from 'node:fs';
import path from 'node:path';

/** The shared fixtures sit beside the checkout (../shared); DESK_FIXTURES points elsewhere when they do not. '' where absent. */
export const FIXTURES =
  [process.env.DESK_FIXTURES, path.resolve(__dirname, '../../../shared/fixtures')].find((dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'MANIFEST.tsv'))) ?? '';
