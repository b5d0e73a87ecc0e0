// Serves a replica web archive on 127.0.0.1 until Ctrl-C, to try `recover` by hand as a new user would:
//   npm run build && node scripts/webarchive.js                  # the bundled portals' archive
//   node scripts/webarchive.js --seed 42 --truth truth.json      # an unseen archive, its ground truth saved
// Options: --seed N (unseen archive from seed N), --truth FILE, --rate429 P / --rate503 P (CDX and replay),
// --cdx-per-minute N, --replay-per-second N. Prints the base URL and what the archive holds; logs nothing else.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fixtureArchive, startWebArchive, unseenArchive } from '../dist/replica/webarchive/index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    truth: { type: 'string' },
    rate429: { type: 'string' },
    rate503: { type: 'string' },
    'cdx-per-minute': { type: 'string' },
    'replay-per-second': { type: 'string' },
  },
});
const num = (v) => (v === undefined ? undefined : Number(v));
const archive = values.seed === undefined ? fixtureArchive() : unseenArchive({ seed: Number(values.seed) });
const route = { rate429: num(values.rate429), rate503: num(values.rate503) };
const wa = await startWebArchive({
  archive,
  faults: { cdx: route, replay: route },
  limits: { cdxPerMinute: num(values['cdx-per-minute']), replayPerSecond: num(values['replay-per-second']) },
});
if (values.truth) writeFileSync(values.truth, JSON.stringify(wa.truth, null, 1));
console.log(`web archive: ${wa.base}   (CDX ${wa.cdxUrl}; pywb ${Object.values(wa.collections).join(', ')})`);
for (const p of wa.truth.portals) {
  console.log(`  ${p.listingUrl}  ${p.articles.filter((a) => a.held).length} articles held, ${p.days.length} crawls`);
}
console.log(`  blocked: ${wa.truth.blockedHosts.join(', ')}; never captured: ${wa.truth.emptyHosts.join(', ')}`);
process.on('SIGINT', () => void wa.close());
