// The application menu: the usual roles plus New Flow, Save, Run Now and the Queue Monitor. Flowdesk's
// own items only send a MenuCommand to the renderer, which does the work through the contract like any
// button would. Pure data (a template), so building it needs no Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/preload-api';

export function menuTemplate(platform: string, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    // The renderer also handles Ctrl/Cmd+S itself inside Monaco; registerAccelerator: false keeps the
    // shortcut from firing twice while the menu still shows it.
    registerAccelerator: command !== 'save',
    click: () => send(command)
  });

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        item('New Flow', 'CmdOrCtrl+N', 'new-flow'),
        item('Save', 'CmdOrCtrl+S', 'save'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'Flow',
      submenu: [item('Run Now', 'CmdOrCtrl+Enter', 'run-now')]
    },
    {
      label: 'View',
      submenu: [
        item('Queue Monitor', 'CmdOrCtrl+Shift+M', 'queue-monitor'),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' }
  );
  return template;
}
