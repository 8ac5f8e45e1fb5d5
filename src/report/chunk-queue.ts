/**
 * Who folds which chunk of a file, shared by the threads of aggregate-in-threads.ts through one
 * SharedArrayBuffer. Each thread has a home: a run of consecutive chunks it takes from the front, in
 * order, so its home folds into one aggregate. A thread whose home is done takes chunks from the back
 * of the home with the most left, one at a time, each folded on its own: the threads then end
 * together even when one of them is slower (a worker still starting, a core the host gives to someone
 * else: on a shared 2-vCPU machine one thread was 230-650 ms behind the other over a 5-second report).
 *
 * A home is one 32-bit word, its front and back chunk indices (16 bits each), changed only by
 * compare-and-swap: the owner and a thief can never both take one chunk, and each chunk is taken once.
 */

/** Chunks of one file at most (each index must fit 16 bits). */
export const MAX_CHUNKS = 1 << 15;

export class ChunkQueue {
  private constructor(private readonly words: Int32Array) {}

  /**
   * `chunks` consecutive chunks dealt as `threads` homes of consecutive chunks (as even as can be),
   * home t before home t+1.
   */
  static create(chunks: number, threads: number): ChunkQueue {
    if (!Number.isInteger(chunks) || chunks < 0 || chunks > MAX_CHUNKS) throw new Error(`a chunk queue holds 0 to ${MAX_CHUNKS} chunks, not ${chunks}`);
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`a chunk queue needs a thread, not ${threads}`);
    const words = new Int32Array(new SharedArrayBuffer(threads * 4));
    for (let t = 0; t < threads; t++) words[t] = pack(Math.floor((t * chunks) / threads), Math.floor(((t + 1) * chunks) / threads));
    return new ChunkQueue(words);
  }

  /** The queue another thread made (its buffer, as posted to a worker). */
  static attach(buffer: SharedArrayBuffer): ChunkQueue {
    return new ChunkQueue(new Int32Array(buffer));
  }

  get threads(): number {
    return this.words.length;
  }

  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Thread t's home, as chunk indices `[first, end)`, as dealt (before anything was taken). */
  static home(chunks: number, threads: number, t: number): { readonly first: number; readonly end: number } {
    return { first: Math.floor((t * chunks) / threads), end: Math.floor(((t + 1) * chunks) / threads) };
  }

  /** The next chunk of thread t's own home, or -1 when none is left. */
  takeOwn(t: number): number {
    for (;;) {
      const word = Atomics.load(this.words, t);
      const front = word >>> 16;
      const back = word & 0xffff;
      if (front >= back) return -1;
      if (Atomics.compareExchange(this.words, t, word, pack(front + 1, back)) === word) return front;
    }
  }

  /** The last chunk left in the fullest other home, or -1 when every home is done. */
  steal(t: number): number {
    for (;;) {
      let victim = -1;
      let most = 0;
      for (let v = 0; v < this.words.length; v++) {
        if (v === t) continue;
        const word = Atomics.load(this.words, v);
        const left = (word & 0xffff) - (word >>> 16);
        if (left > most) {
          most = left;
          victim = v;
        }
      }
      if (victim < 0) return -1;
      const word = Atomics.load(this.words, victim);
      const front = word >>> 16;
      const back = word & 0xffff;
      if (front < back && Atomics.compareExchange(this.words, victim, word, pack(front, back - 1)) === word) return back - 1;
    }
  }
}

function pack(front: number, back: number): number {
  return (front << 16) | back;
}
