import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
// Aliased: the Lambda bundles' banner declares its own `createRequire` at the top of the module.
import { createRequire as requireFrom } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Font, Fontkit } from 'pdf-lib/cjs/types/fontkit';

/**
 * The agreement's fonts: DejaVu Sans and DejaVu Sans Bold (package `dejavu-fonts-ttf`), which cover French
 * typography (é, œ, « », €, U+00A0, U+202F) where pdf-lib's standard fonts cannot encode U+202F.
 *
 * The bytes are read once per container (module-level cache) and embedded as subsets in every document. The
 * parsed fonts are kept too: fontkit parses the tables (cmap, GSUB…) lazily on a font object, and that cost
 * would otherwise come back with every document. Sharing them is safe: pdf-lib only reads the font and builds
 * each document's subset in an object of its own, and fontkit's work is synchronous (no interleaving).
 */

/** The two TTF files, as named in `dejavu-fonts-ttf/ttf/`: the Lambda bundle copies them next to its handler. */
export const AGREEMENT_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontStyle = keyof typeof AGREEMENT_FONT_FILES;

/** When set, the folder holding {@link AGREEMENT_FONT_FILES} (the Lambda bundle sets it); else node_modules. */
export const FONT_DIR_ENV = 'VIGIE_FONT_DIR';

/**
 * Fixed PostScript names, with a fixed subset tag (six capitals and "+", ISO 32000-1 §9.6.4): pdf-lib would
 * otherwise append a random suffix to the name and the same model would not give the same bytes.
 */
export const EMBEDDED_FONT_NAMES: Record<FontStyle, string> = { regular: 'VIGIEA+DejaVuSans', bold: 'VIGIEB+DejaVuSans-Bold' };

/** The folder the fonts are read from. `import.meta.url` works under tsx (ESM) and in jest (SWC rewrites it). */
export function fontDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[FONT_DIR_ENV];
  if (fromEnv) return fromEnv;
  return join(dirname(requireFrom(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

export type FontBytes = Record<FontStyle, Uint8Array>;

let cached: Promise<FontBytes> | undefined;
let parsed = new WeakMap<Uint8Array, Font>();

/** The font files' bytes, read on first use and kept for the life of the process (a Lambda container). */
export function loadFontBytes(): Promise<FontBytes> {
  cached ??= readFonts(fontDirectory()).catch((e: unknown) => {
    cached = undefined; // a missing file stays an error, but a later call may retry (e.g. after a fix of the env)
    throw e;
  });
  return cached;
}

async function readFonts(dir: string): Promise<FontBytes> {
  const [regular, bold] = await Promise.all([readFile(join(dir, AGREEMENT_FONT_FILES.regular)), readFile(join(dir, AGREEMENT_FONT_FILES.bold))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

export type AgreementFonts = Record<FontStyle, PDFFont>;

/** Embeds both fonts in `doc` as subsets (only the glyphs used end up in the file), under their fixed names. */
export async function embedAgreementFonts(doc: PDFDocument): Promise<AgreementFonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(cachingFontkit);
  const embed = (style: FontStyle) => doc.embedFont(bytes[style], { subset: true, customName: EMBEDDED_FONT_NAMES[style] });
  // One after the other: object numbers are allocated in this order, and must not depend on timing.
  const regular = await embed('regular');
  const bold = await embed('bold');
  return { regular, bold };
}

/** fontkit, parsing each font file's bytes once (the bytes are the cached ones, so identity is the key). */
const cachingFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let font = parsed.get(buffer);
    if (!font) parsed.set(buffer, (font = fontkit.create(buffer, postscriptName)));
    return font;
  },
};

/** Test hook: forget the cached bytes and fonts (to test the lookup of the font folder). */
export function resetFontCache(): void {
  cached = undefined;
  parsed = new WeakMap();
}
