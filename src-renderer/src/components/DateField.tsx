import { DatePicker, Tooltip, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type KeyboardEvent } from 'react';
import { DATE_FORMS_HINT, isoDayOf, parseTypedDate } from '../../../src-main/common/lenientDate';

/** Shown first (how a date reads back), then the forms the picker itself parses (its calendar's input). */
const DAY_FORMATS = [
  'YYYY年M月D日',
  'YYYY-MM-DD',
  'YYYY-M-D',
  'YYYY/MM/DD',
  'YYYY/M/D',
  'YYYY.MM.DD',
  'YYYY.M.D',
  'YYYYMMDD',
  'YYYY年MM月DD日',
];
const TIME_FORMATS = ['YYYY-MM-DD HH:mm', ...DAY_FORMATS.flatMap((f) => [`${f} HH:mm`, `${f} H:mm`])];

type Props = Omit<
  DatePickerProps,
  'value' | 'defaultValue' | 'onChange' | 'format' | 'showTime' | 'multiple' | 'onBlur' | 'onKeyDown' | 'onOk'
> & {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  /** Also a time of day (HH:mm). */
  withTime?: boolean;
};

/**
 * antd's DatePicker (zh_CN) that understands a date typed in any common office form — 2022-12-20,
 * 2022/12/20, 2022.12.20, 20221220, 2022年12月20日, 12月20日 — and shows it back as 2022年12月20日.
 * What it cannot read is said beside the field, and the date it had is kept: never a silent
 * revert to another day.
 */
export function DateField({ value, onChange, withTime = false, ...rest }: Props) {
  const [warning, setWarning] = useState<string | null>(null);
  const formats = withTime ? TIME_FORMATS : DAY_FORMATS;

  const settle = (text: string) => {
    const typed = text.trim();
    if (!typed) return setWarning(null);
    // Already what the picker shows: nothing was typed.
    if (value && value.format(formats[0]) === typed) return setWarning(null);
    const parsed = parseTypedDate(typed);
    if (!parsed) {
      setWarning(`看不懂“${typed}”${value ? `，仍为 ${value.format(formats[0])}` : ''}。可写成 ${DATE_FORMS_HINT}`);
      return;
    }
    setWarning(null);
    const day = dayjs(isoDayOf(parsed));
    const next = withTime
      ? day.hour(parsed.hour ?? value?.hour() ?? 0).minute(parsed.minute ?? value?.minute() ?? 0)
      : day;
    if (!value || !next.isSame(value, withTime ? 'minute' : 'day')) onChange?.(next);
  };

  // The text typed is read from the input events themselves: by the time the picker reports a blur
  // it has already put its last good value back in the box.
  const typed = useRef<string | null>(null);
  return (
    <span
      style={{ display: 'contents' }}
      onInput={(e) => (typed.current = (e.target as HTMLInputElement).value)}
      onBlur={() => {
        if (typed.current !== null) settle(typed.current);
        typed.current = null;
      }}
      onKeyDown={(e: KeyboardEvent<HTMLElement>) => {
        if (e.key !== 'Enter' || typed.current === null) return;
        settle(typed.current);
        typed.current = null;
      }}
    >
      <Tooltip open={!!warning} title={warning} placement="bottom">
        <DatePicker
          {...rest}
          value={value}
          // One form for the picker itself: with several it matches a prefix as it is typed (2022/12/2
          // on the way to 2022/12/20) and rewrites the box under the typist. Every other form is read
          // by `settle` when the field is left or Enter is pressed.
          format={formats[0]}
          showTime={withTime ? { format: 'HH:mm' } : undefined}
          status={warning ? 'warning' : rest.status}
          onChange={(d: Dayjs | null) => {
            // While a date is being typed the picker parses every prefix (2022/12/2 on the way to
            // 2022/12/20); passing that on would rewrite the box under the typist. What was typed is
            // read once, by `settle`, when the field is left or Enter is pressed.
            if (typed.current !== null) return;
            setWarning(null);
            onChange?.(d);
          }}
        />
      </Tooltip>
    </span>
  );
}
