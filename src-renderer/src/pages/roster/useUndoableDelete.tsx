import { App, Button } from 'antd';
import { useCallback, useRef } from 'react';
import { desk, DeskCallError } from '../../api/client';
import { isTypingTarget } from '../../util/format';
import { useKeydown } from '../../util/useAction';
import type { Unit } from './columns';

/** Deleting is immediate and undoable (a 撤销 button and Ctrl+Z), which beats an "are you sure?" box. */
export function useUndoableDelete() {
  const { notification, message } = App.useApp();
  const last = useRef<number[] | null>(null);

  const undo = useCallback(async () => {
    const ids = last.current;
    if (!ids) return;
    last.current = null;
    notification.destroy('unit-delete');
    try {
      const { restored } = await desk.units.restore({ ids });
      message.success(`已撤销删除，恢复 ${restored.length} 个集体`);
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '撤销失败');
    }
  }, [notification, message]);

  const remove = useCallback(
    async (units: Unit[]) => {
      if (!units.length) return;
      try {
        const { removed } = await desk.units.remove({ ids: units.map((u) => u.id) });
        last.current = removed;
        notification.open({
          key: 'unit-delete',
          type: 'success',
          title: units.length === 1 ? `已删除“${units[0]!.name}”` : `已删除 ${removed.length} 个集体`,
          description: '按 Ctrl+Z 或点击“撤销”可以恢复。',
          duration: 10,
          actions: (
            <Button type="primary" size="small" onClick={() => void undo()} data-testid="undo-delete">
              撤销
            </Button>
          ),
        });
      } catch (error) {
        message.error(error instanceof DeskCallError ? error.message : '删除失败');
      }
    },
    [notification, message, undo],
  );

  useKeydown((event) => {
    if (
      (event.ctrlKey || event.metaKey) &&
      event.key.toLowerCase() === 'z' &&
      !isTypingTarget(event.target) &&
      last.current
    ) {
      event.preventDefault();
      void undo();
    }
  });

  return { remove, undo };
}
