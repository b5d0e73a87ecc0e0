/** Checks for the replica's JSON site files (fixtures/replica): each names the field that is wrong. */

export type Obj = Record<string, unknown>;

export function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where} must be an object`);
  return v as Obj;
}

export function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new Error(`${where}.${key} must be a non-empty string`);
  return v;
}

export function strOrNull(o: Obj, key: string, where: string): string | null {
  return o[key] === null ? null : str(o, key, where);
}

export function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], where: string, fallback?: T): T {
  const v = o[key] ?? fallback;
  if (!allowed.includes(v as T)) throw new Error(`${where}.${key} must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function arr(o: Obj, key: string, where: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length === 0) throw new Error(`${where}.${key} must be a non-empty array`);
  return v;
}

export function int(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${where}.${key} must be a non-negative integer`);
  return v;
}
