/** A progress line: redrawn in place on a terminal, printed at most once a second otherwise. */
export function progressLine(stream: NodeJS.WriteStream): { update(text: string): void; done(): void } {
  let last = '';
  let lastPrinted = 0;
  return {
    update(text) {
      last = text;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        return;
      }
      const now = Date.now();
      if (now - lastPrinted >= 1000) {
        lastPrinted = now;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
