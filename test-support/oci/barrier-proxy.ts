/**
 * A pass-through HTTP proxy in front of a registry that holds back chosen requests until `count` of them have
 * arrived, then lets them all go at once: two writers are made to read the same referrers index before either
 * writes, the interleaving that loses an entry on a registry that ignores If-Match.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

export interface BarrierProxy {
  host: string;
  /** How many requests the barrier held. */
  held(): number;
  stop(): Promise<void>;
}

export async function startBarrierProxy(
  target: string,
  options: { matches: (method: string, url: string) => boolean; count: number },
): Promise<BarrierProxy> {
  const waiting: (() => void)[] = [];
  let held = 0;
  const forward = (req: IncomingMessage, res: import('node:http').ServerResponse, body: Buffer) => {
    const [host, port] = target.split(':');
    const upstream = httpRequest(
      { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (held < options.count && options.matches(req.method ?? '', req.url ?? '')) {
        held++;
        waiting.push(() => forward(req, res, body));
        if (held === options.count) for (const go of waiting.splice(0)) go();
        return;
      }
      forward(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    held: () => held,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
