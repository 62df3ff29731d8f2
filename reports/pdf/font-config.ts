/**
 * The fonts the browsers we start can see besides a page's own web fonts. By default only fonts
 * shipped as npm packages: DejaVu (dejavu-fonts-ttf, TrueType), never the machine's, so a report
 * comes out the same, byte for byte, on a machine with many fonts and on one with none. Two
 * reasons to show the browser any font at all: Chromium on Linux cannot load a web font where
 * fontconfig knows no font (`document.fonts.load` fails with a NetworkError on a bare machine),
 * and a character the report's font lacks (a Greek letter) is then drawn from DejaVu, embedded
 * as a named TrueType font, instead of an unnamed Type 3 font of whatever the machine has. Only
 * TrueType files count here: Chromium skips WOFF files in fontconfig. Node-only.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface FontConfigOptions {
  /** Let the browser see the machine's fonts too (default false). */
  systemFonts?: boolean | undefined;
}

/**
 * How glyphs are rasterised, set last so that the system's settings (Debian: slight hinting) do
 * not apply: Chromium lays text out with these settings, and hinting moves glyph advances.
 */
const RENDERING = ["pattern", "font"]
  .map(
    (target) =>
      `  <match target="${target}">\n` +
      `    <edit name="antialias" mode="assign"><bool>true</bool></edit>\n` +
      `    <edit name="hinting" mode="assign"><bool>false</bool></edit>\n` +
      `    <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>\n` +
      `    <edit name="rgba" mode="assign"><const>none</const></edit>\n` +
      `    <edit name="autohint" mode="assign"><bool>false</bool></edit>\n` +
      `    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>\n` +
      `  </match>\n`,
  )
  .join("");

/** Stays a module cache (issue 17): memoises the fontconfig file written for each setting, a constant per install. */
const made = new Map<boolean, Promise<string>>();

/**
 * The path of a fontconfig file (written once per process, in the temp folder) to hand to a
 * browser as FONTCONFIG_FILE.
 */
export function browserFontConfig(opts: FontConfigOptions = {}): Promise<string> {
  const system = opts.systemFonts === true;
  let file = made.get(system);
  if (!file) {
    file = writeFontConfig(system);
    made.set(system, file);
    file.catch(() => made.delete(system));
  }
  return file;
}

async function writeFontConfig(system: boolean): Promise<string> {
  const dejavu = join(
    dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
    "ttf",
  );
  const dir = join(tmpdir(), `scorecard-369-fontconfig-${process.getuid?.() ?? 0}`);
  await mkdir(dir, { recursive: true });
  const name = system ? "system" : "shipped";
  const systemConf = process.env.FONTCONFIG_FILE ?? "/etc/fonts/fonts.conf";
  const conf =
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n` +
    (system ? `  <include ignore_missing="yes">${systemConf}</include>\n` : "") +
    `  <dir>${dejavu}</dir>\n  <cachedir>${join(dir, `cache-${name}`)}</cachedir>\n${RENDERING}</fontconfig>\n`;
  const file = join(dir, `fonts-${name}.conf`);
  const part = `${file}.${process.pid}`;
  await writeFile(part, conf);
  await rename(part, file);
  return file;
}
