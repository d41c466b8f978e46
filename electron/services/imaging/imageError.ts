/** A file that cannot be used as an inspection image; the message is the quarantine reason. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}
