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
