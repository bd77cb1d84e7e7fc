import { connect, type Socket } from 'node:net';

/** A value in Redis's RESP2 protocol. */
export type RespValue = string | number | null | RespValue[];

/** A reply of type error, kept apart from values. */
class RespError extends Error {}

interface Pending {
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
}

/** Parses one RESP value at `offset`; undefined when the buffer does not hold all of it yet. */
const parse = (buffer: Buffer, offset: number): { value: RespValue | RespError; next: number } | undefined => {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next: after };
    case '-':
      return { value: new RespError(line), next: after };
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buffer.length < after + length + 2) return undefined;
      return { value: buffer.toString('utf8', after, after + length), next: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let next = after;
      for (let i = 0; i < count; i += 1) {
        const item = parse(buffer, next);
        if (item === undefined) return undefined;
        if (item.value instanceof RespError) return { value: item.value, next: item.next };
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`Unexpected RESP type byte '${type}'.`);
  }
};

const encode = (args: ReadonlyArray<string | number>): string =>
  `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(String(arg))}\r\n${String(arg)}\r\n`).join('')}`;

/**
 * A small Redis client over one TCP connection: commands are pipelined and answered in order; the
 * connection is opened on first use and again after it breaks. Error messages name the host and
 * port, never the password.
 */
export class RespClient {
  readonly #host: string;
  readonly #port: number;
  readonly #password: string | undefined;
  readonly #username: string | undefined;
  readonly #database: number;
  readonly #connectTimeoutMs: number;
  #socket: Socket | undefined;
  #ready: Promise<Socket> | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending[] = [];
  #closed = false;

  constructor(url: string, connectTimeoutMs = 2_000) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('The Redis URL is not valid: use redis://[:password@]host:port[/db].');
    }
    if (parsed.protocol !== 'redis:') throw new Error(`Unsupported Redis URL scheme '${parsed.protocol}': use redis://.`);
    this.#host = parsed.hostname || '127.0.0.1';
    this.#port = Number(parsed.port || 6379);
    this.#password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
    this.#username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
    this.#database = Number(parsed.pathname.slice(1) || 0);
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /** Sends a command and resolves to its reply. */
  async command(args: ReadonlyArray<string | number>): Promise<RespValue> {
    const socket = await this.#connect();
    return this.#send(socket, args);
  }

  /** Closes the connection. */
  close(): Promise<void> {
    this.#closed = true;
    const socket = this.#socket;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
    });
  }

  #send(socket: Socket, args: ReadonlyArray<string | number>): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      socket.write(encode(args));
    });
  }

  #connect(): Promise<Socket> {
    if (this.#closed) return Promise.reject(new Error('The Redis client is closed.'));
    this.#ready ??= new Promise<Socket>((resolve, reject) => {
      const where = `${this.#host}:${this.#port}`;
      const socket = connect(this.#port, this.#host);
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new Error(`Timed out connecting to Redis at ${where}.`)), this.#connectTimeoutMs);
      socket.on('data', (data: Buffer) => this.#receive(data));
      socket.on('close', () => this.#broken(new Error(`The connection to Redis at ${where} closed.`)));
      socket.on('error', () => undefined); // 'close' follows and reports it
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(`Could not connect to Redis at ${where} (${error.code ?? 'error'}).`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        this.#socket = socket;
        void (async () => {
          if (this.#password !== undefined) {
            await this.#send(socket, this.#username ? ['AUTH', this.#username, this.#password] : ['AUTH', this.#password]);
          }
          if (this.#database !== 0) await this.#send(socket, ['SELECT', this.#database]);
          resolve(socket);
        })().catch((error: unknown) => {
          socket.destroy();
          reject(new Error(`Redis at ${where} refused the connection setup: ${error instanceof Error ? error.message.replace(this.#password ?? '\u0000', '[redacted]') : 'error'}.`));
        });
      });
    });
    return this.#ready;
  }

  #receive(data: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
    let offset = 0;
    for (;;) {
      const parsed = parse(this.#buffer, offset);
      if (parsed === undefined) break;
      offset = parsed.next;
      const pending = this.#pending.shift();
      if (parsed.value instanceof RespError) pending?.reject(new Error(`Redis: ${parsed.value.message}`));
      else pending?.resolve(parsed.value);
    }
    this.#buffer = offset === this.#buffer.length ? Buffer.alloc(0) : this.#buffer.subarray(offset);
  }

  #broken(error: Error): void {
    this.#socket = undefined;
    this.#ready = undefined;
    this.#buffer = Buffer.alloc(0);
    const pending = this.#pending;
    this.#pending = [];
    for (const item of pending) item.reject(error);
  }
}
