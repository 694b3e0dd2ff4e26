/** Captures what a download link of the kit would save (a Blob behind an object URL), without saving it. */
export function captureDownloads(): { files: { name: string; blob: Blob }[]; stop(): void } {
  const files: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = create.call(URL, blob);
    blobs.set(url, blob as Blob);
    return url;
  };
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest?.('a[download]') as HTMLAnchorElement | null;
    if (!a) return;
    e.preventDefault();
    files.push({ name: a.download, blob: blobs.get(a.href)! });
  };
  document.addEventListener('click', onClick, true);
  return { files, stop: () => { URL.createObjectURL = create; document.removeEventListener('click', onClick, true); } };
}
