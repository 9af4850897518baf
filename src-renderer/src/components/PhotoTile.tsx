import { Image, Tooltip } from 'antd';
import { fileUrl, thumbUrl } from '../api/client';
import { FILE_KIND } from '../../../src-main/common/fileKinds';

/** Formats a browser draws; HEIC (iPhones) is not one of them, and core cannot make a copy of it here. */
const DRAWABLE = /^image\/(jpeg|png|gif|webp|bmp|tiff)$/;

// A grey frame with "无法显示" for a photo whose bytes turn out not to be a picture.
const BROKEN = `data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="90"><rect width="120" height="90" fill="#f0f0f0"/><text x="60" y="50" font-size="12" text-anchor="middle" fill="#999">无法显示</text></svg>')}`;

/**
 * One photo in a gallery or a file list: the small copy core makes, the full file on zoom. A
 * photo the browser cannot draw gets a labelled tile instead of a broken image; 打开 still works.
 */
export function PhotoTile({
  file,
  width,
  height,
}: {
  file: { sha256: string; name: string; mime: string | null };
  width: number;
  height: number;
}) {
  if (!file.mime || !DRAWABLE.test(file.mime)) {
    const kind = file.mime === 'image/heic' || file.mime === 'image/heif' ? 'HEIC' : FILE_KIND.photo;
    return (
      <Tooltip title={`${file.name}：浏览器无法直接显示这种格式，请用“打开”查看`}>
        <div className="desk-photo-placeholder" style={{ width, height }} role="img" aria-label={file.name}>
          {kind}
        </div>
      </Tooltip>
    );
  }
  return (
    <Image
      src={thumbUrl(file.sha256)}
      preview={{ src: fileUrl(file.sha256) }}
      fallback={BROKEN}
      alt={file.name}
      width={width}
      height={height}
      style={{ objectFit: 'cover', borderRadius: 4 }}
    />
  );
}
