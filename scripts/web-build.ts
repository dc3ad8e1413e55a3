/**
 * `npm run web:build`: builds web/ into web/dist (Vite). Without --force, only when the sources changed since
 * the last build (what `npm start` does; the browser tests run this too).
 */
import { ensureWebBuild } from '../infra/local/web-build';

const r = await ensureWebBuild({ force: process.argv.includes('--force'), log: (s) => console.log(s) });
console.log(r.built ? `web/dist built in ${(r.ms / 1000).toFixed(1)} s` : 'web/dist is up to date');
