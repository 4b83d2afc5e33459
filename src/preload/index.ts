// Sandboxed preload (built to out/preload/index.cjs as one file: a sandboxed preload cannot require
// chunks). Only Electron runs this file; its logic lives in build-api.ts, which tests load.
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../shared/preload-api';
import { buildPreloadApi } from './build-api';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, buildPreloadApi(ipcRenderer, process.platform));
