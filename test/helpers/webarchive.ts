/** Small clients for the replica web archive tests: one GET without following redirects, bytes and headers kept. */
export interface Got {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
}

export async function get(url: string, init: RequestInit = {}): Promise<Got> {
  const r = await fetch(url, { redirect: 'manual', ...init });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, text: body.toString('utf8') };
}

/** CDX text lines (without the trailing empty line). */
export function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
}

export const cdx = (base: string, query: Record<string, string | string[]>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) q.append(k, one);
  return `${base}/cdx/search/cdx?${q}`;
};
