/**
 * Reads Server-Sent Events from a response body in tests: `next(count)` gives the next events
 * (name and parsed JSON data) as they arrive.
 */

/** One event read. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** A reader of an event-stream response. */
export function sseReader(res: Response) {
  const body = res.body;
  if (body === null) throw new Error('no body');
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const decoder = new TextDecoder();
  const ready: SseEvent[] = [];
  let buffer = '';
  return {
    /** The next `count` events (fewer when the stream ends first). */
    async next(count: number): Promise<SseEvent[]> {
      for (let reads = 0; ready.length < count && reads < 1000; reads++) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined)
            ready.push({ event, data: JSON.parse(data) as unknown });
        }
      }
      return ready.splice(0, count);
    },
    cancel: () => reader.cancel(),
  };
}
