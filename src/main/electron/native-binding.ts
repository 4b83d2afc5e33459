// Which better-sqlite3 native module the desktop app loads. node_modules/better-sqlite3 holds the
// plain-Node build (npm test and serve mode use it); Electron needs a build for its own ABI, which
// scripts/electron-native.mjs puts in .electron-native/ (development) and electron-builder ships in
// resources/native/ (packaged). Both are passed to better-sqlite3's `nativeBinding` option.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export function findNativeBinding(options: {
  env?: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development. */
  appPath: string;
  /** process.resourcesPath in a packaged app. */
  resourcesPath?: string;
}): string | undefined {
  const env = options.env ?? process.env;
  if (env.FLOWDESK_NATIVE_BINDING) return env.FLOWDESK_NATIVE_BINDING;
  const candidate =
    options.isPackaged && options.resourcesPath
      ? join(options.resourcesPath, 'native', NATIVE_BINDING_FILE)
      : join(options.appPath, '.electron-native', NATIVE_BINDING_FILE);
  // Missing: better-sqlite3 falls back to its own build; if that is the Node one, the startup error
  // page explains how to build the Electron one.
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * esbuild (the flow compiler) runs a native executable, which cannot execute from inside app.asar.
 * electron-builder unpacks it (asarUnpack); esbuild must be told where, via ESBUILD_BINARY_PATH, before
 * it is first loaded. Development needs nothing: node_modules is a real folder there.
 */
export function packagedEsbuildBinary(resourcesPath: string, platform: string = process.platform, arch: string = process.arch): string | undefined {
  const pkg = join(resourcesPath, 'app.asar.unpacked', 'node_modules', '@esbuild', `${platform}-${arch}`);
  const candidate = platform === 'win32' ? join(pkg, 'esbuild.exe') : join(pkg, 'bin', 'esbuild');
  return existsSync(candidate) ? candidate : undefined;
}
