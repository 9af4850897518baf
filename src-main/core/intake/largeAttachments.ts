/**
 * 超大附件: NetEase (163/126) and QQ mail send files over their attachment limit as a download
 * link in the body, kept for a while (163 writes the expiry beside the link, QQ keeps them 30
 * days). The office must download them before they expire; the app lists them and never fetches
 * a link itself.
 */
export interface LargeAttachmentLink {
  provider: '网易邮箱' | 'QQ 邮箱';
  url: string;
  name: string | null;
  /** As the mail states it, e.g. "80.96M". */
  size: string | null;
  /** When the link stops working (ISO), from the mail or the provider's rule; null when unknown. */
  expiresAt: string | null;
}

const LINK =
  /https?:\/\/(?:(?:mail\.(?:163|126)\.com\/large-attachment-download|dashi\.163\.com\/html\/cloud-attachment-download)|(?:mail\.qq\.com\/cgi-bin\/ftnExs_download|wx\.mail\.qq\.com\/ftn\/download))[^\s"'<>）)]*/gi;
const SIZE_EXPIRY =
  /[（(]\s*([\d.]+\s*[KMGT]B?)\s*[,，]\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}):(\d{2})\s*到期\s*[)）]/i;
const FILE_NAME =
  /([^\s<>"'/\\:*?|（(]{1,120}\.(?:zip|rar|7z|docx?|wps|pdf|ofd|odt|xlsx?|pptx?|jpe?g|png|heic|mp4|mov))(?=\s|[（(]|$)/i;
const QQ_DAYS = 30;

/** The text around a link: 163 puts the name and "(size, date 到期)" just before it; QQ around it. */
function near(text: string, index: number, length: number): { before: string; after: string } {
  return {
    before: text.slice(Math.max(0, index - 300), index),
    after: text.slice(index + length, index + length + 300),
  };
}

/** The match closest to the link: the last one before it or the first after it, whichever is nearer. */
function nearest(pattern: RegExp, before: string, after: string): RegExpExecArray | null {
  const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  const last = [...before.matchAll(all)].at(-1) ?? null;
  const first = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(after);
  if (!last) return first;
  if (!first) return last as RegExpExecArray;
  return before.length - (last.index + last[0].length) <= first.index ? (last as RegExpExecArray) : first;
}

/** Visible text of an HTML body, enough to read names and sizes beside the links. */
function textOf(html: string): string {
  return (
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      // A link's text is the file's name: keep it just before the address, as the plain-text part has it.
      .replace(/<a\b[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, ' $2 $1 ')
      .replace(/<br\s*\/?>|<\/(p|div|tr|li)>/gi, '\n')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
  );
}

/** Every large-attachment link in a mail's bodies, once each, with what the mail says about it. */
export function largeAttachmentLinks(
  text: string | undefined,
  html: string | false | undefined,
  sentAt: string | null,
): LargeAttachmentLink[] {
  const bodies = [text ?? '', typeof html === 'string' ? textOf(html) : ''];
  const found = new Map<string, LargeAttachmentLink>();
  for (const body of bodies) {
    for (const match of body.matchAll(LINK)) {
      const url = match[0].replace(/[.,;，。]+$/, '');
      const { before, after } = near(body, match.index, match[0].length);
      const qq = /qq\.com/i.test(url);
      const stated = nearest(SIZE_EXPIRY, before, after);
      const name =
        nearest(
          FILE_NAME,
          before
            .split('\n')
            .filter((l) => l.trim())
            .slice(-3)
            .join(' '),
          after.split('\n')[0] ?? '',
        )?.[1] ?? null;
      let expiresAt: string | null = null;
      if (stated) {
        const [, , y, mo, d, h, mi] = stated;
        expiresAt = new Date(
          `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:00+08:00`,
        ).toISOString();
      } else if (qq && sentAt) {
        expiresAt = new Date(Date.parse(sentAt) + QQ_DAYS * 86_400_000).toISOString();
      }
      const previous = found.get(url);
      found.set(url, {
        provider: qq ? 'QQ 邮箱' : '网易邮箱',
        url,
        name: previous?.name ?? name,
        size: previous?.size ?? stated?.[1]?.replace(/\s+/g, '') ?? null,
        expiresAt: previous?.expiresAt ?? expiresAt,
      });
    }
  }
  return [...found.values()];
}
