// Saving a file the app fetched (with the member's token) as a download.

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as `YYYY-MM-DD`, for file names. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
