import { statSync } from 'node:fs';
import path from 'node:path';

export interface OutFile {
  /** The file the user named, resolved. */
  target: string;
  /** Where the bytes are written: a temporary name beside the target, or the target itself when `direct`. */
  writing: string;
  /** The target is written in place; otherwise `writing` is renamed onto it once whole, or removed on failure. */
  direct: boolean;
}

/**
 * Where `--out` is written. A file goes under a temporary name beside it and is renamed onto it once whole, so a
 * failed command leaves it as it was. A target that exists and is not a regular file (`/dev/stdout`, a named pipe)
 * is written in place: renaming onto it would replace the device or the pipe with a file.
 */
export function outFile(out: string): OutFile {
  const target = path.resolve(out);
  let regular = true;
  try {
    regular = statSync(target).isFile();
  } catch {
    // Nothing there yet: a new file.
  }
  if (!regular) return { target, writing: target, direct: true };
  return { target, writing: path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`), direct: false };
}
