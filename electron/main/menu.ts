import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly isDev: boolean;
  readonly onNewBatch: () => void;
  readonly onImport: () => void;
  readonly onImportFolder: () => void;
  readonly onAbout: () => void;
}

/** The application menu: Chinese labels first, English after, as the clerks' training material does. */
export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '文件 File',
      submenu: [
        { label: '新建批次 New Batch', accelerator: 'CmdOrCtrl+N', click: actions.onNewBatch },
        { label: '导入… Import…', accelerator: 'CmdOrCtrl+O', click: actions.onImport },
        { label: '导入文件夹… Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: actions.onImportFolder },
        { type: 'separator' },
        { label: '退出 Quit', role: 'quit' },
      ],
    },
    { label: '编辑 Edit', role: 'editMenu' },
    {
      label: '视图 View',
      submenu: [
        ...(actions.isDev
          ? ([
              { label: '重新加载 Reload', role: 'reload' },
              { label: '开发者工具 Developer Tools', role: 'toggleDevTools' },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { label: '实际大小 Actual Size', role: 'resetZoom' },
        { label: '放大 Zoom In', role: 'zoomIn' },
        { label: '缩小 Zoom Out', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏 Full Screen', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助 Help',
      submenu: [{ label: '关于 About HPF Archive Desk', click: actions.onAbout }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
