/** A progress line: redrawn in place on a terminal, printed at most once a second otherwise. */
export function progressLine(stream: NodeJS.WriteStream): { update(text: string): void; done(): void } {
  let last = '';
  let printed = '';
  let lastPrintedAt = 0;
  const print = (text: string): void => {
    printed = text;
    lastPrintedAt = Date.now();
    stream.write(`${text}\n`);
  };
  return {
    update(text) {
      last = text;
      if (stream.isTTY) stream.write(`\r\x1b[2K${text}`);
      else if (Date.now() - lastPrintedAt >= 1000) print(text);
    },
    /** Ends the line; off a terminal, the final state is printed if it was not yet. */
    done() {
      if (stream.isTTY && last) stream.write('\n');
      else if (last && last !== printed) print(last);
    },
  };
}
