import { message, ProblemError, problemOf, type Message, type MessageKey } from '../i18n/message';

/** Saves `blob` as a file through a Blob URL (no server involved; works offline and from file paths). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(filename: string, text: string, type = 'text/x-python'): void {
  downloadBlob(filename, new Blob([text], { type: `${type};charset=utf-8` }));
}

/**
 * Makes a PNG of `what` and saves it as `filename`. Returns the message to show when that failed
 * (said at render time, so a language switch re-says it), or null.
 */
export async function downloadPng(
  filename: string,
  what: MessageKey,
  make: () => Promise<Blob> | null,
): Promise<Message | null> {
  try {
    const blob = make();
    if (!blob) throw new ProblemError(message('export.notOnPage', { what: message(what) }));
    downloadBlob(filename, await blob);
    return null;
  } catch (error) {
    return message('export.failed', { what: message(what), reason: problemOf(error) });
  }
}
