/**
 * Answers a request Node's HTTP parser refused (a control character in a header, a malformed request line, headers
 * too large, a request too slow) so that the client can read the answer. Fastify's default writes the answer and
 * destroys the socket at once; when the client is still sending its body, closing a socket with unread input makes
 * the kernel reset the connection and the answer is lost. So: answer with `Connection: close`, half-close, and
 * read and discard what the client still sends (bounded like the 413 drain) before letting the socket go.
 */
import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { DEFAULT_DRAIN_BOUNDS, type DrainBounds } from './bodyLimit';

interface ClientError extends Error {
  code?: string;
}

function answerFor(error: ClientError): { status: number; message: string } {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'the request took too long to arrive' };
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'request headers too large' };
  return { status: 400, message: 'malformed HTTP request (a header or the request line could not be parsed)' };
}

export function clientErrorAnswerer(bounds: DrainBounds = DEFAULT_DRAIN_BOUNDS) {
  // The parser stays on the socket and refuses every later chunk again: answer the first refusal only.
  const answered = new WeakSet<Socket>();
  return (error: ClientError, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const { status, message } = answerFor(error);
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    );
    lingerThenClose(socket, bounds);
  };
}

function lingerThenClose(socket: Socket, { maxBytes, maxMs }: DrainBounds): void {
  let read = 0;
  const timer = setTimeout(() => socket.destroy(), maxMs);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > maxBytes) socket.destroy();
  });
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
  socket.on('error', () => socket.destroy());
  socket.resume();
}
