import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/channels';
import type { AppEvent, BridgeApi } from '../../shared/contract/bridge';

/**
 * The sandboxed preload: the page gets window.api = { invoke, onEvent, pathForFile } and nothing else
 * (no ipcRenderer, no channel names, no Electron objects). The event object never crosses, only its payload.
 */
const api: BridgeApi = {
  invoke: (req) => ipcRenderer.invoke(INVOKE_CHANNEL, { ns: req.ns, method: req.method, args: req.args }),
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  // Only for a File the user dropped or picked: the page learns that file's path and nothing else of the disk.
  async pathForFile(file) {
    const p = webUtils.getPathForFile(file);
    if (!p) throw new Error(`${file.name}: this file has no path on disk (was it dragged from another app?)`);
    return p;
  },
};

contextBridge.exposeInMainWorld('api', api);
