import { InputNumber, Tooltip, type InputNumberProps } from 'antd';
import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type ComponentRef,
  type KeyboardEvent,
  type Ref,
} from 'react';

/** What a number field may hold while it is typed: digits, one decimal point, a leading minus. */
const NUMERIC_CHAR = /^[0-9.-]$/;
const NUMERIC_TEXT = /^-?[0-9]*(?:\.[0-9]*)?$/;

/**
 * antd's InputNumber that says so when a letter (or a Chinese character, or a pasted word) is
 * typed into it, beside the field, and keeps what it held: antd alone drops the keystroke
 * without a word, and a score typed as "8五" was saved as no score at all.
 */
export function NumberField(props: InputNumberProps<number> & { ref?: Ref<ComponentRef<typeof InputNumber>> }) {
  const { value, onKeyDown, onPaste, ref, ...rest } = props;
  const [warning, setWarning] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const refuse = (typed: string) => {
    const kept = value === null || value === undefined ? '' : `，仍为 ${value}`;
    setWarning(`这里只能填数字，“${typed.slice(0, 10)}”未输入${kept}`);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setWarning(null), 4000);
  };

  return (
    <Tooltip open={!!warning} title={warning} placement="bottom">
      <InputNumber<number>
        {...rest}
        ref={ref}
        value={value}
        status={warning ? 'warning' : rest.status}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          // A printable key that is not part of a number; shortcuts (Ctrl/⌘+…) and IME composition pass.
          if (
            e.key.length === 1 &&
            !e.ctrlKey &&
            !e.metaKey &&
            !e.altKey &&
            !e.nativeEvent.isComposing &&
            !NUMERIC_CHAR.test(e.key) &&
            e.key !== ' '
          ) {
            e.preventDefault();
            refuse(e.key);
          } else if (warning && e.key.length === 1) setWarning(null);
          onKeyDown?.(e);
        }}
        onPaste={(e: ClipboardEvent<HTMLInputElement>) => {
          const text = e.clipboardData.getData('text').trim();
          if (!NUMERIC_TEXT.test(text)) {
            e.preventDefault();
            refuse(text);
          }
          onPaste?.(e);
        }}
        onCompositionEnd={(e) => {
          // Chinese typed through an IME arrives whole at the end of composition: take it back out.
          const input = e.currentTarget as HTMLInputElement;
          if (e.data && !NUMERIC_TEXT.test(e.data)) {
            input.value = input.value.replace(e.data, '');
            refuse(e.data);
          }
        }}
      />
    </Tooltip>
  );
}
