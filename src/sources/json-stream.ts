/**
 * Splits a stream of concatenated JSON objects into the text of each object. kube-apiserver writes one object
 * per line, but other servers of the Kubernetes API (CAPI's in-memory API server, proxies) indent them over many
 * lines, so framing goes by braces outside strings, not by newlines.
 */
export class JsonObjectSplitter {
  private buffer = '';
  /** Where scanning resumes in `buffer`. */
  private scan = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;

  /** Feeds a chunk; returns the complete objects it closed, as text. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const out: string[] = [];
    const text = this.buffer;
    for (let i = this.scan; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \\ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 /* { */) {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (c === 125 /* } */ && this.depth > 0) {
        this.depth--;
        if (this.depth === 0) out.push(text.slice(this.start, i + 1));
      }
    }
    // Keep only the unfinished object, so the buffer does not grow with the stream.
    if (this.depth === 0) {
      this.buffer = '';
      this.scan = 0;
    } else {
      this.buffer = text.slice(this.start);
      this.scan = this.buffer.length;
      this.start = 0;
    }
    return out;
  }
}
