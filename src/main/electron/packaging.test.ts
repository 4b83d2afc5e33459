// electron-builder cannot run here (it needs the Electron binary), so its configuration is checked the
// way electron-builder itself checks it first: against its own JSON schema. Plus the facts the app
// relies on when packaged: the resources it names exist, and main points at the electron-vite output.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const require = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[] };
  win: { target: string[] };
}

function loadConfig(): BuilderConfig {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets AppImage and deb, plus dmg and nsis, as Flowdesk', () => {
    const config = loadConfig();
    expect(config.productName).toBe('Flowdesk');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('ships migrations, examples and the Electron SQLite build outside the asar, where the app looks', () => {
    const config = loadConfig();
    const to = Object.fromEntries(config.extraResources.map((r) => [r.from, r.to]));
    // findMigrationsDir reads process.resourcesPath/migrations; findNativeBinding resources/native.
    expect(to).toMatchObject({ 'resources/migrations': 'migrations', 'resources/examples': 'examples', '.electron-native': 'native' });
    expect(existsSync(join(root, 'resources/migrations/meta/_journal.json'))).toBe(true);
    expect(existsSync(join(root, 'resources/examples'))).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@esbuild/**']));
    // Rebuilding node_modules in place for Electron would break `npm test` in the same checkout.
    expect(config.npmRebuild).toBe(false);
  });

  it('has a 512x512 PNG icon and a main entry inside the packaged files', () => {
    const config = loadConfig();
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toContain('out/**');
  });
});
