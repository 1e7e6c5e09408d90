// One Parquet file written by parquet-wasm (the Rust arrow-rs writer compiled to WebAssembly) as Arrow
// batches arrive. parquet-wasm writes a stream of batches and hands back the file's bytes as each row
// group is done, so a file of any size costs about one row group of memory; `write` waits until the
// encoder has taken the previous batch, so the scan never runs ahead of it.
import fs from 'node:fs';
import type { WriterProperties } from 'parquet-wasm/node';

type ParquetWasm = typeof import('parquet-wasm/node');

export class ParquetFile {
  private controller!: ReadableStreamDefaultController<unknown>;
  private wanted: (() => void) | null = null;
  private readonly done: Promise<void>;
  private failure: unknown = null;

  constructor(private readonly pw: ParquetWasm, file: string, props: WriterProperties, first: Uint8Array) {
    const input = new ReadableStream(
      {
        start: (c) => {
          this.controller = c;
        },
        pull: () => {
          const wake = this.wanted;
          this.wanted = null;
          wake?.();
        },
      },
      { highWaterMark: 1 },
    );
    // transformParquetStream reads the first batch (for the schema) before it resolves.
    this.controller.enqueue(this.batch(first));
    const fd = fs.openSync(file, 'w');
    this.done = (async () => {
      try {
        for await (const bytes of (await pw.transformParquetStream(input, props)) as unknown as AsyncIterable<Uint8Array>) fs.writeSync(fd, bytes);
      } finally {
        fs.closeSync(fd);
      }
    })();
    // A failure is reported by the next write or close (not as an unhandled rejection meanwhile), with
    // the writer's own message rather than the closed stream's.
    this.done.catch((err: unknown) => {
      this.failure = err;
    });
  }

  private batch(ipc: Uint8Array) {
    const table = this.pw.Table.fromIPCStream(ipc);
    const batch = table.recordBatch(0)!;
    table.free();
    return batch;
  }

  async write(ipc: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.controller.enqueue(this.batch(ipc));
    if ((this.controller.desiredSize ?? 0) <= 0) await Promise.race([new Promise<void>((resolve) => (this.wanted = resolve)), this.done]);
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.controller.close();
    await this.done;
  }
}
