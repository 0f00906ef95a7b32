import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const projectFile = (path: string) => fileURLToPath(new URL(path, `file://${root}`));

/** The configuration as electron-builder itself loads it from electron-builder.yml. */
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, projectFile('electron-builder.yml'), null);
});

function targetsOf(platform: Configuration['linux'] | Configuration['win']): unknown {
  return platform?.target;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the build output', () => {
    expect(config.appId).toBe('org.wardstation.station');
    expect(config.productName).toBe('Ward Station');
    expect(config.directories?.output).toBe('dist');
    expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }]);
    expect(config.npmRebuild).toBe(true);
  });

  it('packs an asar with native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb on Linux, nsis and msi per machine on Windows, dmg on macOS', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.win)).toEqual(['nsis', 'msi']);
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.msi?.perMachine).toBe(true);
    expect(config.mac?.target).toBe('dmg');
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('holds no signing secret', () => {
    const text = readFileSync(projectFile('electron-builder.yml'), 'utf8');
    const settings = text.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(settings.join('\n')).not.toMatch(/password|cscLink|certificateFile|APPLE_|CSC_/i);
  });
});

describe('files the configuration points to', () => {
  it('has macOS entitlements that allow the JIT', () => {
    const entitlements = config.mac?.entitlements;
    expect(entitlements).toBe('native/macos/entitlements.mac.plist');
    const plist = readFileSync(projectFile(entitlements ?? ''), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  });

  it('has deb scripts that use only the macros electron-builder fills in', () => {
    const scripts = [config.deb?.afterInstall, config.deb?.afterRemove];
    expect(scripts).toEqual(['native/linux/after-install.sh', 'native/linux/after-remove.sh']);
    for (const script of scripts) {
      const text = readFileSync(projectFile(script ?? ''), 'utf8');
      // electron-builder fails the build on any other ${name}.
      const macros = [...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[1]);
      for (const macro of macros) expect(['executable', 'sanitizedProductName']).toContain(macro);
    }
    const install = readFileSync(projectFile('native/linux/after-install.sh'), 'utf8');
    expect(install).toContain('resources/linux/99-ward-station-serial.rules');
    expect(install).toContain('/etc/udev/rules.d/99-ward-station-serial.rules');
  });

  it('ships the udev rule the after-install script installs', () => {
    const linuxResources = JSON.stringify(config.linux?.extraResources);
    expect(linuxResources).toContain('native/linux/99-ward-station-serial.rules');
    expect(linuxResources).toContain('linux/99-ward-station-serial.rules');
  });

  it('lets dialout open FTDI, Prolific, Silicon Labs and WCH adapters', () => {
    const rulesFile = projectFile('native/linux/99-ward-station-serial.rules');
    expect(existsSync(rulesFile)).toBe(true);
    const rules = readFileSync(rulesFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    const vendors = rules.map((rule) => /ATTRS\{idVendor\}=="([0-9a-f]{4})"/.exec(rule)?.[1]);
    expect(vendors.sort()).toEqual(['0403', '067b', '10c4', '1a86']);
    for (const rule of rules) {
      expect(rule).toContain('SUBSYSTEM=="tty"');
      expect(rule).toContain('GROUP="dialout"');
      expect(rule).toContain('MODE="0660"');
    }
  });
});
