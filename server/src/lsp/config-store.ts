/**
 * Config files for the server: the nearest `.reviewlintrc.*` per folder, cached until a watched file changes.
 * A config that breaks while the author edits it is reported once and the last good one keeps working.
 */
import path from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, CONFIG_FILE_NAMES } from '../node/config-files.js';
import type { ConfigLayer } from '../core/config.js';

export interface ConfigLookup {
  layer: ConfigLayer;
  /** The config file that applies, if any. */
  file?: string;
}

export class ConfigStore {
  private readonly fileForDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, ConfigLayer>();
  private readonly lastGood = new Map<string, ConfigLayer>();
  /** Config files currently broken and already reported. */
  private readonly reported = new Set<string>();
  /** Every file a loaded config read (itself and what it extends). */
  private readonly dependencies = new Set<string>();

  constructor(
    private readonly reportBroken: (file: string, message: string) => void,
    private readonly reportFixed: (file: string) => void = () => {},
  ) {}

  /** The config layer for a document in `dir` (no file system access once cached). */
  forDirectory(dir: string | undefined): ConfigLookup {
    if (!dir) return { layer: {} };
    let file = this.fileForDir.get(dir);
    if (!this.fileForDir.has(dir)) {
      file = findConfigFile(dir);
      this.fileForDir.set(dir, file);
    }
    if (!file) return { layer: {} };
    return { layer: this.load(file), file };
  }

  private load(file: string): ConfigLayer {
    const cached = this.loaded.get(file);
    if (cached) return cached;
    let layer: ConfigLayer;
    try {
      const result = loadConfigFile(file);
      layer = result.layer;
      for (const f of result.files) this.dependencies.add(path.resolve(f));
      this.lastGood.set(file, layer);
      if (this.reported.delete(file)) this.reportFixed(file);
    } catch (e) {
      const message = e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e);
      if (!this.reported.has(file)) {
        this.reported.add(file);
        this.reportBroken(file, message);
      }
      layer = this.lastGood.get(file) ?? {};
    }
    this.loaded.set(file, layer);
    return layer;
  }

  /** Forget what a changed file may have affected. Returns true when it was a config file. */
  invalidate(changedPath: string): boolean {
    const isConfig = CONFIG_FILE_NAMES.includes(path.basename(changedPath)) || this.dependencies.has(path.resolve(changedPath));
    if (isConfig) {
      // A config file appearing or disappearing changes which file applies; an edited one may be extended by others.
      this.fileForDir.clear();
      this.loaded.clear();
    }
    return isConfig;
  }

  /** Whether the config file is broken (a reload was attempted and failed). */
  isBroken(file: string): boolean {
    return this.reported.has(file);
  }

  clear(): void {
    this.fileForDir.clear();
    this.loaded.clear();
  }
}
