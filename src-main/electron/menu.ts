import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { DeskEvent } from '../core';

/** A Chinese application menu; actions the page owns are sent to it as menu events. */
export function installMenu(window: () => BrowserWindow | null): void {
  const send = (action: Extract<DeskEvent, { type: 'menu' }>['action']) =>
    window()?.webContents.send('desk:event', { type: 'menu', action });
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '导入名册…', accelerator: 'CmdOrCtrl+I', click: () => send('import-roster') },
        { label: '导出名册…', accelerator: 'CmdOrCtrl+E', click: () => send('export-roster') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        // vocabulary: 撤销 here is the edit menu's Undo, not a unit's 撤销称号
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ label: '开发者工具', role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    { label: '帮助', submenu: [{ label: '关于组委会工作台', click: () => send('about') }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
