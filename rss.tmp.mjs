import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';
const c = promisify(brotliCompress);
const mb = () => (process.memoryUsage().rss / 1048576).toFixed(0);
console.log('start', mb());
await import('./dist/cli/main.js');
console.log('after import', mb());
const body = Buffer.from('<p>Xin chào Việt Nam</p>'.repeat(400));
for (let round = 0; round < 5; round++) {
  await Promise.all(Array.from({ length: 16 }, () => c(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })));
  console.log('after brotli x16', mb());
}
for (let round = 0; round < 3; round++) {
  await Promise.all(Array.from({ length: 16 }, () => c(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 16, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })));
  console.log('after brotli lgwin16 x16', mb());
}
