/**
 * Warms the next items' images: fetched and decoded before they are needed, and held so the
 * browser keeps the decoded bitmap, which lets the next item paint in the frame after a
 * decision instead of waiting for the network and the decoder.
 */
export function createImagePrefetcher(limit = 8): (url: string) => void {
  const held = new Map<string, HTMLImageElement>();
  return (url) => {
    if (typeof Image === 'undefined' || held.has(url)) return;
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    // A failed decode is shown when the item comes on screen, with its retry button.
    image.decode?.().catch(() => undefined);
    held.set(url, image);
    for (const oldest of held.keys()) {
      if (held.size <= limit) break;
      held.delete(oldest);
    }
  };
}
