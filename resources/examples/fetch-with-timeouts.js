// Example flow: call an HTTP service with every limit named, the two ways flows usually do it.
// Input: { url: "http://127.0.0.1:8080/health" }   Result: { fetched: {...}, viaHttp: {...} }
import http from 'node:http';

export default async function (input, ctx) {
  const url = input?.url ?? 'http://127.0.0.1:8080/';
  ctx.log(`attempt ${ctx.job.attempt}/${ctx.job.maxAttempts} of ${ctx.flow.name} v${ctx.flow.version}`);

  // 1. ctx.fetch: timeoutMs bounds the whole request (headers and body), connectTimeoutMs the TCP
  //    connect; ctx.signal (cancel, job timeout) is combined in for you.
  ctx.progress({ value: 0.25, message: 'fetching' });
  const res = await ctx.fetch(url, { timeoutMs: 5000, connectTimeoutMs: 2000 });
  const fetched = { status: res.status, bytes: (await res.text()).length };

  // 2. node:http. req.setTimeout() is an *idle* timer: it only starts once the socket has
  //    connected, so on its own it does not protect against a host that drops SYN packets.
  //    Flowdesk's connect timeout (queue setting connectTimeoutMs, default 10 s) covers the connect;
  //    req.setTimeout covers a server that accepts and then goes quiet; ctx.signal covers cancel.
  ctx.progress({ value: 0.75, message: 'http.request' });
  const viaHttp = await new Promise((resolve, reject) => {
    const req = http.get(url, { signal: ctx.signal }, (r) => {
      let bytes = 0;
      r.on('data', (chunk) => (bytes += chunk.length));
      r.on('end', () => resolve({ status: r.statusCode, bytes }));
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no data from ${url} for 5000 ms (req.setTimeout)`)));
    req.on('error', reject);
  });

  ctx.log('done', fetched, viaHttp);
  return { fetched, viaHttp };
}
