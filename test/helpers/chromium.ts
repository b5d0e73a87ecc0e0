import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's package is `chromium`; other systems name the binary otherwise. `.ci/run` installs it. */
export function findChromium(): string | null {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    if (!name) continue;
    const r = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return name;
  }
  return null;
}

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: messages are JSON ending
 * in a NUL byte, written to the browser's fd 3 and read from its fd 4), so a test can wait for a page that builds
 * itself with scripts and a service worker, look into its frames and take a screenshot, with no driver library.
 */
export class Browser {
  private readonly child: ChildProcess;
  private readonly profile: string;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private buffer = '';
  private exited: Error | null = null;

  constructor(binary: string, windowSize = '1280,900') {
    this.profile = mkdtempSync(join(tmpdir(), 'pa-chromium-'));
    this.child = spawn(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--window-size=${windowSize}`,
        `--user-data-dir=${this.profile}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const fromBrowser = this.child.stdio[4] as Readable;
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`chromium exited (${code ?? signal})`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  /** One DevTools command; `sessionId` addresses a page attached with `attach`. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** Opens a page and attaches to it; returns the session for its commands. */
  async open(url: string): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Page.enable', {}, sessionId);
    await this.send('Page.navigate', { url }, sessionId);
    return sessionId;
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.send('Browser.close').catch(() => {});
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      this.buffer = this.buffer.slice(end + 1);
      if (message.id === undefined) continue;
      const w = this.waiting.get(message.id);
      if (!w) continue;
      this.waiting.delete(message.id);
      if (message.error) w.reject(new Error(`${w.method}: ${message.error.message}`));
      else w.resolve(message.result);
    }
  }
}

interface Frame {
  id: string;
  url: string;
}

interface FrameTree {
  frame: Frame;
  childFrames?: FrameTree[];
}

/** Every frame of the page, nested ones included. */
export async function frames(browser: Browser, session: string): Promise<Frame[]> {
  const { frameTree } = await browser.send<{ frameTree: FrameTree }>('Page.getFrameTree', {}, session);
  const all: Frame[] = [];
  const walk = (t: FrameTree) => {
    all.push(t.frame);
    for (const c of t.childFrames ?? []) walk(c);
  };
  walk(frameTree);
  return all;
}

/** Evaluates an expression in a frame (in an isolated world: the page's own scripts are not disturbed). */
export async function evaluateIn<T>(browser: Browser, session: string, frameId: string, expression: string): Promise<T> {
  const { executionContextId } = await browser.send<{ executionContextId: number }>(
    'Page.createIsolatedWorld',
    { frameId, worldName: 'portal-archiver-test' },
    session,
  );
  const { result, exceptionDetails } = await browser.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
    'Runtime.evaluate',
    { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true },
    session,
  );
  if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.text}`);
  return result.value;
}
