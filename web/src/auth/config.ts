/**
 * The runtime configuration, fetched once before the app starts (a top-level await: every module that imports
 * it, such as the API client, sees it loaded). `/config.json` missing (Vite's dev server): the local demo sign-in.
 */
import { parseRuntimeConfig, type RuntimeConfig } from './runtime-config';

export type LoadedConfig = RuntimeConfig | { auth: 'unavailable'; apiBaseUrl?: undefined; error: string };

async function load(): Promise<LoadedConfig> {
  try {
    // Preloaded by index.html (same URL, mode and credentials), so this waits for nothing more than the JS does.
    const res = await fetch('/config.json');
    if (res.status === 404) return { auth: 'dev' };
    if (!res.ok) throw new Error(`GET /config.json → ${res.status}`);
    return parseRuntimeConfig(await res.json());
  } catch (e) {
    // The sign-in page says so; nothing else can work without it.
    return { auth: 'unavailable', error: (e as Error).message };
  }
}

export const runtimeConfig: LoadedConfig = await load();
