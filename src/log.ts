/** Where progress and warnings go. The CLI writes them to stderr; tests collect them. Data never goes here. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {} };
