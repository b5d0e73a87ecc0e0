import type { Register } from '../context.js';

const collect = (value: string, previous: string[]) => [...previous, value];

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const registerExtract: Register = (cli, ctx) => {
  cli
    .command('extract')
    .description('read saved HTML pages and print one JSONL record per page (nothing is fetched or stored)')
    .argument('<file...>', 'saved HTML pages; - reads one page from stdin')
    .option('--url <url>', "the page's original URL; repeat it once per page, in the same order", collect, [])
    .option('--profile <id>', 'auto (the family that claims the page, else generic), generic, or a profile id', 'auto')
    .addHelpText(
      'after',
      '\nWithout --url, each page must declare its URL (the "saved from url" comment browsers write, a canonical\n' +
        'link or og:url). fetched_at and captured_at are the file\'s modification time (for stdin: when it was read).\n' +
        '\nExample:\n  portal-archiver extract saved/tin-1.html --url https://tuachua.dienbien.gov.vn/TinTuc/View/Tin-1\n' +
        '  curl -s https://site/tin-tuc/bai-1.html | portal-archiver extract - --url https://site/tin-tuc/bai-1.html --profile generic\n' +
        '  portal-archiver extract a.html b.html --url https://site/a --url https://site/b > records.jsonl\n',
    )
    .action(async (files: string[], opts) => {
      const { extractCommand } = await import('../extract.js');
      const result = await extractCommand(
        { inputs: files, urls: opts.url, profile: opts.profile },
        { stdout: ctx.io.stdout, stderr: ctx.io.stderr, readStdin, now: () => new Date() },
      );
      ctx.setCode(result.code);
    });
};
