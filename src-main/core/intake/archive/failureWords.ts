/**
 * What went wrong inside an archive, in the office's words. yauzl, zlib and 7-Zip explain
 * themselves in English ("invalid code lengths set", "Is not archive"); a clerk reads the
 * Chinese and forwards it to the unit, so the library's text never reaches the message.
 */
const WORDS: Array<[RegExp, string]> = [
  [
    /end of central directory|not a zip file|is not archive|can ?not open (the )?file as/i,
    '不是完整的压缩包，或文件末尾的目录已丢失',
  ],
  [
    /truncated|unexpected (eof|end)|unavailable data|out of range|outside itself|beyond|past the end/i,
    '文件不完整，可能在下载或发送时被截断',
  ],
  [
    /central directory|local file header|signature|zip64|extra field|comment length|headers? error/i,
    '压缩包的目录结构已损坏',
  ],
  [
    /code lengths|invalid (block|distance|stored|literal)|incorrect header check|deflate|inflate|huffman|data error/i,
    '压缩数据已损坏',
  ],
  [/crc|checksum/i, '校验失败，内容已损坏'],
  [/data after the end/i, '压缩包末尾有多余的数据'],
  [/missing volume/i, '缺少分卷'],
];

export function failureInChinese(said: string): string {
  return WORDS.find(([pattern]) => pattern.test(said))?.[1] ?? '文件结构无法识别';
}
