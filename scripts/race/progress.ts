// A one-line progress bar on stderr, drawn only when stderr is a terminal (CI logs stay clean).

export type Progress = {
  phase: (label: string, total: number) => void;
  tick: (n?: number) => void;
  note: (line: string) => void;
  done: () => void;
};

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const tty = stream.isTTY === true;
  let label = "";
  let total = 0;
  let count = 0;
  let started = 0;
  let lastDraw = 0;

  const draw = (force = false) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - lastDraw < 80) return;
    lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, count / total) : 0;
    const filled = Math.round(ratio * width);
    const rate = count / Math.max(0.001, (now - started) / 1000);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    stream.write(
      `\r\x1b[2K${label.padEnd(10)} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}%  ${count}/${total}  ${Math.round(rate)}/s`,
    );
  };
  const clear = () => {
    if (tty && label) stream.write("\r\x1b[2K");
  };

  return {
    phase(next, n) {
      clear();
      label = next;
      total = n;
      count = 0;
      started = performance.now();
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw(count >= total);
    },
    note(line) {
      if (quiet && !tty) return;
      clear();
      stream.write(`${line}\n`);
      if (label) draw(true);
    },
    done() {
      clear();
      label = "";
    },
  };
}
