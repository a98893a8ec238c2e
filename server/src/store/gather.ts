/**
 * Calls that come while one is running are gathered into the next: `run` is handed the items of one call, never
 * more than `max`, and answers each in its place. When nothing is running a call starts at once, alone, so a quiet
 * server waits for nothing; under load, what waited during one round trip goes in the next. One call runs at a time
 * (more at once were slower on PostgreSQL: creates of one post then wait for each other's lock on its row). An item
 * is only ever in a call made after it came (nothing is answered from a call sent before it).
 */
export function gathered<I, O>(
  run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
  max: number
): (item: I) => Promise<O> {
  const waiting: {item: I; resolve: (value: O) => void; reject: (error: unknown) => void}[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting.length) {
      const batch = waiting.splice(0, max);
      try {
        const results = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const result = results[i];
          if (result?.status === 'fulfilled') w.resolve(result.value);
          else w.reject(result ? result.reason : new Error('No answer for a gathered call'));
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = false;
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({item, resolve, reject});
      if (!running) void drain();
    });
}
