// The user's CSV data across reloads: localStorage holds the float32 columns (x then y) as base64,
// exactly the values the app trains on. A link with dataset=custom depends on this browser's copy.
import type { CustomData } from '../engine/csv-data';

export const CUSTOM_DATA_KEY = 'minibatch-lab.custom-data';

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (privacy settings, sandboxed iframe)
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) text += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(text);
}

export function encodeCustomData(data: CustomData): string {
  const both = new Float32Array(data.x.length * 2);
  both.set(data.x, 0);
  both.set(data.y, data.x.length);
  return JSON.stringify({ v: 1, n: data.x.length, data: toBase64(new Uint8Array(both.buffer)) });
}

export function decodeCustomData(text: string): CustomData | null {
  try {
    const parsed = JSON.parse(text) as { v?: number; n?: number; data?: string };
    if (parsed.v !== 1 || typeof parsed.n !== 'number' || typeof parsed.data !== 'string' || parsed.n < 1) return null;
    const binary = atob(parsed.data);
    if (binary.length !== parsed.n * 8) return null;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const both = new Float32Array(bytes.buffer);
    return { x: both.slice(0, parsed.n), y: both.slice(parsed.n) };
  } catch {
    return null;
  }
}

/** Saves the data; false when storage is unavailable or full (the data then lasts until a reload). */
export function saveCustomData(data: CustomData, storage: StorageLike | null = defaultStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(CUSTOM_DATA_KEY, encodeCustomData(data));
    return true;
  } catch {
    return false;
  }
}

export function loadCustomData(storage: StorageLike | null = defaultStorage()): CustomData | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(CUSTOM_DATA_KEY);
    return text === null ? null : decodeCustomData(text);
  } catch {
    return null;
  }
}
