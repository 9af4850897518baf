import DOMPurify from 'dompurify';
import { Drawer } from 'antd';
import { marked } from 'marked';
import { useMemo } from 'react';
import guide from '../../../docs/使用说明.md?raw';

// The guide's screenshots, bundled with the app (nothing is fetched from outside).
const images = import.meta.glob('../../../docs/images/*.png', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;
const byName = new Map(Object.entries(images).map(([file, url]) => [file.slice(file.lastIndexOf('/') + 1), url]));

/** docs/使用说明.md, the office's guide, inside the app (F1 or 使用说明). */
export function GuideDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const html = useMemo(() => {
    const rendered = marked.parse(guide, { async: false });
    // Image paths point at the bundled copies; the markdown is ours, sanitised all the same.
    const withImages = rendered.replace(
      /src="images\/([^"]+)"/g,
      (_m, name: string) => `src="${byName.get(name) ?? ''}"`,
    );
    return DOMPurify.sanitize(withImages);
  }, []);
  return (
    <Drawer open={open} onClose={onClose} size={760} title="使用说明" data-testid="guide">
      <div className="desk-guide" dangerouslySetInnerHTML={{ __html: html }} />
    </Drawer>
  );
}
