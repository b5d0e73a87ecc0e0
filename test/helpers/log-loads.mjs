// Preloaded with `node --import`: writes `LOAD <url>` to stderr for every module the process loads (tests of what a
// command's start-up loads).
import { register } from 'node:module';

register(new URL('./log-loads-hooks.mjs', import.meta.url));
